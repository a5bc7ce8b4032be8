package io.klinebench.services;

import io.klinebench.car.BodyControlModule;
import io.klinebench.car.CarEvent.LockState;
import io.klinebench.car.DiagnosticLearnState;
import io.klinebench.kline.NegativeResponse;
import io.klinebench.kline.Nrc;
import io.klinebench.time.Durations;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What both personalities can do to the module beyond reading records: IO control, the
 * dealer's remote learn, slot writes, coding, clearing the RF status. Each function checks
 * its request in one order and refuses with the first failure:
 *
 * <ol>
 *   <li>layout: length, control parameter ({@link Nrc#INVALID_FORMAT},
 *       {@link Nrc#SUB_FUNCTION_NOT_SUPPORTED})</li>
 *   <li>identifier: an IO, routine or data identifier we do not have ({@link Nrc#REQUEST_OUT_OF_RANGE})</li>
 *   <li>access: the personality's {@link Gate} (KWP2000: session, then security; DS2: security)</li>
 *   <li>values: a slot, serial, VIN or option out of range ({@link Nrc#REQUEST_OUT_OF_RANGE})</li>
 *   <li>conditions: the module's state forbids it now ({@link Nrc#CONDITIONS_NOT_CORRECT})</li>
 * </ol>
 */
public final class DiagnosticFunctions {

    /** IO control identifiers: lock actuator of door i (profile order) is 0x10 + i. */
    public static final int IO_LOCK_BASE = 0x10;

    public static final int IO_ALL_LOCKS = 0x1F;
    public static final int IO_CHIME = 0x20;

    /** IO control parameters (ISO 14230-3 inputOutputControlParameter). */
    public static final int IOCP_RETURN_CONTROL = 0x00;

    public static final int IOCP_REPORT_STATE = 0x01;
    public static final int IOCP_EXECUTE = 0x06;

    /** Routine identifiers. */
    public static final int ROUTINE_DIAGNOSTIC_LEARN = 0x01;

    public static final int ROUTINE_CLEAR_RF_BUFFERS = 0x02;
    public static final int ROUTINE_CODING = 0x03;

    /** Results of the diagnostic learn (routine 01). */
    public static final int LEARN_LEARNED = 0x00;

    public static final int LEARN_TIMED_OUT = 0x01;
    public static final int LEARN_CANCELLED = 0x02;

    /** How long the diagnostic learn waits when the request gives no time [assumption]. */
    public static final long DEFAULT_LEARN_TIMEOUT = 30 * Durations.S;

    /** The personality's access check for anything that writes or acts. */
    @FunctionalInterface
    public interface Gate {
        void requireWriteAccess() throws NegativeResponse;
    }

    private final BodyControlModule car;

    public DiagnosticFunctions(BodyControlModule car) {
        this.car = car;
    }

    /**
     * IO control: {@code LID IOCP [option]} in, {@code LID IOCP state} out.
     *
     * <pre>
     *  10+i 06 01|00  lock|unlock door i (takes the actuator over)    -> 10+i 06 01|00
     *  1F   06 01|00  every door                                       -> 1F 06 01|00
     *  20   06        one chime                                        -> 20 06
     *  any  01        report: 01 locked, 00 unlocked, 02 mixed (1F); chime 00
     *  any  00        return control to the module (all actuators)     -> LID 00 state
     * </pre>
     */
    public byte[] ioControl(byte[] request, Gate gate) throws NegativeResponse {
        if (request.length < 2) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        int lid = request[0] & 0xFF;
        int iocp = request[1] & 0xFF;
        if (iocp != IOCP_RETURN_CONTROL && iocp != IOCP_REPORT_STATE && iocp != IOCP_EXECUTE) {
            throw Nrc.SUB_FUNCTION_NOT_SUPPORTED.reject();
        }
        boolean chime = lid == IO_CHIME;
        int optionBytes = iocp == IOCP_EXECUTE && !chime ? 1 : 0;
        if (request.length != 2 + optionBytes) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        List<String> doors = doors(lid);
        if (iocp == IOCP_REPORT_STATE) {
            return DataRecords.bytes(lid, iocp, chime ? 0 : lockState(doors));
        }
        if (iocp == IOCP_RETURN_CONTROL) {
            car.diagnostics().returnControl();
            return DataRecords.bytes(lid, iocp, chime ? 0 : lockState(doors));
        }
        gate.requireWriteAccess();
        if (chime) {
            car.diagnostics().ioControlChime();
            return DataRecords.bytes(lid, iocp);
        }
        int option = request[2] & 0xFF;
        if (option > 1) {
            throw Nrc.REQUEST_OUT_OF_RANGE.reject();
        }
        LockState target = option == 1 ? LockState.LOCKED : LockState.UNLOCKED;
        for (String door : doors) {
            car.diagnostics().ioControlLock(door, target);
        }
        return DataRecords.bytes(lid, iocp, lockState(doors));
    }

    /**
     * Starts the dealer's remote learn: {@code LL [TT]}, slot location 1..slots and an optional
     * timeout in seconds (1..255, default 30 s).
     */
    public void startLearn(byte[] args, Gate gate) throws NegativeResponse {
        if (args.length < 1 || args.length > 2) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        gate.requireWriteAccess();
        int slot = slotIndex(args[0] & 0xFF);
        long timeout = DEFAULT_LEARN_TIMEOUT;
        if (args.length == 2) {
            int seconds = args[1] & 0xFF;
            if (seconds == 0) {
                throw Nrc.REQUEST_OUT_OF_RANGE.reject();
            }
            timeout = seconds * Durations.S;
        }
        if (!car.receiver().coded()) {
            throw Nrc.CONDITIONS_NOT_CORRECT.reject();
        }
        car.diagnostics().startDiagnosticLearn(slot, timeout);
    }

    /** Stops a waiting learn; conditionsNotCorrect when none waits. */
    public void stopLearn(Gate gate) throws NegativeResponse {
        gate.requireWriteAccess();
        if (!car.diagnostics().diagnosticLearn().waiting()) {
            throw Nrc.CONDITIONS_NOT_CORRECT.reject();
        }
        car.diagnostics().stopDiagnosticLearn();
    }

    /**
     * The learn's results: {@code RR LL S3 S2 S1 S0 CH CL} (RR 00 learned, 01 timed out,
     * 02 cancelled; serial and counter 0 unless learned).
     *
     * @throws NegativeResponse routineNotComplete while it waits; conditionsNotCorrect (sequence
     *         error) when it was not started since the module started
     */
    public byte[] learnResults() throws NegativeResponse {
        DiagnosticLearnState s = car.diagnostics().diagnosticLearn();
        int result = switch (s.phase()) {
            case IDLE -> throw Nrc.CONDITIONS_NOT_CORRECT.reject();
            case WAITING -> throw Nrc.ROUTINE_NOT_COMPLETE.reject();
            case LEARNED -> LEARN_LEARNED;
            case TIMED_OUT -> LEARN_TIMED_OUT;
            case CANCELLED -> LEARN_CANCELLED;
        };
        byte[] out = new byte[8];
        out[0] = (byte) result;
        out[1] = (byte) (s.slot() + 1);
        DataRecords.putInt(out, 2, s.serial());
        out[6] = (byte) (s.counter() >> 8);
        out[7] = (byte) s.counter();
        return out;
    }

    public void clearRfBuffers(Gate gate) throws NegativeResponse {
        gate.requireWriteAccess();
        car.diagnostics().clearRfStatus();
    }

    /**
     * Writes slot {@code location}: {@code S3 S2 S1 S0 CH CL}, serial 1..0x0FFFFFFF and counter;
     * serial 0 empties the slot.
     */
    public void writeSlot(int location, byte[] value, Gate gate) throws NegativeResponse {
        if (value.length != 6) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        gate.requireWriteAccess();
        int slot = slotIndex(location);
        int serial = DataRecords.getInt(value, 0);
        int counter = (value[4] & 0xFF) << 8 | (value[5] & 0xFF);
        if ((serial & ~0x0FFF_FFFF) != 0) {
            throw Nrc.REQUEST_OUT_OF_RANGE.reject();
        }
        if (serial == 0) {
            car.diagnostics().eraseRemoteCode(slot);
        } else {
            car.diagnostics().writeRemoteCode(slot, serial, counter);
        }
    }

    /** Checks a VIN's bytes: 17 characters, digits and capitals without I, O, Q. */
    public static String vin(byte[] bytes) throws NegativeResponse {
        if (bytes.length != DataRecords.VIN_LENGTH) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        String vin = new String(bytes, StandardCharsets.US_ASCII);
        if (!vin.matches("[A-HJ-NPR-Z0-9]{17}")) {
            throw Nrc.REQUEST_OUT_OF_RANGE.reject();
        }
        return vin;
    }

    /**
     * Codes the receiver with a VIN already checked by {@link #vin(byte[])}.
     *
     * @throws NegativeResponse requestOutOfRange when it is not this car's VIN; conditionsNotCorrect
     *         when the car does not know its VIN
     */
    public void code(String vin) throws NegativeResponse {
        switch (car.diagnostics().codeReceiver(vin)) {
            case CODED:
                return;
            case VIN_MISMATCH:
                throw Nrc.REQUEST_OUT_OF_RANGE.reject();
            default:
                throw Nrc.CONDITIONS_NOT_CORRECT.reject();
        }
    }

    /** Slot location 1..slots to the model's index; requestOutOfRange otherwise. */
    public int slotIndex(int location) throws NegativeResponse {
        if (location < 1 || location > car.receiver().slotCount()) {
            throw Nrc.REQUEST_OUT_OF_RANGE.reject();
        }
        return location - 1;
    }

    private List<String> doors(int lid) throws NegativeResponse {
        List<String> doors = car.status().doors();
        if (lid == IO_ALL_LOCKS) {
            return doors;
        }
        if (lid == IO_CHIME) {
            return List.of();
        }
        int i = lid - IO_LOCK_BASE;
        if (i < 0 || i >= doors.size() || i >= IO_ALL_LOCKS - IO_LOCK_BASE) {
            throw Nrc.REQUEST_OUT_OF_RANGE.reject();
        }
        return List.of(doors.get(i));
    }

    /** 01 locked, 00 unlocked, 02 mixed. */
    private int lockState(List<String> doors) {
        boolean anyLocked = doors.stream().anyMatch(d -> car.status().lockState(d) == LockState.LOCKED);
        boolean anyUnlocked = doors.stream().anyMatch(d -> car.status().lockState(d) == LockState.UNLOCKED);
        return anyLocked && anyUnlocked ? 2 : anyLocked ? 1 : 0;
    }
}
