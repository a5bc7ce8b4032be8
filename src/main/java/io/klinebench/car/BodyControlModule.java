package io.klinebench.car;

import io.klinebench.car.CarEvent.CountReset;
import io.klinebench.car.CarEvent.LockState;
import io.klinebench.fob.Button;
import io.klinebench.fob.Key;
import io.klinebench.fob.Transmission;
import io.klinebench.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The simulated body control module: one object, driven from one thread through the clock,
 * taking physical inputs and emitting {@link CarEvent}s. It owns the ignition switch, the
 * doors and locks, the ritual ({@link LearnProcedure}), the remote receiver, key memory and
 * (separately) the immobilizer.
 *
 * <p>Inputs that cannot physically happen (turning the ignition with no key) are refused
 * with an {@link CarEvent.InputRefused}, never an exception: a bench run goes on and shows it.
 */
public final class BodyControlModule {

    private final Profile profile;
    private final Clock clock;
    private final List<Consumer<CarEvent>> listeners = new ArrayList<>();
    private final Consumer<CarEvent> sink = this::emit;
    private final DoorsAndLocks doors;
    private final LearnProcedure ritual;
    private final KeyMemory keyMemory = new KeyMemory();
    private final Immobilizer immobilizer = new Immobilizer();
    private RemoteReceiver receiver;
    private Key key;
    private int ignition;
    private boolean powered = true;

