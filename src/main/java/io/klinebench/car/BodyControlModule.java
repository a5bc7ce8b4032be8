package io.klinebench.car;

import io.klinebench.car.CarEvent.CountReset;
import io.klinebench.car.CarEvent.LockState;
import io.klinebench.car.CarEvent.WindowClose;
import io.klinebench.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The simulated body control module: one object, driven from one thread through the clock,
 * emitting {@link CarEvent}s. It owns its parts (the ignition switch, the doors and locks, the
 * ritual ({@link LearnProcedure}), the remote receiver, key memory, fault and security memory,
 * and separately the immobilizer), stops and starts them as a whole, and shows them through
 * four faces:
 *
 * <pre>
 *  inputs()       {@link PhysicalInputs}     what a person does to the car
 *  diagnostics()  {@link DiagnosticAccess}   what a tester on the diagnostic line may do
 *  memory()       {@link NonVolatileMemory}  the non-volatile memory as a value, saved and restored
 *  status()       {@link ModuleStatus}       the state, read only
 * </pre>
 *
 * The receiver and the immobilizer have APIs of their own and are handed out as they are
 * ({@link #receiver()}, {@link #immobilizer()}).
 */
public final class BodyControlModule {

    final Profile profile;
    final Clock clock;
    final IgnitionSwitch ignition = new IgnitionSwitch();
    final DoorsAndLocks doors;
    final LearnProcedure ritual;
    final DiagnosticLearn diagnosticLearn;
    final KeyMemory keyMemory = new KeyMemory();
    final Immobilizer immobilizer = new Immobilizer();
    final FaultMemory faults = new FaultMemory();
    final SecurityMemory securityMemory = new SecurityMemory();
    private final List<CarEventListener> listeners = new ArrayList<>();
    private final PhysicalInputs inputs;
    private final DiagnosticAccess diagnostics;
    private final NonVolatileMemory memory;
    private final ModuleStatus status;
    private RemoteReceiver receiver;
    private boolean powered = true;
    private String vin;

    public BodyControlModule(Profile profile, Clock clock) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.clock = Objects.requireNonNull(clock, "clock");
        CarEventListener sink = this::emit;
        this.doors = new DoorsAndLocks(profile.doors(), clock, sink, () -> powered);
        this.receiver = new RemoteReceiver(profile.slots(), profile.rollingCode(), true);
        this.ritual = new LearnProcedure(profile, clock, sink, doors, () -> receiver);
        this.diagnosticLearn = new DiagnosticLearn(clock, sink, () -> receiver);
        // First listener: faults are recorded before anyone else hears of the event.
        listeners.add(new FaultDetector(faults));
        this.inputs = new PhysicalInputs(this);
        this.diagnostics = new DiagnosticAccess(this);
        this.memory = new NonVolatileMemory(this);
        this.status = new ModuleStatus(this);
    }

    public PhysicalInputs inputs() {
        return inputs;
    }

    public DiagnosticAccess diagnostics() {
        return diagnostics;
    }

    public NonVolatileMemory memory() {
        return memory;
    }

    public ModuleStatus status() {
        return status;
    }

    public RemoteReceiver receiver() {
        return receiver;
    }

    public Immobilizer immobilizer() {
        return immobilizer;
    }

    public void onEvent(CarEventListener listener) {
        listeners.add(listener);
    }

    public Clock clock() {
        return clock;
    }

    // ---- set-up, by whoever assembles the car -----------------------------------------------

    /** The car's lock state at the start of a run, without actuating anything. */
    public void presetLocks(LockState state) {
        doors.presetAll(state);
    }

    /** The car's identity (VIN), which a replaced receiver must be coded with. */
    public void setVin(String newVin) {
        this.vin = Objects.requireNonNull(newVin, "vin");
    }

    // ---- for the faces ----------------------------------------------------------------------

    boolean powered() {
        return powered;
    }

    void setPowered(boolean on) {
        powered = on;
    }

    Optional<String> vin() {
        return Optional.ofNullable(vin);
    }

    /** A restored memory's VIN; null when it never had one. */
    void restoreVin(String saved) {
        vin = saved;
    }

    /**
     * A new receiver module goes in (replaced, or restored from a state file). The last valid
     * code stays with the module: only a restart or CLEAR_RF_BUFFERS clears it.
     */
    void install(RemoteReceiver fresh) {
        fresh.takeOverLastValidCode(receiver);
        receiver = fresh;
    }

    /**
     * The module stops (power lost, or the first half of an ECU reset): the ritual's count,
     * key-out wait and window end for these reasons, a diagnostic learn is cancelled, IO
     * control returns, and the security memory notes a lockout delay still running.
     */
    void stop(CountReset countReason, WindowClose windowReason) {
        ritual.abandonAll(countReason, windowReason);
        diagnosticLearn.cancel();
        doors.returnControl();
        securityMemory.moduleStopped(clock.nanos());
    }

    /**
     * The module starts (power back on, or the second half of an ECU reset): a pending lockout
     * delay restarts, the diagnostic learn's results and the RF status are forgotten, and the
     * diagnostic face's listeners hear of it.
     */
    void start() {
        securityMemory.moduleStarted(clock.nanos());
        diagnosticLearn.forget();
        receiver.clearRfStatus();
        diagnostics.restarted();
    }

    void refuse(String input, String why) {
        emit(new CarEvent.InputRefused(clock.nanos(), input, why));
    }

    void emit(CarEvent e) {
        for (CarEventListener l : listeners) {
            l.accept(e);
        }
    }
}
