package io.klinebench.services;

import io.klinebench.car.BodyControlModule;
import io.klinebench.car.ModuleStatus;
import io.klinebench.fob.Key;
import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.Nrc;
import io.klinebench.kline.Reply;
import java.util.Map;
import java.util.Optional;

/**
 * The R50/R53 engine controller (EMS2000, BMW's SGBD EMS2K) on pin 7, over KWP2000*, as far as
 * a tester needs it here: its identification, and its immobilizer status, which follows the
 * car's immobilizer (EWS3): a key whose transponder the EWS refuses leaves the engine locked.
 *
 * <pre>
 *  1A 80      ReadECUIdentification        -> 5A 80 + 12-byte identification
 *  21 20      immobilizer status (LID 20)  -> 61 20 SS
 *  3E         TesterPresent                -> 7E
 *  otherwise                               -> 7F SID 11 (serviceNotSupported)
 * </pre>
 *
 * The status byte SS carries EMS2K's STATUS_IO_EWS flags (LID 20, "Read Immobiliser digital
 * information"; emdzej/ediabasx-docs EMS2K.md) in the order that job lists them, bit 0 first;
 * the bit positions and the service byte 21 are our assumption, the SGBD does not give them:
 * bit 1 STAT_LV_ERR_IMOB_04 "wrong message received" (the EWS did not release this key), bit
 * 4 STAT_LV_LOCK_IMOB "immobilization status 0=unlocked, 1=locked". The EWS releases the
 * engine at terminal 15 (ignition 2 or 3) for an authorised transponder [assumption: the
 * model's immobilizer is asked at start; its answer is the same at KL15].
 */
public final class EngineControllerServices implements DiagnosticApplication {

    public static final int READ_ECU_IDENTIFICATION = 0x1A;
    public static final int READ_DATA_BY_LOCAL_ID = 0x21;
    public static final int IMMOBILIZER_LID = 0x20;
    public static final int TESTER_PRESENT = 0x3E;

    /** STAT_LV_ERR_IMOB_04_ACTIVE: the EWS's message was wrong (it refused the key). */
    public static final int WRONG_MESSAGE = 0x02;

    /** STAT_LV_LOCK_IMOB_ACTIVE: the engine is immobilized. */
    public static final int LOCKED = 0x10;

    private final BodyControlModule car;
    private final byte[] ident;

    public EngineControllerServices(BodyControlModule car, Map<String, String> identification) {
        this.car = car;
        this.ident = Identification.encode(identification);
    }

    @Override
    public Reply onRequest(byte[] data, long now) {
        int sid = data[0] & 0xFF;
        if (sid == READ_ECU_IDENTIFICATION && data.length == 2 && (data[1] & 0xFF) == 0x80) {
            byte[] answer = new byte[2 + ident.length];
            answer[0] = (byte) (sid + 0x40);
            answer[1] = (byte) 0x80;
            System.arraycopy(ident, 0, answer, 2, ident.length);
            return Reply.answer(answer);
        }
        if (sid == READ_DATA_BY_LOCAL_ID && data.length == 2 && (data[1] & 0xFF) == IMMOBILIZER_LID) {
            return Reply.answer((byte) (sid + 0x40), (byte) IMMOBILIZER_LID, (byte) immobilizerStatus());
        }
        if (sid == TESTER_PRESENT && data.length == 1) {
            return Reply.answer((byte) (sid + 0x40));
        }
        return Reply.refusal(
                Nrc.SERVICE_NOT_SUPPORTED.encode(sid),
                String.format("the simulated EMS2000 answers 1A 80, 21 20 and 3E only, not %02X", sid));
    }

    /** Locked unless the ignition is at KL15 with a key the immobilizer authorises; "wrong message" for a refused key. */
    private int immobilizerStatus() {
        ModuleStatus s = car.status();
        Optional<Key> key = s.insertedKey();
        if (!s.powered() || s.ignition() < 2 || key.isEmpty()) {
            return LOCKED;
        }
        return s.engineStartAllowed(key.get()) ? 0 : LOCKED | WRONG_MESSAGE;
    }
}
