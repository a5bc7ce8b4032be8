package io.klinebench.services;

import io.klinebench.kline.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** How KWP2000 positive answers are put together: the request's service id + 0x40, then the parameters. */
final class KwpAnswers {

    /** Positive response service id = request SID + 0x40. */
    static final int POSITIVE = 0x40;

    private KwpAnswers() {}

    /** {@code SID+40 P1 P2 ...}, each parameter taken as a byte. */
    static Reply positive(byte[] request, int... params) {
        byte[] out = new byte[1 + params.length];
        out[0] = (byte) ((request[0] & 0xFF) + POSITIVE);
        for (int i = 0; i < params.length; i++) {
            out[i + 1] = (byte) params[i];
        }
        return Reply.answer(out);
    }

    /** {@code SID+40} and then {@code params}. */
    static Reply positive(byte[] request, byte[] params) {
        byte[] out = new byte[1 + params.length];
        out[0] = (byte) ((request[0] & 0xFF) + POSITIVE);
        System.arraycopy(params, 0, out, 1, params.length);
        return Reply.answer(out);
    }

    /** {@code a} then {@code b}. */
    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A text's US-ASCII bytes. */
    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
