package io.klinebench.line;

/** Bytes as people write them: "83 F1 11 C1 EF 8F C4". */
public final class Hex {

    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

    private Hex() {}

    public static String of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    public static String of(byte[] bytes, int from, int to) {
        if (to <= from) {
            return "";
        }
        // Every frame a sim streams is written so: by table, not by Formatter (which parsed "%02X" once per byte).
        char[] out = new char[(to - from) * 3 - 1];
        int o = 0;
        for (int i = from; i < to; i++) {
            if (o > 0) {
                out[o++] = ' ';
            }
            out[o++] = DIGITS[(bytes[i] >> 4) & 0xF];
            out[o++] = DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /** One byte as "%02X" writes it ("0B"), by table: the sim says some for every frame it ignores. */
    public static String ofByte(int value) {
        return new String(new char[] {DIGITS[(value >> 4) & 0xF], DIGITS[value & 0xF]});
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
