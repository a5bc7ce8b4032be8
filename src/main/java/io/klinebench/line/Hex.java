package io.klinebench.line;

import java.util.Locale;

/** Bytes as people write them: "83 F1 11 C1 EF 8F C4". */
public final class Hex {

    private Hex() {}

    public static String of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    public static String of(byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format(Locale.ROOT, "%02X", bytes[i] & 0xFF));
        }
        return sb.toString();
    }

    /** Parses "83 F1 11", "83F111" or "0x83 0xF1"; throws naming the bad part. */
    public static byte[] parse(String text) {
        String t = text.replace("0x", "").replace("0X", "").replaceAll("[\\s,:]", "");
        if (t.length() % 2 != 0) {
            throw new IllegalArgumentException("'" + text + "' is not whole hex bytes (odd number of digits)");
        }
        byte[] out = new byte[t.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(t.charAt(2 * i), 16);
            int lo = Character.digit(t.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException(
                        "'" + text + "' is not hex: '" + t.substring(2 * i, 2 * i + 2) + "'");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }
}
