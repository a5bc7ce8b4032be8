package io.klinebench.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which requests (their data: KWP2000 SID and parameters, DS2 the bytes after ADDR LEN) a
 * recorded answer is for: each byte exact, or with bits that may be anything, and possibly
 * any bytes after the given ones. The written form, as {@code --match} and the docs give it:
 *
 * <pre>
 *   27 02 XX XX    XX: any byte (a key computed from a seed)
 *   31 1X          1X / X1: a nibble that may be anything
 *   21 ..          ..: at the end, any number of further bytes (none included)
 * </pre>
 *
 * A byte matches when {@code (byte & mask) == value}.
 *
 * @param value the bytes' required bits ({@code value & ~mask} is zero)
 * @param mask  which bits of each byte count
 * @param more  whether further bytes after these may follow
 */
public record RequestPattern(byte[] value, byte[] mask, boolean more) {

    public RequestPattern {
        value = value.clone();
        mask = mask.clone();
        if (value.length != mask.length) {
            throw new IllegalArgumentException("value and mask differ in length");
        }
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (value[i] & mask[i]);
        }
    }

    /** Exactly these bytes. */
    public static RequestPattern exact(byte[] data) {
        byte[] mask = new byte[data.length];
        Arrays.fill(mask, (byte) 0xFF);
        return new RequestPattern(data, mask, false);
    }

    /**
     * Reads the written form (above).
     *
     * @throws IllegalArgumentException saying which word is not a byte, a wildcard or a trailing {@code ..}
     */
    public static RequestPattern parse(String text) {
        String[] words = text.strip().split("[\\s,]+");
        List<int[]> bytes = new ArrayList<>();
        boolean more = false;
        for (int i = 0; i < words.length; i++) {
            String w = words[i].toUpperCase(Locale.ROOT);
            if (w.equals("..")) {
                if (i != words.length - 1) {
                    throw new IllegalArgumentException("'..' goes at the end only, in '" + text.strip() + "'");
                }
                more = true;
            } else if (w.matches("[0-9A-FX]{2}")) {
                bytes.add(new int[] {nibble(w.charAt(0)) << 4 | nibble(w.charAt(1)), maskOf(w)});
            } else {
                throw new IllegalArgumentException("'" + words[i] + "' is not a hex byte, XX (any byte), 1X / X1 (any"
                        + " nibble) or a final '..' (any further bytes)");
            }
        }
        if (bytes.isEmpty()) {
            throw new IllegalArgumentException("a request pattern needs at least one byte");
        }
        byte[] value = new byte[bytes.size()];
        byte[] mask = new byte[bytes.size()];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) bytes.get(i)[0];
            mask[i] = (byte) bytes.get(i)[1];
        }
        return new RequestPattern(value, mask, more);
    }

    private static int nibble(char c) {
        return c == 'X' ? 0 : Character.digit(c, 16);
    }

    private static int maskOf(String w) {
        return (w.charAt(0) == 'X' ? 0 : 0xF0) | (w.charAt(1) == 'X' ? 0 : 0x0F);
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public byte[] mask() {
        return mask.clone();
    }

    /** Whether {@code request} is one of the requests this pattern stands for. */
    public boolean matches(byte[] request) {
        if (request.length < value.length || (!more && request.length != value.length)) {
            return false;
        }
        for (int i = 0; i < value.length; i++) {
            if ((request[i] & mask[i]) != value[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether it stands for one request only. */
    public boolean isExact() {
        if (more) {
            return false;
        }
        for (byte m : mask) {
            if (m != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** The written form; a mask that is no whole nibble shows as {@code value&mask}, as ediabaslib writes it. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < value.length; i++) {
            if (i > 0) {
                s.append(' ');
            }
            int v = value[i] & 0xFF;
            int m = mask[i] & 0xFF;
            if ((m & 0xF0) != 0xF0 && (m & 0xF0) != 0 || (m & 0x0F) != 0x0F && (m & 0x0F) != 0) {
                s.append(String.format(Locale.ROOT, "%02X&%02X", v, m));
            } else {
                s.append((m & 0xF0) == 0 ? "X" : String.format(Locale.ROOT, "%X", v >> 4));
                s.append((m & 0x0F) == 0 ? "X" : String.format(Locale.ROOT, "%X", v & 0xF));
            }
        }
        return more ? s.append(" ..").toString() : s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestPattern p
                && p.more == more
                && Arrays.equals(p.value, value)
                && Arrays.equals(p.mask, mask);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value) * 31 + Arrays.hashCode(mask) + (more ? 1 : 0);
    }
}
