package io.klinebench.services;

import io.klinebench.kline.Ds2Telegram;
import io.klinebench.kline.Nrc;

/**
 * DS2 answer status bytes (the first data byte of every answer), as BMW's job-result tables
 * (JOBRESULT: SB, STATUS_TEXT) name them: A0 OKAY, A1 BUSY, A2 ERROR_ECU_REJECTED, B0
 * ERROR_ECU_PARAMETER, B1 ERROR_ECU_FUNCTION, B2 ERROR_ECU_NUMBER, FF ERROR_ECU_NACK.
 *
 * <p>DS2 has no negative response codes: a refusal is the bare status byte, as BMW's testers
 * expect it. The reason a KWP2000 module would give as an NRC (invalid key, security access
 * denied...) goes with the answer as words ({@link io.klinebench.kline.Reply#refusal}), for the
 * sim's events and reports, never on the wire.
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

    /** The whole answer data for a refusal: its status byte alone. */
    public static byte[] answer(Nrc nrc) {
        return new byte[] {(byte) of(nrc).code};
    }
}
