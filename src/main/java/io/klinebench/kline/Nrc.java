package io.klinebench.kline;

import java.util.Locale;

/**
 * KWP2000 negative response codes (SSF 14230-3 s4.4), and the one place that encodes a
 * negative response:
 *
 * <pre>
 *  +----+-----+-----+
 *  | 7F | SID | NRC |     SID: the request's service id
 *  +----+-----+-----+
 * </pre>
 *
 * Two constants share 0x12: the standard names it "subFunctionNotSupported-invalidFormat";
 * keeping the two meanings apart lets DS2 answer them with different status bytes
 * (services.Ds2Status).
 */
public enum Nrc {
    GENERAL_REJECT(0x10),
    SERVICE_NOT_SUPPORTED(0x11),
    /** An unknown sub-function, mode or parameter selector. */
    SUB_FUNCTION_NOT_SUPPORTED(0x12),
    /** A request of the wrong length or layout. */
    INVALID_FORMAT(0x12),
    BUSY_REPEAT_REQUEST(0x21),
    /** Also "requestSequenceError" (a key with no seed before it, results of a routine never started). */
    CONDITIONS_NOT_CORRECT(0x22),
    ROUTINE_NOT_COMPLETE(0x23),
    REQUEST_OUT_OF_RANGE(0x31),
    SECURITY_ACCESS_DENIED(0x33),
    INVALID_KEY(0x35),
    EXCEED_NUMBER_OF_ATTEMPTS(0x36),
    REQUIRED_TIME_DELAY_NOT_EXPIRED(0x37),
    /** Sent by the link layer for a {@link Reply.Pending} answer. */
    RESPONSE_PENDING(0x78),
    NOT_SUPPORTED_IN_ACTIVE_SESSION(0x80);

    /** The negative response service id. */
    public static final int NEGATIVE_RESPONSE = 0x7F;

    private final int code;

    Nrc(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The code's meaning in words, as ISO 14230-3 names it: "invalid key", "busy repeat request". */
    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** A received NRC byte in words: "35 invalid key"; two meanings share 12, both are given. */
    public static String describe(int code) {
        StringBuilder s = new StringBuilder(String.format("%02X", code & 0xFF));
        String sep = " ";
        for (Nrc n : values()) {
            if (n.code == (code & 0xFF)) {
                s.append(sep).append(n.words());
                sep = " or ";
            }
        }
        return sep.equals(" ") ? s.append(" (not an NRC we know)").toString() : s.toString();
    }

    /** {@code 7F SID NRC}. */
    public byte[] encode(int sid) {
        return new byte[] {(byte) NEGATIVE_RESPONSE, (byte) sid, (byte) code};
    }

    /** A throwable carrying this code, for handlers to leave by. */
    public NegativeResponse reject() {
        return new NegativeResponse(this);
    }
}
