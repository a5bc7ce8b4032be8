package io.klinebench.car;

import io.klinebench.car.CarEvent.CountReset;
import io.klinebench.car.CarEvent.LockState;
import io.klinebench.car.CarEvent.WindowClose;
import io.klinebench.fob.Button;
import io.klinebench.fob.Key;
import io.klinebench.fob.Transmission;
import io.klinebench.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a person does to the car: the key in the ignition and the ignition switch, the doors,
 * the console lock switch and the door lock cylinder, whatever a remote puts on the air, the
 * car battery, a new receiver module, the comfort settings.
 *
 * <p>Inputs that cannot physically happen (turning the ignition with no key) are refused
 * with an {@link CarEvent.InputRefused}, never an exception: a bench run goes on and shows it.
 * Without power (car battery disconnected) the physical state still changes, but the module
 * sees and says nothing.
 */
public final class PhysicalInputs {

    private final BodyControlModule module;
    private final Profile profile;
    private final Clock clock;
    private final IgnitionSwitch ignition;
    private final DoorsAndLocks doors;
    private final LearnProcedure ritual;
    private final DiagnosticLearn diagnosticLearn;

    PhysicalInputs(BodyControlModule module) {
        this.module = module;
        this.profile = module.profile;
        this.clock = module.clock;
        this.ignition = module.ignition;
        this.doors = module.doors;
        this.ritual = module.ritual;
        this.diagnosticLearn = module.diagnosticLearn;
    }

    public void insertKey(Key newKey) {
        Optional<Key> inside = ignition.key();
        if (inside.isPresent()) {
            module.refuse("insert " + newKey.id(), "key " + inside.get().id() + " is already in the ignition");
            return;
        }
        ignition.insert(newKey);
        if (!module.powered()) {
            return;
        }
        module.emit(new CarEvent.KeyInserted(clock.nanos(), newKey.id()));
        updateCharging();
        if (diagnosticLearn.waiting()
                && newKey.hasRemote()
                && profile.completion().kind() == Profile.Completion.Kind.INSERTED_KEY) {
            diagnosticLearn.onKey(newKey.remote().serial(), newKey.remote().counter());
        }
        ritual.keyInserted(newKey);
    }

    public void removeKey() {
        Optional<Key> inside = ignition.key();
        if (inside.isEmpty()) {
            module.refuse("remove key", "no key in the ignition");
            return;
        }
        if (ignition.position() != 0) {
            module.refuse("remove key", "ignition is at position " + ignition.position() + "; turn it to 0 first");
            return;
        }
        Key out = inside.get();
        if (out.hasRemote()) {
            out.remote().battery().setCharging(false);
        }
        ignition.remove();
        if (!module.powered()) {
            return;
        }
        module.emit(new CarEvent.KeyRemoved(clock.nanos(), out.id()));
        ritual.keyRemoved();
    }

    /** Ignition position: 0 off, 1 accessory, 2 run (all dash lights), 3 start. */
    public void turnIgnition(int position) {
        if (position < 0 || position > 3) {
            module.refuse("ignition " + position, "positions are 0 off, 1 accessory, 2 run, 3 start");
            return;
        }
        Optional<Key> inside = ignition.key();
        if (inside.isEmpty()) {
            module.refuse("ignition " + position, "no key in the ignition");
            return;
        }
        Key key = inside.get();
        int from = ignition.position();
        if (from == position) {
            return;
        }
        ignition.turn(position);
        if (!module.powered()) {
            return;
        }
        module.emit(new CarEvent.IgnitionChanged(clock.nanos(), from, position));
        updateCharging();
        if (position == 3) {
            boolean allowed = module.immobilizer.authorises(key.transponder());
            module.emit(new CarEvent.EngineStart(
                    clock.nanos(),
                    key.id(),
                    allowed,
                    allowed
                            ? "transponder " + key.transponder() + " authorised"
                            : "transponder " + key.transponder() + " not authorised by the immobilizer"));
        }
        ritual.ignitionChanged(from, position, preconditionFailure(), key);
    }

