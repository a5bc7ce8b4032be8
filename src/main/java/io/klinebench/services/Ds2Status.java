package io.klinebench.services;

import io.klinebench.kline.Ds2Telegram;
import io.klinebench.kline.Nrc;

/**
 * DS2 answer status bytes (the first data byte of every answer), as BMW's job-result tables
 * name them, and how our DS2 jobs report a refusal.
 *
 * <p>DS2 has no negative response codes. Our convention: a refusal that a KWP2000 module
 * would answer with a security or sequence NRC is answered {@code A2} followed by one reason
 * byte holding that NRC's value (22, 33, 35, 36, 37...), so a tester learns as much over DS2
 * as over KWP2000. Format and range errors use BMW's own status bytes without a reason.
 */
public enum Ds2Status {
    OK(Ds2Telegram.STATUS_OK),
    BUSY(0xA1),
    REJECTED(0xA2),
    BAD_PARAMETER(0xB0),
    BAD_FUNCTION(0xB1),
    BAD_NUMBER(0xB2),
    NOT_ACKNOWLEDGED(0xFF);

    private final int code;

    Ds2Status(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status byte a DS2 job answers a refusal with. */
    public static Ds2Status of(Nrc nrc) {
        return switch (nrc) {
            case SERVICE_NOT_SUPPORTED, SUB_FUNCTION_NOT_SUPPORTED -> BAD_FUNCTION;
            case INVALID_FORMAT -> BAD_NUMBER;
            case REQUEST_OUT_OF_RANGE -> BAD_PARAMETER;
            case BUSY_REPEAT_REQUEST, ROUTINE_NOT_COMPLETE, RESPONSE_PENDING -> BUSY;
            case GENERAL_REJECT,
                    CONDITIONS_NOT_CORRECT,
                    SECURITY_ACCESS_DENIED,
                    INVALID_KEY,
                    EXCEED_NUMBER_OF_ATTEMPTS,
                    REQUIRED_TIME_DELAY_NOT_EXPIRED,
                    NOT_SUPPORTED_IN_ACTIVE_SESSION -> REJECTED;
        };
    }

    /** The whole answer data for a refusal: the status, and for {@code A2} the reason byte. */
    public static byte[] answer(Nrc nrc) {
        Ds2Status s = of(nrc);
        return s == REJECTED ? new byte[] {(byte) s.code, (byte) nrc.code()} : new byte[] {(byte) s.code};
    }
}
