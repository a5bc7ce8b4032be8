package io.klinebench.services;

import io.klinebench.car.BodyControlModule;
import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.NegativeResponse;
import io.klinebench.kline.Nrc;
import io.klinebench.kline.Reply;
import io.klinebench.time.Durations;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The R56 CAS's KWP2000 application layer (ISO 14230-3) over the car model. The link layer
 * hands it each request's data (service id first) and sends what it answers.
 *
 * <pre>
 *  request  SID data...   ->  SID+40 data...     positive
 *                         ->  7F SID NRC         negative (one place: {@link #onRequest})
 *                         ->  78 then answer     Reply.Pending (coding)
 *                         ->  nothing            3E 02, or the module unpowered
 * </pre>
 *
 * <p>Sessions: 81 default (the start of every communication), 85 programming, 86
 * development, 87 adjustment. Reading (1A, 17, 18, 21, 30 report), clearing faults (14),
 * ECU reset (11) and TesterPresent (3E) work in any session; SecurityAccess (27), routines
 * (31 32 33), writes (3B) and IO control that acts (30 .. 06) need a non-default session
 * ({@link Nrc#NOT_SUPPORTED_IN_ACTIVE_SESSION} otherwise), and all but 33 also need security
 * access ({@link Nrc#SECURITY_ACCESS_DENIED}). Changing session locks security again and
 * returns IO control, as the end of the communication does. Every service not in the map
 * answers {@link Nrc#SERVICE_NOT_SUPPORTED}. The whole map with bytes is in
 * firmware-notes/diagnostics.md.
 */
public final class KwpServices implements DiagnosticApplication {

    public static final int START_DIAGNOSTIC_SESSION = 0x10;
    public static final int ECU_RESET = 0x11;
    public static final int CLEAR_DIAGNOSTIC_INFORMATION = 0x14;
    public static final int READ_STATUS_OF_DTC = 0x17;
    public static final int READ_DTC_BY_STATUS = 0x18;
    public static final int READ_ECU_IDENTIFICATION = 0x1A;
    public static final int READ_DATA_BY_LOCAL_ID = 0x21;
    public static final int SECURITY_ACCESS = 0x27;
    public static final int IO_CONTROL_BY_LOCAL_ID = 0x30;
    public static final int START_ROUTINE_BY_LOCAL_ID = 0x31;
    public static final int STOP_ROUTINE_BY_LOCAL_ID = 0x32;
    public static final int REQUEST_ROUTINE_RESULTS = 0x33;
    public static final int WRITE_DATA_BY_LOCAL_ID = 0x3B;
    public static final int TESTER_PRESENT = 0x3E;

    /** How long coding the receiver takes; answered with responsePending first [assumption]. */
    public static final long CODING_NANOS = 1 * Durations.S;

    /** ECUIdentification options of 1A. */
    public static final int ID_TABLE = 0x80;

    public static final int ID_VIN = 0x90;
    public static final int ID_HARDWARE_NUMBER = 0x91;
    public static final int ID_SOFTWARE_NUMBER = 0x94;

    /** The diagnostic sessions. */
    public enum Session {
        DEFAULT(0x81),
        PROGRAMMING(0x85),
        DEVELOPMENT(0x86),
        ADJUSTMENT(0x87);

        private final int code;

        Session(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        static Session of(int code) throws NegativeResponse {
            for (Session s : values()) {
                if (s.code == code) {
                    return s;
                }
            }
            throw Nrc.SUB_FUNCTION_NOT_SUPPORTED.reject();
        }
    }

    @FunctionalInterface
    private interface Handler {
        Reply handle(byte[] request, long now) throws NegativeResponse;
    }

    private final BodyControlModule car;
    private final Map<String, String> identification;
    private final SecurityAccess security;
    private final DiagnosticFunctions functions;
    private final byte[] ident;
    private final Map<Integer, Handler> handlers = new HashMap<>();
    private Session session = Session.DEFAULT;

    /**
     * @param security       the seed/key rule
     * @param identification the identification fields (see {@link Identification})
     */
    public KwpServices(BodyControlModule car, SecurityRule security, Map<String, String> identification) {
        this.car = Objects.requireNonNull(car, "car");
        this.identification = Map.copyOf(identification);
        this.security = new SecurityAccess(security, car);
        this.functions = new DiagnosticFunctions(car);
        this.ident = Identification.encode(identification);
        // A restarted module is in the default session.
        car.diagnostics().onRestart(() -> session = Session.DEFAULT);
        handlers.put(START_DIAGNOSTIC_SESSION, this::startDiagnosticSession);
        handlers.put(ECU_RESET, this::ecuReset);
        KwpFaultServices faults = new KwpFaultServices(car.diagnostics());
        handlers.put(CLEAR_DIAGNOSTIC_INFORMATION, (r, now) -> faults.clearDiagnosticInformation(r));
        handlers.put(READ_STATUS_OF_DTC, (r, now) -> faults.readStatusOfDtc(r));
        handlers.put(READ_DTC_BY_STATUS, (r, now) -> faults.readDtcByStatus(r));
        handlers.put(READ_ECU_IDENTIFICATION, this::readEcuIdentification);
        handlers.put(READ_DATA_BY_LOCAL_ID, this::readDataByLocalId);
        handlers.put(SECURITY_ACCESS, this::securityAccess);
        handlers.put(IO_CONTROL_BY_LOCAL_ID, this::ioControl);
        handlers.put(START_ROUTINE_BY_LOCAL_ID, this::startRoutine);
        handlers.put(STOP_ROUTINE_BY_LOCAL_ID, this::stopRoutine);
        handlers.put(REQUEST_ROUTINE_RESULTS, this::requestRoutineResults);
        handlers.put(WRITE_DATA_BY_LOCAL_ID, this::writeData);
        handlers.put(TESTER_PRESENT, this::testerPresent);
    }

    @Override
    public Reply onRequest(byte[] data, long now) {
        if (!car.status().powered() || data.length == 0) {
            return Reply.silence();
        }
        int sid = data[0] & 0xFF;
        Handler h = handlers.getOrDefault(sid, (r, t) -> {
            throw Nrc.SERVICE_NOT_SUPPORTED.reject();
        });
        return guarded(sid, () -> h.handle(data, now));
    }

    @Override
    public void sessionStarted(long now) {
        toDefaultSession();
    }

    @Override
    public void sessionEnded(long now) {
        toDefaultSession();
    }

    /** The active session (default after the module restarts). */
    public Session session() {
        return session;
    }

    public SecurityAccess security() {
        return security;
    }

    // ---- services ---------------------------------------------------------------------------

    private Reply startDiagnosticSession(byte[] r, long now) throws NegativeResponse {
        if (r.length != 2) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        Session next = Session.of(r[1] & 0xFF);
        if (next != session) {
            security.lock();
            car.diagnostics().returnControl();
        }
        session = next;
        return KwpAnswers.positive(r, next.code());
    }

    private Reply ecuReset(byte[] r, long now) throws NegativeResponse {
        if (r.length != 2) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        int mode = r[1] & 0xFF;
        if (mode != 0x01 && mode != 0x03) {
            throw Nrc.SUB_FUNCTION_NOT_SUPPORTED.reject();
        }
        car.diagnostics().ecuReset();
        return KwpAnswers.positive(r, mode);
    }

    private Reply readEcuIdentification(byte[] r, long now) throws NegativeResponse {
        if (r.length != 2) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        int option = r[1] & 0xFF;
        byte[] value = switch (option) {
            case ID_TABLE -> ident;
            case ID_VIN -> DataRecords.vin(car);
            case ID_HARDWARE_NUMBER ->
                KwpAnswers.ascii(
                        Identification.value(identification, "part-number").replace(" ", ""));
            case ID_SOFTWARE_NUMBER -> KwpAnswers.ascii(Identification.value(identification, "software"));
            default -> throw Nrc.REQUEST_OUT_OF_RANGE.reject();
        };
        return KwpAnswers.positive(r, KwpAnswers.concat(DataRecords.bytes(option), value));
    }

    private Reply readDataByLocalId(byte[] r, long now) throws NegativeResponse {
        if (r.length != 2) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        int lid = r[1] & 0xFF;
        return KwpAnswers.positive(r, KwpAnswers.concat(DataRecords.bytes(lid), DataRecords.read(car, lid)));
    }

    /** 27 01 -> 67 01 S1 S2 (00 00 when unlocked); 27 02 K1 K2 -> 67 02 34. */
    private Reply securityAccess(byte[] r, long now) throws NegativeResponse {
        if (r.length < 2) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        int level = r[1] & 0xFF;
        if (level != 0x01 && level != 0x02) {
            throw Nrc.SUB_FUNCTION_NOT_SUPPORTED.reject();
        }
        if (r.length != (level == 0x01 ? 2 : 4)) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        requireSession();
        if (level == 0x01) {
            int seed = security.requestSeed(now);
            return KwpAnswers.positive(r, 0x01, seed >> 8, seed);
        }
        security.sendKey((r[2] & 0xFF) << 8 | (r[3] & 0xFF), now);
        return KwpAnswers.positive(r, 0x02, 0x34);
    }

    private Reply ioControl(byte[] r, long now) throws NegativeResponse {
        return KwpAnswers.positive(
                r, functions.ioControl(Arrays.copyOfRange(r, 1, r.length), this::requireWriteAccess));
    }

    private Reply startRoutine(byte[] r, long now) throws NegativeResponse {
        if (r.length < 2) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        int routine = r[1] & 0xFF;
        byte[] args = Arrays.copyOfRange(r, 2, r.length);
        switch (routine) {
            case DiagnosticFunctions.ROUTINE_DIAGNOSTIC_LEARN -> functions.startLearn(args, this::requireWriteAccess);
            case DiagnosticFunctions.ROUTINE_CLEAR_RF_BUFFERS -> {
                if (args.length != 0) {
                    throw Nrc.INVALID_FORMAT.reject();
                }
                functions.clearRfBuffers(this::requireWriteAccess);
            }
            case DiagnosticFunctions.ROUTINE_CODING -> {
                return coding(r, args, routine);
            }
            default -> throw Nrc.REQUEST_OUT_OF_RANGE.reject();
        }
        return KwpAnswers.positive(r, routine);
    }

    private Reply stopRoutine(byte[] r, long now) throws NegativeResponse {
        if (r.length != 2) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        if ((r[1] & 0xFF) != DiagnosticFunctions.ROUTINE_DIAGNOSTIC_LEARN) {
            throw Nrc.REQUEST_OUT_OF_RANGE.reject();
        }
        functions.stopLearn(this::requireWriteAccess);
        return KwpAnswers.positive(r, r[1]);
    }

    private Reply requestRoutineResults(byte[] r, long now) throws NegativeResponse {
        if (r.length != 2) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        if ((r[1] & 0xFF) != DiagnosticFunctions.ROUTINE_DIAGNOSTIC_LEARN) {
            throw Nrc.REQUEST_OUT_OF_RANGE.reject();
        }
        requireSession();
        return KwpAnswers.positive(r, KwpAnswers.concat(DataRecords.bytes(r[1]), functions.learnResults()));
    }

    /** 3B 40+n S3 S2 S1 S0 CH CL (slot write); 3B 06 V1..V17 (coding). */
    private Reply writeData(byte[] r, long now) throws NegativeResponse {
        if (r.length < 2) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        int lid = r[1] & 0xFF;
        byte[] value = Arrays.copyOfRange(r, 2, r.length);
        if (lid == DataRecords.CODING) {
            return coding(r, value, lid);
        }
        int location = lid - DataRecords.SLOT_BASE;
        if (location < 1 || location > car.receiver().slotCount()) {
            throw Nrc.REQUEST_OUT_OF_RANGE.reject();
        }
        functions.writeSlot(location, value, this::requireWriteAccess);
        return KwpAnswers.positive(r, lid);
    }

    /** 3E [01] -> 7E; 3E 02 -> no answer. */
    private Reply testerPresent(byte[] r, long now) throws NegativeResponse {
        if (r.length > 2) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        int mode = r.length == 2 ? r[1] & 0xFF : 0x01;
        if (mode == 0x02) {
            return Reply.silence();
        }
        if (mode != 0x01) {
            throw Nrc.SUB_FUNCTION_NOT_SUPPORTED.reject();
        }
        return Reply.answer((byte) (TESTER_PRESENT + KwpAnswers.POSITIVE));
    }

    // ---- helpers ----------------------------------------------------------------------------

    /**
     * Coding (3B 06 VIN or 31 03 VIN): checked now, answered responsePending, done after
     * {@link #CODING_NANOS}, then the positive answer or the refusal.
     */
    private Reply coding(byte[] r, byte[] vinBytes, int echo) throws NegativeResponse {
        if (vinBytes.length != DataRecords.VIN_LENGTH) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        requireWriteAccess();
        String vin = DiagnosticFunctions.vin(vinBytes);
        int sid = r[0] & 0xFF;
        return new Reply.Pending(CODING_NANOS, () -> {
            if (!car.status().powered()) {
                return Reply.silence();
            }
            return guarded(sid, () -> {
                functions.code(vin);
                return KwpAnswers.positive(r, echo);
            });
        });
    }

    @FunctionalInterface
    private interface Attempt {
        Reply run() throws NegativeResponse;
    }

    /** The one place a refusal becomes {@code 7F SID NRC}. */
    private static Reply guarded(int sid, Attempt a) {
        try {
            return a.run();
        } catch (NegativeResponse e) {
            return Reply.answer(e.nrc().encode(sid));
        }
    }

    private void requireSession() throws NegativeResponse {
        if (session() == Session.DEFAULT) {
            throw Nrc.NOT_SUPPORTED_IN_ACTIVE_SESSION.reject();
        }
    }

    private void requireWriteAccess() throws NegativeResponse {
        requireSession();
        if (!security.unlocked()) {
            throw Nrc.SECURITY_ACCESS_DENIED.reject();
        }
    }

    private void toDefaultSession() {
        session = Session.DEFAULT;
        security.lock();
        car.diagnostics().returnControl();
    }
}
