package io.klinebench.protocol;

import io.klinebench.kline.Nrc;
import java.util.OptionalInt;

/**
 * The application bytes of ISO 14230-3 (KWP2000's services) that the bench's tester makes and
 * reads, and the sim's refusals: the same whether K-line frames carry them ({@link Kwp2000}) or
 * BMW-FAST telegrams on D-CAN ({@link DCan}, which is KWP2000 with BMW's framing).
 */
final class Iso14230Bytes {

    /** SecurityAccess; its positive answer is this + 0x40. */
    private static final int SECURITY_ACCESS = 0x27;

    private static final int REQUEST_SEED = 0x01;
    private static final int SEND_KEY = 0x02;

    private Iso14230Bytes() {}

    /** {@code 27 01}. */
    static byte[] seedRequest() {
        return new byte[] {SECURITY_ACCESS, REQUEST_SEED};
    }

    /** The seed of {@code 67 01 S1 S2}; empty for anything else (a refusal among them). */
    static OptionalInt seedIn(byte[] answer) {
        if (answer.length != 4 || (answer[0] & 0xFF) != SECURITY_ACCESS + 0x40) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((answer[2] & 0xFF) << 8 | (answer[3] & 0xFF));
    }

    /** {@code 27 02 K1 K2}. */
    static byte[] keyRequest(int key) {
        return new byte[] {SECURITY_ACCESS, SEND_KEY, (byte) (key >> 8), (byte) key};
    }

    /** {@code 7F SID 78}: the module is still at it. */
    static boolean isResponsePending(byte[] answer) {
        return answer.length == 3
                && (answer[0] & 0xFF) == Nrc.NEGATIVE_RESPONSE
                && (answer[2] & 0xFF) == Nrc.RESPONSE_PENDING.code();
    }

    /** {@code 7F SID NRC}, SID 00 when the request was empty. */
    static byte[] refusal(byte[] request, int code) {
        return new byte[] {(byte) Nrc.NEGATIVE_RESPONSE, request.length == 0 ? 0 : request[0], (byte) code};
    }
}
