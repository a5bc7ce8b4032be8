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
    private final List<Runnable> restartListeners = new ArrayList<>();
    private final Consumer<CarEvent> sink = this::emit;
    private final DoorsAndLocks doors;
    private final LearnProcedure ritual;
    private final KeyMemory keyMemory = new KeyMemory();
    private final Immobilizer immobilizer = new Immobilizer();
    private final FaultMemory faults = new FaultMemory();
    private final SecurityMemory securityMemory = new SecurityMemory();
    private final DiagnosticLearn diagnosticLearn;
    private RemoteReceiver receiver;
    private Key key;
    private int ignition;
    private boolean powered = true;
    private String vin;

    public BodyControlModule(Profile profile, Clock clock) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.doors = new DoorsAndLocks(profile.doors(), clock, sink, () -> powered);
        this.receiver = new RemoteReceiver(profile.slots(), profile.rollingCode(), true);
        this.ritual = new LearnProcedure(profile, clock, sink, doors, () -> receiver);
        this.diagnosticLearn = new DiagnosticLearn(clock, sink, () -> receiver);
        // First listener: faults are recorded before anyone else hears of the event.
        listeners.add(new FaultDetector(faults));
    }

    /** What coding the receiver over the diagnostic line came to. */
    public enum CodingResult {
        /** The receiver is now coded to this car. */
        CODED,
        /** The VIN offered is not this car's; nothing changed. */
        VIN_MISMATCH,
        /** The car was never told its VIN ({@link #setVin}); nothing changed. */
        NO_VEHICLE_IDENTITY,
        /** The car battery is disconnected. */
        NO_POWER
    }

    public void onEvent(Consumer<CarEvent> listener) {
        listeners.add(listener);
    }

    /**
     * Runs {@code listener} each time the module restarts (an ECU reset, or the car battery
     * connected again), once the module's own volatile state is gone: the diagnostic layer's
     * volatile state (session, security access) goes with it.
     */
    public void onRestart(Runnable listener) {
        restartListeners.add(listener);
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
        if (diagnosticLearn.waiting()
                && key.hasRemote()
                && profile.completion().kind() == Profile.Completion.Kind.INSERTED_KEY) {
            diagnosticLearn.onKey(key.remote().serial(), key.remote().counter());
        }
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
            emit(new CarEvent.EngineStart(
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
        if (diagnosticLearn.waiting()) {
            diagnosticLearn.onCode(code);
            return;
        }
        if (key != null) {
            emit(new CarEvent.RemoteCodeRejected(
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
        RemoteReceiver.Check check = receiver.check(code, now);
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
        diagnosticLearn.cancel();
        doors.returnControl();
        if (key != null && key.hasRemote()) {
            key.remote().battery().setCharging(false);
        }
        securityMemory.moduleStopped(clock.nanos());
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
        moduleStarted();
        emit(new CarEvent.CarBatteryChanged(clock.nanos(), true));
        updateCharging();
    }

    /** A new receiver module (interior mirror): it knows no remote and is not coded. */
    public void replaceReceiver() {
        diagnosticLearn.cancel();
        install(new RemoteReceiver(profile.slots(), profile.rollingCode(), false));
        emit(new CarEvent.ReceiverReplaced(clock.nanos()));
    }

    /** Writes the car's identity into the receiver module (the dealer's coding). */
    public void codeReceiver() {
        receiver.setCoded();
        emit(new CarEvent.ReceiverCoded(clock.nanos()));
    }

    /**
     * The car's identity (VIN), which a replaced receiver must be coded with. The diagnostic
     * layer sets it from the profile's {@code diagnostics.vin}.
     */
    public void setVin(String newVin) {
        this.vin = Objects.requireNonNull(newVin, "vin");
    }

    public Optional<String> vin() {
        return Optional.ofNullable(vin);
    }

    /**
     * Coding over the diagnostic line: writes {@code offered} into the receiver module. The
     * receiver becomes coded only when it is this car's VIN; then the ritual pairs again.
     * Coding a coded receiver again with the right VIN is harmless.
     */
    public CodingResult codeReceiver(String offered) {
        if (!powered) {
            return CodingResult.NO_POWER;
        }
        if (vin == null) {
            emit(new CarEvent.ReceiverCodingRefused(clock.nanos(), offered, "the car's VIN is not known"));
            return CodingResult.NO_VEHICLE_IDENTITY;
        }
        if (!vin.equals(offered)) {
            emit(new CarEvent.ReceiverCodingRefused(clock.nanos(), offered, "not this car's VIN"));
            return CodingResult.VIN_MISMATCH;
        }
        codeReceiver();
        return CodingResult.CODED;
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

    // ---- diagnostic functions (no bytes here: the kwp package speaks them) --------------

    /**
     * Writes a remote into a slot directly (the dealer's WRITE_PLIP_CODES): in sync at
     * {@code counter}; a slot the remote held before is emptied. Codes written into an
     * uncoded receiver are kept but work only once it is coded.
     *
     * @return false without power
     * @throws IllegalArgumentException for a slot that does not exist or a serial outside 1..0x0FFFFFFF
     */
    public boolean writeRemoteCode(int slot, int serial, int counter) {
        if ((serial & ~0x0FFF_FFFF) != 0 || serial == 0) {
            throw new IllegalArgumentException(
                    "remote serial must be 1..0x0FFFFFFF, not 0x" + Integer.toHexString(serial));
        }
        if (!powered) {
            return false;
        }
        receiver.write(slot, serial, counter);
        emit(new CarEvent.SlotWritten(clock.nanos(), slot, serial, counter & 0xFFFF));
        return true;
    }

    /** Empties a slot (the dealer's write with the slot disabled); false without power. */
    public boolean eraseRemoteCode(int slot) {
        if (!powered) {
            return false;
        }
        receiver.erase(slot);
        emit(new CarEvent.SlotWritten(clock.nanos(), slot, 0, 0));
        return true;
    }

    /**
     * Starts the dealer's diagnostic learn: the next genuine remote code (on an inserted-key
     * profile, also the remote of a key put in the ignition) is learned into {@code slot}
     * within {@code timeoutNanos}. A learn already waiting is replaced.
     *
     * @return false without power or with an uncoded receiver (nothing starts)
     */
    public boolean startDiagnosticLearn(int slot, long timeoutNanos) {
        if (slot < 0 || slot >= receiver.slotCount()) {
            throw new IllegalArgumentException(
                    "slot " + slot + " does not exist: this module has slots 0.." + (receiver.slotCount() - 1));
        }
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("the learn needs a timeout above zero");
        }
        if (!powered || !receiver.coded()) {
            return false;
        }
        diagnosticLearn.cancel();
        diagnosticLearn.start(slot, timeoutNanos);
        return true;
    }

    /** Stops a waiting diagnostic learn (it ends cancelled); nothing when none waits. */
    public void stopDiagnosticLearn() {
        diagnosticLearn.cancel();
    }

    public DiagnosticLearnState diagnosticLearn() {
        return diagnosticLearn.state();
    }

    /**
     * IO control: a tester drives one door's lock actuator. The actuator stays under the
     * tester's control (the module's own locking leaves it alone) until {@link #returnControl()},
     * an ECU reset or a power loss.
     *
     * @return false without power or for a door the car does not have
     */
    public boolean ioControlLock(String door, LockState state) {
        if (!doors.exists(door)) {
            return false;
        }
        return doors.actuateByTester(door, state);
    }

    /** IO control: one chime; false without power. */
    public boolean ioControlChime() {
        if (!powered) {
            return false;
        }
        emit(new CarEvent.Chime(clock.nanos(), "diagnostic IO control"));
        return true;
    }

    /** IO control ends: every actuator back to the module; nothing moves. */
    public void returnControl() {
        doors.returnControl();
    }

    public boolean underDiagnosticControl(String door) {
        return doors.underDiagnosticControl(door);
    }

    /**
     * The module restarts (a diagnostic ECU reset). Volatile state is lost: the cycle count,
     * a key-out wait, the learn window and gestures in progress, a diagnostic learn and its
     * results, IO control, the last-code status. Non-volatile state is kept: slots, faults,
     * coding, key memory, the security lockout (which restarts its delay if one was running).
     */
    public void ecuReset() {
        if (!powered) {
            refuse("ECU reset", "car battery disconnected");
            return;
        }
        long now = clock.nanos();
        emit(new CarEvent.EcuReset(now));
        ritual.abandonAll(CountReset.ECU_RESET, CarEvent.WindowClose.ECU_RESET);
        diagnosticLearn.cancel();
        doors.returnControl();
        securityMemory.moduleStopped(now);
        moduleStarted();
    }

    public FaultMemory faults() {
        return faults;
    }

    /**
     * Clears the fault memory; a fault whose condition still holds (receiver not coded) is
     * recorded again at once. Returns how many entries were cleared.
     */
    public int clearFaults() {
        long now = clock.nanos();
        int n = faults.clear();
        if (!receiver.coded()) {
            faults.set(FaultMemory.Fault.RECEIVER_NOT_CODED, now);
        }
        emit(new CarEvent.FaultsCleared(now, n));
        return n;
    }

    /** BC1's CLEAR_RF_BUFFERS: forget the last code received and its status. */
    public void clearRfStatus() {
        receiver.clearRfStatus();
    }

    /** The module's security-access memory (non-volatile), used by the diagnostic layer. */
    public SecurityMemory securityMemory() {
        return securityMemory;
    }

    /**
     * The non-volatile memory now: slots (counters, sync, pending code, low-battery flag),
     * receiver coding, VIN, fault memory, security-access memory.
     */
    public Nvm snapshot() {
        List<Nvm.SlotState> saved = new ArrayList<>();
        for (Optional<Slot> s : receiver.slots()) {
            s.ifPresent(slot -> saved.add(Nvm.SlotState.of(slot)));
        }
        return new Nvm(
                profile.name(),
                receiver.slotCount(),
                saved,
                receiver.coded(),
                vin,
                faults.entries(),
                securityMemory.snapshot(clock.nanos()));
    }

    /**
     * Puts back a memory saved by {@link #snapshot()}, as if this module had just been powered
     * with it; call it before the run starts. The receiver, VIN, fault memory and security
     * memory are replaced as a whole; nothing else changes and no event is emitted. A lockout
     * delay that was running runs again from now ({@link Nvm.Security}).
     *
     * @throws IllegalArgumentException if the memory is another profile's, or has another slot count
     */
    public void restore(Nvm saved) {
        if (!saved.profile().equals(profile.name())) {
            throw new IllegalArgumentException(
                    "the memory is profile " + saved.profile() + "'s, this module is " + profile.name());
        }
        if (saved.slotCount() != profile.slots()) {
            throw new IllegalArgumentException(
                    "the memory has " + saved.slotCount() + " slots, this module " + profile.slots());
        }
        RemoteReceiver restored = new RemoteReceiver(profile.slots(), profile.rollingCode(), saved.receiverCoded());
        saved.slots().forEach(restored::restore);
        diagnosticLearn.cancel();
        install(restored);
        vin = saved.vin();
        faults.restore(saved.faults());
        securityMemory.restore(saved.security(), clock.nanos());
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

    /** Remotes (keys, on the R56) learned in the open learn window; 0 when it is closed. */
    public int learnedInWindow() {
        return ritual.learnedInWindow();
    }

    /** The lockable doors, in actuation order. */
    public List<String> doors() {
        return doors.doors();
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
            key.remote()
                    .battery()
                    .setCharging(
                            powered && profile.remoteBattery().chargePositions().contains(ignition));
        }
    }

    private void refuse(String input, String why) {
        emit(new CarEvent.InputRefused(clock.nanos(), input, why));
    }

    private void moduleStarted() {
        securityMemory.moduleStarted(clock.nanos());
        diagnosticLearn.forget();
        receiver.clearRfStatus();
        for (Runnable l : restartListeners) {
            l.run();
        }
    }

    private void install(RemoteReceiver fresh) {
        fresh.takeOverLastValidCode(receiver);
        receiver = fresh;
    }

    private void emit(CarEvent e) {
        for (Consumer<CarEvent> l : listeners) {
            l.accept(e);
        }
    }
}