    public BodyControlModule(Profile profile, Clock clock) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.doors = new DoorsAndLocks(profile.doors(), clock, sink, () -> powered);
        this.receiver = new RemoteReceiver(profile.slots(), profile.rollingCode(), true);
        this.ritual = new LearnProcedure(profile, clock, sink, doors, () -> receiver);
    }

    public void onEvent(Consumer<CarEvent> listener) {
        listeners.add(listener);
    }

    public Profile profile() {
        return profile;
    }

    public Clock clock() {
        return clock;
    }

    // ---- physical inputs ----------------------------------------------------------------

    public void insertKey(Key newKey) {
        if (key != null) {
            refuse("insert " + newKey.id(), "key " + key.id() + " is already in the ignition");
            return;
        }
        key = newKey;
        if (!powered) {
            return;
        }
        emit(new CarEvent.KeyInserted(clock.nanos(), key.id()));
        updateCharging();
        ritual.keyInserted(key);
    }

    public void removeKey() {
        if (key == null) {
            refuse("remove key", "no key in the ignition");
            return;
        }
        if (ignition != 0) {
            refuse("remove key", "ignition is at position " + ignition + "; turn it to 0 first");
            return;
        }
        Key out = key;
        if (out.hasRemote()) {
            out.remote().battery().setCharging(false);
        }
        key = null;
        if (!powered) {
            return;
        }
        emit(new CarEvent.KeyRemoved(clock.nanos(), out.id()));
        ritual.keyRemoved();
    }

    /** Ignition position: 0 off, 1 accessory, 2 run (all dash lights), 3 start. */
    public void turnIgnition(int position) {
        if (position < 0 || position > 3) {
            refuse("ignition " + position, "positions are 0 off, 1 accessory, 2 run, 3 start");
            return;
        }
        if (key == null) {
            refuse("ignition " + position, "no key in the ignition");
            return;
        }
        int from = ignition;
        if (from == position) {
            return;
        }
        ignition = position;
        if (!powered) {
            return;
        }
        emit(new CarEvent.IgnitionChanged(clock.nanos(), from, position));
        updateCharging();
        if (position == 3) {
            boolean allowed = immobilizer.authorises(key.transponder());
            emit(new CarEvent.EngineStart(clock.nanos(), key.id(), allowed,
                    allowed ? "transponder " + key.transponder() + " authorised"
                            : "transponder " + key.transponder() + " not authorised by the immobilizer"));
        }
        ritual.ignitionChanged(from, position, preconditionFailure(), key);
    }

    public void setDoor(String door, boolean open) {
        if (!doors.exists(door)) {
            refuse("door " + door, "this car's doors are " + doors.doors());
            return;
        }
        if (!powered) {
            doors.setOpenSilently(door, open);
            return;
        }
        if (doors.setOpen(door, open) && open) {
            ritual.doorOpened();
        }
    }

    /** The central-lock toggle on the console. */
    public void consoleSwitch(LockState target) {
        lockOtherWay("console " + target.name().toLowerCase(), target);
    }

    /** The key turned in the driver's door lock cylinder. */
    public void keyInDoorLock(LockState target) {
        lockOtherWay("door lock " + target.name().toLowerCase(), target);
    }

    /** Whatever a remote put on the air. */
    public void receive(Transmission t) {
        if (!powered) {
            return;
        }
        if (t instanceof Transmission.Released r) {
            if (!ritual.onReleased(r)) {
                ritual.observeLate(r);
            }
            return;
        }
        Transmission.Code code = (Transmission.Code) t;
        long now = clock.nanos();
        if (key != null) {
            emit(new CarEvent.RemoteCodeRejected(now, code.serial(), CarEvent.CodeReject.KEY_IN_IGNITION,
                    "remote functions are ignored while a key is in the ignition"));
            return;
        }
        if (ritual.onCode(code)) {
            return;
        }
        ritual.observeLate(code);
        RemoteReceiver.Check check = receiver.check(code);
        if (check instanceof RemoteReceiver.Check.Rejected r) {
            emit(new CarEvent.RemoteCodeRejected(now, code.serial(), r.reason(), r.detail()));
            return;
        }
        Slot slot = ((RemoteReceiver.Check.Accepted) check).slot();
        emit(new CarEvent.RemoteCodeAccepted(now, code.serial(), slot.index(), code.counter(), code.buttons()));
        if (Button.has(code.buttons(), Button.LOCK)) {
            doors.actuateAll(LockState.LOCKED);
            ritual.carLocked();
        } else if (Button.has(code.buttons(), Button.UNLOCK)) {
            doors.actuateAll(LockState.UNLOCKED);
            applyKeyMemory(KeyMemory.identityOf(code.serial()));
        }
    }

    public void disconnectCarBattery() {
        if (!powered) {
            refuse("car battery disconnect", "already disconnected");
            return;
        }
        ritual.powerLost();
        if (key != null && key.hasRemote()) {
            key.remote().battery().setCharging(false);
        }
        emit(new CarEvent.CarBatteryChanged(clock.nanos(), false));
        powered = false;
    }

    public void reconnectCarBattery() {
        if (powered) {
            refuse("car battery connect", "already connected");
            return;
        }
        powered = true;
        if (profile.carBattery().desyncsRemotes()) {
            receiver.loseSync();
        }
        emit(new CarEvent.CarBatteryChanged(clock.nanos(), true));
        updateCharging();
    }

    /** A new receiver module (interior mirror): it knows no remote and is not coded. */
    public void replaceReceiver() {
        receiver = new RemoteReceiver(profile.slots(), profile.rollingCode(), false);
        emit(new CarEvent.ReceiverReplaced(clock.nanos()));
    }

    /** Writes the car's identity into the receiver module (the dealer's coding). */
    public void codeReceiver() {
        receiver.setCoded();
        emit(new CarEvent.ReceiverCoded(clock.nanos()));
    }

    /** A comfort setting changed by the driver (audio source, air conditioning...). */
    public void changeSetting(String name, String value) {
        if (!powered) {
            refuse("setting " + name, "car battery disconnected");
            return;
        }
        keyMemory.change(name, value);
        emit(new CarEvent.SettingChanged(clock.nanos(), keyMemory.current(), name, value));
    }

    // ---- set-up before a run ------------------------------------------------------------

    /** The car's lock state at the start of a run, without actuating anything. */
    public void presetLocks(LockState state) {
        doors.presetAll(state);
    }

    // ---- state ----------------------------------------------------------------------------

    public int ignition() {
        return ignition;
    }

    public Optional<Key> insertedKey() {
        return Optional.ofNullable(key);
    }

    public boolean powered() {
        return powered;
    }

    public boolean doorOpen(String door) {
        return doors.isOpen(door);
    }

    public LockState lockState(String door) {
        return doors.lockState(door);
    }

    public boolean allLocked() {
        return doors.allLocked();
    }

    public RemoteReceiver receiver() {
        return receiver;
    }

    public Immobilizer immobilizer() {
        return immobilizer;
    }

    public int cycleCount() {
        return ritual.cycleCount();
    }

    public int cyclesNeeded() {
        return ritual.cyclesNeeded();
    }

    public boolean learnWindowOpen() {
        return ritual.windowOpen();
    }

    /** Time left in the learn window, 0 when closed. */
    public long learnWindowLeftNanos() {
        return ritual.windowOpen() ? Math.max(0, ritual.windowClosesAt() - clock.nanos()) : 0;
    }

    /** Whose key-memory settings are active ("unidentified" or a remote serial in hex). */
    public String keyMemoryIdentity() {
        return keyMemory.current();
    }

    public Map<String, String> keyMemorySettings(String identity) {
        return keyMemory.settingsOf(identity);
    }

    /** Would the immobilizer let this key start the engine? */
    public boolean engineStartAllowed(Key k) {
        return immobilizer.authorises(k.transponder());
    }

    // ---- inside -----------------------------------------------------------------------------

    private void lockOtherWay(String input, LockState target) {
        if (!powered) {
            refuse(input, "car battery disconnected");
            return;
        }
        doors.actuateAll(target);
        if (target == LockState.LOCKED) {
            ritual.carLocked();
        } else {
            applyKeyMemory(KeyMemory.UNIDENTIFIED);
        }
    }

    private void applyKeyMemory(String identity) {
        Map<String, String> settings = keyMemory.activate(identity);
        emit(new CarEvent.KeyMemoryApplied(clock.nanos(), identity, settings));
    }

    private Optional<CountReset> preconditionFailure() {
        Profile.CycleRule rule = profile.cycles();
        if (rule.requireDoorsClosed() && !doors.allClosed()) {
            return Optional.of(CountReset.DOOR_OPENED);
        }
        if (rule.requireUnlocked() && !doors.allUnlocked()) {
            return Optional.of(CountReset.CAR_LOCKED);
        }
        return Optional.empty();
    }

    private void updateCharging() {
        if (key != null && key.hasRemote()) {
            key.remote().battery().setCharging(powered && profile.remoteBattery().chargePositions().contains(ignition));
        }
    }

    private void refuse(String input, String why) {
        emit(new CarEvent.InputRefused(clock.nanos(), input, why));
    }

    private void emit(CarEvent e) {
        for (Consumer<CarEvent> l : listeners) {
            l.accept(e);
        }
    }
}
