package io.klinebench.car;

import io.klinebench.car.CarEvent.CountReset;
import io.klinebench.car.CarEvent.LockState;
import io.klinebench.car.CarEvent.WindowClose;
import io.klinebench.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a tester on the diagnostic line may do to the module: write and erase remote codes,
 * the dealer's diagnostic learn, IO control of the lock actuators and the chime, coding the
 * receiver with the VIN, an ECU reset, the fault memory and the RF status. No bytes here:
 * the services package speaks them ({@code services.DiagnosticFunctions} maps requests onto
 * these). An unpowered module answers nothing on the line, so the services do not call it
 * then.
 */
public final class DiagnosticAccess {

    /** What coding the receiver over the diagnostic line came to. */
    public enum CodingResult {
        /** The receiver is now coded to this car. */
        CODED,
        /** The VIN offered is not this car's; nothing changed. */
        VIN_MISMATCH,
        /** The car was never told its VIN ({@link BodyControlModule#setVin}); nothing changed. */
        NO_VEHICLE_IDENTITY,
        /** The car battery is disconnected. */
        NO_POWER
    }

    private final BodyControlModule module;
    private final Clock clock;
    private final DoorsAndLocks doors;
    private final DiagnosticLearn diagnosticLearn;
    private final List<Runnable> restartListeners = new ArrayList<>();

    DiagnosticAccess(BodyControlModule module) {
        this.module = module;
        this.clock = module.clock;
        this.doors = module.doors;
        this.diagnosticLearn = module.diagnosticLearn;
    }

    /**
     * Runs {@code listener} each time the module restarts (an ECU reset, or the car battery
     * connected again), once the module's own volatile state is gone: the diagnostic layer's
     * volatile state (session, security access) goes with it.
     */
    public void onRestart(Runnable listener) {
        restartListeners.add(listener);
    }

    /** The car's identity (VIN), empty until whoever assembled the car told it. */
    public Optional<String> vin() {
        return module.vin();
    }

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
        if (!module.powered()) {
            return false;
        }
        module.receiver().write(slot, serial, counter);
        module.emit(new CarEvent.SlotWritten(clock.nanos(), slot, serial, counter & 0xFFFF));
        return true;
    }

    /** Empties a slot (the dealer's write with the slot disabled); false without power. */
    public boolean eraseRemoteCode(int slot) {
        if (!module.powered()) {
            return false;
        }
        module.receiver().erase(slot);
        module.emit(new CarEvent.SlotWritten(clock.nanos(), slot, 0, 0));
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
        RemoteReceiver receiver = module.receiver();
        if (slot < 0 || slot >= receiver.slotCount()) {
            throw new IllegalArgumentException(
                    "slot " + slot + " does not exist: this module has slots 0.." + (receiver.slotCount() - 1));
        }
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("the learn needs a timeout above zero");
        }
        if (!module.powered() || !receiver.coded()) {
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
        if (!module.powered()) {
            return false;
        }
        module.emit(new CarEvent.Chime(clock.nanos(), "diagnostic IO control"));
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
     * Coding over the diagnostic line: writes {@code offered} into the receiver module. The
     * receiver becomes coded only when it is this car's VIN; then the ritual pairs again.
     * Coding a coded receiver again with the right VIN is harmless.
     */
    public CodingResult codeReceiver(String offered) {
        if (!module.powered()) {
            return CodingResult.NO_POWER;
        }
        Optional<String> vin = module.vin();
        if (vin.isEmpty()) {
            module.emit(new CarEvent.ReceiverCodingRefused(clock.nanos(), offered, "the car's VIN is not known"));
            return CodingResult.NO_VEHICLE_IDENTITY;
        }
        if (!vin.get().equals(offered)) {
            module.emit(new CarEvent.ReceiverCodingRefused(clock.nanos(), offered, "not this car's VIN"));
            return CodingResult.VIN_MISMATCH;
        }
        codeReceiver();
        return CodingResult.CODED;
    }

    /** Writes the car's identity into the receiver module (the dealer's coding), unchecked. */
    public void codeReceiver() {
        module.receiver().setCoded();
        module.emit(new CarEvent.ReceiverCoded(clock.nanos()));
    }

    /**
     * The module restarts (a diagnostic ECU reset). Volatile state is lost: the cycle count,
     * a key-out wait, the learn window and gestures in progress, a diagnostic learn and its
     * results, IO control, the last-code status. Non-volatile state is kept: slots, faults,
     * coding, key memory, the security lockout (which restarts its delay if one was running).
     */
    public void ecuReset() {
        if (!module.powered()) {
            module.refuse("ECU reset", "car battery disconnected");
            return;
        }
        module.emit(new CarEvent.EcuReset(clock.nanos()));
        module.stop(CountReset.ECU_RESET, WindowClose.ECU_RESET);
        module.start();
    }

    public FaultMemory faults() {
        return module.faults;
    }

    /**
     * Clears the fault memory; a fault whose condition still holds (receiver not coded) is
     * recorded again at once. Returns how many entries were cleared.
     */
    public int clearFaults() {
        long now = clock.nanos();
        FaultMemory faults = module.faults;
        int n = faults.clear();
        if (!module.receiver().coded()) {
            faults.set(FaultMemory.Fault.RECEIVER_NOT_CODED, now);
        }
        module.emit(new CarEvent.FaultsCleared(now, n));
        return n;
    }

    /** BC1's CLEAR_RF_BUFFERS: forget the last code received and its status. */
    public void clearRfStatus() {
        module.receiver().clearRfStatus();
    }

    /** The module's security-access memory (non-volatile), used by the diagnostic layer. */
    public SecurityMemory securityMemory() {
        return module.securityMemory;
    }

    /** The module has restarted: tells whoever listens. */
    void restarted() {
        for (Runnable l : restartListeners) {
            l.run();
        }
    }
}