    public void setDoor(String door, boolean open) {
        if (!doors.exists(door)) {
            module.refuse("door " + door, "this car's doors are " + doors.doors());
            return;
        }
        if (!module.powered()) {
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
        if (!module.powered()) {
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
        if (diagnosticLearn.waiting()) {
            diagnosticLearn.onCode(code);
            return;
        }
        if (ignition.hasKey()) {
            module.emit(new CarEvent.RemoteCodeRejected(
                    now,
                    code.serial(),
                    CarEvent.CodeReject.KEY_IN_IGNITION,
                    "remote functions are ignored while a key is in the ignition"));
            return;
        }
        if (ritual.onCode(code)) {
            return;
        }
        ritual.observeLate(code);
        RemoteReceiver.Check check = module.receiver().check(code, now);
        if (check instanceof RemoteReceiver.Check.Rejected r) {
            module.emit(new CarEvent.RemoteCodeRejected(now, code.serial(), r.reason(), r.detail()));
            return;
        }
        Slot slot = ((RemoteReceiver.Check.Accepted) check).slot();
        module.emit(new CarEvent.RemoteCodeAccepted(now, code.serial(), slot.index(), code.counter(), code.buttons()));
        if (Button.has(code.buttons(), Button.LOCK)) {
            doors.actuateAll(LockState.LOCKED);
            ritual.carLocked();
        } else if (Button.has(code.buttons(), Button.UNLOCK)) {
            doors.actuateAll(LockState.UNLOCKED);
            applyKeyMemory(KeyMemory.identityOf(code.serial()));
        }
    }

    public void disconnectCarBattery() {
        if (!module.powered()) {
            module.refuse("car battery disconnect", "already disconnected");
            return;
        }
        module.stop(CountReset.POWER_LOST, WindowClose.POWER_LOST);
        ignition.key()
                .filter(Key::hasRemote)
                .ifPresent(k -> k.remote().battery().setCharging(false));
        module.emit(new CarEvent.CarBatteryChanged(clock.nanos(), false));
        module.setPowered(false);
    }

    public void reconnectCarBattery() {
        if (module.powered()) {
            module.refuse("car battery connect", "already connected");
            return;
        }
        module.setPowered(true);
        if (profile.carBattery().desyncsRemotes()) {
            module.receiver().loseSync();
        }
        module.start();
        module.emit(new CarEvent.CarBatteryChanged(clock.nanos(), true));
        updateCharging();
    }

    /** A new receiver module (interior mirror): it knows no remote and is not coded. */
    public void replaceReceiver() {
        diagnosticLearn.cancel();
        module.install(new RemoteReceiver(profile.slots(), profile.rollingCode(), false));
        module.emit(new CarEvent.ReceiverReplaced(clock.nanos()));
    }

    /** A comfort setting changed by the driver (audio source, air conditioning...). */
    public void changeSetting(String name, String value) {
        if (!module.powered()) {
            module.refuse("setting " + name, "car battery disconnected");
            return;
        }
        module.keyMemory.change(name, value);
        module.emit(new CarEvent.SettingChanged(clock.nanos(), module.keyMemory.current(), name, value));
    }

    private void lockOtherWay(String input, LockState target) {
        if (!module.powered()) {
            module.refuse(input, "car battery disconnected");
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
        Map<String, String> settings = module.keyMemory.activate(identity);
        module.emit(new CarEvent.KeyMemoryApplied(clock.nanos(), identity, settings));
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

    /** A rechargeable remote in the ignition charges in the profile's positions, with power. */
    private void updateCharging() {
        ignition.key()
                .filter(Key::hasRemote)
                .ifPresent(k -> k.remote()
                        .battery()
                        .setCharging(module.powered()
                                && profile.remoteBattery().chargePositions().contains(ignition.position())));
    }
}
