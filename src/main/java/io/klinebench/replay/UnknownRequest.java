package io.klinebench.replay;

import io.klinebench.protocol.DiagnosticProtocol;
import java.util.Locale;

/**
 * What the replay module does with a request the recording has no answer for: refuses it with
 * a code of the protocol's (KWP2000 {@code 7F SID NRC}, DS2 a status byte alone), or gives no
 * answer. Either way it says so, with the reason.
 */
public sealed interface UnknownRequest {

    /** Refused with {@code code}: a KWP2000 NRC or a DS2 status byte. */
    record Refuse(int code) implements UnknownRequest {
        public Refuse {
            if (code < 0 || code > 0xFF) {
                throw new IllegalArgumentException("a refusal code is a byte, 00..FF");
            }
        }
    }

    /** No answer at all. */
    record Ignore() implements UnknownRequest {}

    /** The protocol's "not supported" refusal (KWP2000 NRC 11, DS2 status B1). */
    static UnknownRequest refuse(DiagnosticProtocol protocol) {
        return new Refuse(protocol.notSupported());
    }

    /**
     * Reads {@code ignore}, {@code nrc:HH} (KWP2000) or {@code status:HH} (DS2), for
     * {@code protocol}.
     *
     * @throws IllegalArgumentException saying what is expected
     */
    static UnknownRequest parse(String text, DiagnosticProtocol protocol) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("ignore")) {
            return new Ignore();
        }
        String expected = "expected ignore or " + protocol.refusalCode() + ":HH (a hex " + protocol.refusalCode()
                + " code for " + protocol.name() + ", e.g. " + protocol.refusalCode() + ":"
                + String.format(Locale.ROOT, "%02X", protocol.notSupported()) + "), not '" + text + "'";
        int colon = t.indexOf(':');
        if (colon < 0 || !t.substring(0, colon).equals(protocol.refusalCode())) {
            throw new IllegalArgumentException(expected);
        }
        String hex = t.substring(colon + 1);
        if (!hex.matches("[0-9a-f]{2}")) {
            throw new IllegalArgumentException(expected);
        }
        return new Refuse(Integer.parseInt(hex, 16));
    }
}
