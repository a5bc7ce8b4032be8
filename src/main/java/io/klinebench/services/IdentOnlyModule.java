package io.klinebench.services;

import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.ModuleSearch;
import io.klinebench.kline.Nrc;
import io.klinebench.kline.Reply;
import java.util.Map;

/**
 * A module of the R50/R53's lines other than the body controller and the engine controller (the
 * instrument cluster and the immobilizer on pin 8, DS2; the power steering on pin 7, KWP2000*),
 * as far as a module search needs it: its identification request answers its identification
 * record (DS2: job 00 -> A0 + record; KWP2000*: 1A 80 -> 5A 80 + record); anything else is
 * refused (DS2: B1, ERROR_ECU_FUNCTION; KWP2000*: 7F SID 11, serviceNotSupported), and says so.
 * The simulator models no more of these modules.
 */
public final class IdentOnlyModule implements DiagnosticApplication {

    private final String name;
    private final byte[] ident;
    private final boolean kwp;

    /**
     * @param name           the module as the bench names it ("KOMBI")
     * @param identification its IDENT fields ({@link Identification})
     * @param kind           what it speaks
     */
    public IdentOnlyModule(String name, Map<String, String> identification, ModuleSearch.Kind kind) {
        this.name = name;
        this.ident = Identification.encode(identification);
        this.kwp = kind == ModuleSearch.Kind.KWP2000_STAR;
    }

    @Override
    public Reply onRequest(byte[] data, long now) {
        if (kwp) {
            int sid = data[0] & 0xFF;
            if (data.length == 2 && sid == 0x1A && (data[1] & 0xFF) == 0x80) {
                byte[] answer = new byte[2 + ident.length];
                answer[0] = (byte) 0x5A;
                answer[1] = (byte) 0x80;
                System.arraycopy(ident, 0, answer, 2, ident.length);
                return Reply.answer(answer);
            }
            return Reply.refusal(
                    Nrc.SERVICE_NOT_SUPPORTED.encode(sid),
                    "the simulated " + name + " answers ReadECUIdentification (1A 80) only");
        }
        if (data.length == 1 && (data[0] & 0xFF) == Ds2Services.IDENT) {
            byte[] answer = new byte[1 + ident.length];
            answer[0] = (byte) Ds2Status.OK.code();
            System.arraycopy(ident, 0, answer, 1, ident.length);
            return Reply.answer(answer);
        }
        return Reply.refusal(
                new byte[] {(byte) Ds2Status.BAD_FUNCTION.code()},
                "the simulated " + name + " answers IDENT (00) only");
    }
}
