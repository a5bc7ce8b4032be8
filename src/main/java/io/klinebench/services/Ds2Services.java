package io.klinebench.services;

import io.klinebench.car.BodyControlModule;
import io.klinebench.car.FaultMemory;
import io.klinebench.car.Slot;
import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.Ds2Timing;
import io.klinebench.kline.NegativeResponse;
import io.klinebench.kline.Nrc;
import io.klinebench.kline.Reply;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The R50/R53 body controller BC1's DS2 jobs over the car model. The link layer hands it a
 * telegram's data bytes (after ADDR LEN, before CHK) and sends back the answer's data, status
 * byte first:
 *
 * <pre>
 *  tester  00 LEN  JOB args...  CHK
 *  module  00 LEN  STATUS data... CHK     STATUS A0 ok, A1 busy, A2 rejected,
 *                                                B0 bad parameter, B1 bad function, B2 bad number
 * </pre>
 *
 * BMW has not published BC1's job bytes; these are ours, in the shapes BMW's job list gives
 * (IDENT answers the real 12-byte record). Reading needs nothing; everything that writes or
 * acts needs START_DIAGNOSTICS (seed and key) first. Diagnostics lock again after the
 * profile's {@code lock-after-idle} (BC1: 30 s) without a telegram, at DIAGNOSE_ENDE, and
 * when the module restarts. The whole map with bytes is in firmware-notes/diagnostics.md.
 *
 * <pre>
 *  00          IDENT                -> A0 + 12-byte identification
 *  01 01       START_DIAGNOSTICS    -> A0 S1 S2 (seed; 00 00 when unlocked)
 *  01 02 K1 K2   (key)              -> A0 | A2 (the reason, e.g. invalid key, in the events)
 *  02          DIAGNOSE_AUFRECHT    -> A0
 *  03          DIAGNOSE_ENDE        -> A0 (locks)
 *  04          FS_LESEN             -> A0 NN {DH DL ST OC AG}
 *  05          FS_LOESCHEN          -> A0
 *  08          C_FG_LESEN           -> A0 CD V1..V17
 *  09 V1..V17  C_FG_AUFTRAG (coding)-> A0 | B0 (not this car's VIN)
 *  0B LID      STATUS_LESEN         -> A0 record (the same records as KWP2000 21 LID)
 *  0C LID IOCP [opt]  STEUERN       -> A0 LID IOCP state (as KWP2000 30)
 *  0D          CLEAR_RF_BUFFERS     -> A0
 *  10 LL       READ_PLIP_CODES      -> A0 LL EN K1..K8 W1 W2 W3 B1 B2 B3 B4
 *  11 LL EN B1 B2 B3 B4 W1 W2 W3  WRITE_PLIP_CODES -> A0
 *  12 01 LL [TT] | 12 02 | 12 03   diagnostic learn start / results (A1 while waiting) / stop
 *  1F          SG_RESET             -> A0
 * </pre>
 */
public final class Ds2Services implements DiagnosticApplication {

    public static final int IDENT = 0x00;
    public static final int START_DIAGNOSTICS = 0x01;
    public static final int DIAGNOSE_AUFRECHT = 0x02;
    public static final int DIAGNOSE_ENDE = 0x03;
    public static final int FS_LESEN = 0x04;
    public static final int FS_LOESCHEN = 0x05;
    public static final int C_FG_LESEN = 0x08;
    public static final int C_FG_AUFTRAG = 0x09;
    public static final int STATUS_LESEN = 0x0B;
    public static final int STEUERN = 0x0C;
    public static final int CLEAR_RF_BUFFERS = 0x0D;
    public static final int READ_PLIP_CODES = 0x10;
    public static final int WRITE_PLIP_CODES = 0x11;
    public static final int DIAGNOSTIC_LEARN = 0x12;
    public static final int SG_RESET = 0x1F;

    /** BC1's fault types (FARTTEXTE): 00 active, 01 inactive. */
    public static final int FAULT_ACTIVE = 0x00;

    public static final int FAULT_INACTIVE = 0x01;

    @FunctionalInterface
    private interface Job {
        byte[] run(byte[] request, long now) throws NegativeResponse;
    }

    private final BodyControlModule car;
    private final Ds2Timing timing;
    private final SecurityAccess security;
    private final DiagnosticFunctions functions;
    private final byte[] ident;
    private final Map<Integer, Job> jobs = new HashMap<>();
    private long lastMessageAt = Long.MIN_VALUE;

    /**
     * @param timing         the module's DS2 timing (its idle lock)
     * @param security       the seed/key rule
     * @param identification the IDENT fields (see {@link Identification})
     */
    public Ds2Services(
            BodyControlModule car, Ds2Timing timing, SecurityRule security, Map<String, String> identification) {
        this.car = Objects.requireNonNull(car, "car");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.security = new SecurityAccess(security, car);
        this.functions = new DiagnosticFunctions(car);
        this.ident = Identification.encode(identification);
        jobs.put(IDENT, this::ident);
        jobs.put(START_DIAGNOSTICS, this::startDiagnostics);
        jobs.put(DIAGNOSE_AUFRECHT, (r, now) -> noArguments(r));
        jobs.put(DIAGNOSE_ENDE, this::diagnoseEnde);
        jobs.put(FS_LESEN, this::readFaults);
        jobs.put(FS_LOESCHEN, this::clearFaults);
        jobs.put(C_FG_LESEN, this::readVin);
        jobs.put(C_FG_AUFTRAG, this::coding);
        jobs.put(STATUS_LESEN, this::status);
        jobs.put(STEUERN, (r, now) -> functions.ioControl(Arrays.copyOfRange(r, 1, r.length), this::requireUnlocked));
        jobs.put(CLEAR_RF_BUFFERS, this::clearRf);
        jobs.put(READ_PLIP_CODES, this::readPlipCodes);
        jobs.put(WRITE_PLIP_CODES, this::writePlipCodes);
        jobs.put(DIAGNOSTIC_LEARN, this::diagnosticLearn);
        jobs.put(SG_RESET, this::reset);
    }

    @Override
    public Reply onRequest(byte[] data, long now) {
        if (!car.status().powered() || data.length == 0) {
            return Reply.silence();
        }
        if (lastMessageAt != Long.MIN_VALUE && now - lastMessageAt > timing.lockAfterIdle()) {
            lock();
        }
        lastMessageAt = now;
        Job job = jobs.getOrDefault(data[0] & 0xFF, (r, t) -> {
            throw Nrc.SERVICE_NOT_SUPPORTED.reject();
        });
        try {
            byte[] result = job.run(data, now);
            byte[] out = new byte[1 + result.length];
            out[0] = (byte) Ds2Status.OK.code();
            System.arraycopy(result, 0, out, 1, result.length);
            return Reply.answer(out);
        } catch (NegativeResponse e) {
            return Reply.refusal(Ds2Status.answer(e.nrc()), e.nrc().words());
        }
    }

    public SecurityAccess security() {
        return security;
    }

    /** Whether START_DIAGNOSTICS has unlocked the module and it has not locked since (as of {@code now}). */
    public boolean diagnosticsUnlocked(long now) {
        return security.unlocked()
                && !(lastMessageAt != Long.MIN_VALUE && now - lastMessageAt > timing.lockAfterIdle());
    }

    // ---- jobs -------------------------------------------------------------------------------

    private byte[] ident(byte[] r, long now) throws NegativeResponse {
        noArguments(r);
        return ident.clone();
    }

    private byte[] startDiagnostics(byte[] r, long now) throws NegativeResponse {
        if (r.length < 2) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        int step = r[1] & 0xFF;
        if (step != 0x01 && step != 0x02) {
            throw Nrc.SUB_FUNCTION_NOT_SUPPORTED.reject();
        }
        if (r.length != (step == 0x01 ? 2 : 4)) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        if (step == 0x01) {
            int seed = security.requestSeed(now);
            return DataRecords.bytes(seed >> 8, seed);
        }
        security.sendKey((r[2] & 0xFF) << 8 | (r[3] & 0xFF), now);
        return new byte[0];
    }

    private byte[] diagnoseEnde(byte[] r, long now) throws NegativeResponse {
        noArguments(r);
        lock();
        return new byte[0];
    }

    /** A0 NN {DH DL ST OC AG}: ST 00 active (present), 01 inactive (stored); OC, AG capped at 255. */
    private byte[] readFaults(byte[] r, long now) throws NegativeResponse {
        noArguments(r);
        List<FaultMemory.Entry> entries = car.diagnostics().faults().entries();
        byte[] out = new byte[1 + 5 * entries.size()];
        out[0] = (byte) entries.size();
        int i = 1;
        for (FaultMemory.Entry e : entries) {
            out[i++] = (byte) (e.fault().dtc() >> 8);
            out[i++] = (byte) e.fault().dtc();
            out[i++] = (byte) (e.present() ? FAULT_ACTIVE : FAULT_INACTIVE);
            out[i++] = (byte) Math.min(255, e.occurrences());
            out[i++] = (byte) Math.min(255, e.age());
        }
        return out;
    }

    private byte[] clearFaults(byte[] r, long now) throws NegativeResponse {
        noArguments(r);
        car.diagnostics().clearFaults();
        return new byte[0];
    }

    private byte[] readVin(byte[] r, long now) throws NegativeResponse {
        noArguments(r);
        return DataRecords.coding(car);
    }

    private byte[] coding(byte[] r, long now) throws NegativeResponse {
        byte[] vinBytes = Arrays.copyOfRange(r, 1, r.length);
        if (vinBytes.length != DataRecords.VIN_LENGTH) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        requireUnlocked();
        functions.code(DiagnosticFunctions.vin(vinBytes));
        return new byte[0];
    }

    private byte[] status(byte[] r, long now) throws NegativeResponse {
        if (r.length != 2) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        return DataRecords.read(car, r[1] & 0xFF);
    }

    private byte[] clearRf(byte[] r, long now) throws NegativeResponse {
        noArguments(r);
        functions.clearRfBuffers(this::requireUnlocked);
        return new byte[0];
    }

    /** BC1's READ_PLIP_CODES shape: LL EN, cipher key (8), window code (3), base code (4). */
    private byte[] readPlipCodes(byte[] r, long now) throws NegativeResponse {
        if (r.length != 2) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        int location = r[1] & 0xFF;
        int index = functions.slotIndex(location);
        byte[] out = new byte[17];
        out[0] = (byte) location;
        Optional<Slot> s = car.receiver().slots().get(index);
        if (s.isPresent()) {
            Slot slot = s.get();
            out[1] = 1;
            long key = slot.deviceKey();
            for (int i = 0; i < 8; i++) {
                out[2 + i] = (byte) (key >>> (56 - 8 * i));
            }
            out[10] = 0;
            out[11] = (byte) (slot.counter() >> 8);
            out[12] = (byte) slot.counter();
            DataRecords.putInt(out, 13, slot.serial());
        }
        return out;
    }

    /**
     * WRITE_PLIP_CODES: LL EN B1 B2 B3 B4 W1 W2 W3. The cipher key is derived from the base
     * code (KeeLoq normal learning), so it is not sent. EN 00 empties the slot.
     */
    private byte[] writePlipCodes(byte[] r, long now) throws NegativeResponse {
        if (r.length != 10) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        requireUnlocked();
        int location = r[1] & 0xFF;
        int enable = r[2] & 0xFF;
        int window = (r[7] & 0xFF) << 16 | (r[8] & 0xFF) << 8 | (r[9] & 0xFF);
        if (enable > 1 || window > 0xFFFF) {
            throw Nrc.REQUEST_OUT_OF_RANGE.reject();
        }
        byte[] value =
                enable == 0 ? new byte[6] : new byte[] {r[3], r[4], r[5], r[6], (byte) (window >> 8), (byte) window};
        if (enable == 1 && DataRecords.getInt(value, 0) == 0) {
            throw Nrc.REQUEST_OUT_OF_RANGE.reject();
        }
        functions.writeSlot(location, value, this::requireUnlocked);
        return new byte[0];
    }

    /** 12 01 LL [TT] start; 12 02 results (A1 busy while waiting); 12 03 stop. */
    private byte[] diagnosticLearn(byte[] r, long now) throws NegativeResponse {
        if (r.length < 2) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        switch (r[1] & 0xFF) {
            case 0x01 -> {
                functions.startLearn(Arrays.copyOfRange(r, 2, r.length), this::requireUnlocked);
                return new byte[0];
            }
            case 0x02 -> {
                if (r.length != 2) {
                    throw Nrc.INVALID_FORMAT.reject();
                }
                return functions.learnResults();
            }
            case 0x03 -> {
                if (r.length != 2) {
                    throw Nrc.INVALID_FORMAT.reject();
                }
                functions.stopLearn(this::requireUnlocked);
                return new byte[0];
            }
            default -> throw Nrc.SUB_FUNCTION_NOT_SUPPORTED.reject();
        }
    }

    private byte[] reset(byte[] r, long now) throws NegativeResponse {
        noArguments(r);
        car.diagnostics().ecuReset();
        return new byte[0];
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static byte[] noArguments(byte[] r) throws NegativeResponse {
        if (r.length != 1) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        return new byte[0];
    }

    private void requireUnlocked() throws NegativeResponse {
        if (!security.unlocked()) {
            throw Nrc.SECURITY_ACCESS_DENIED.reject();
        }
    }

    private void lock() {
        security.lock();
        car.diagnostics().returnControl();
    }
}
