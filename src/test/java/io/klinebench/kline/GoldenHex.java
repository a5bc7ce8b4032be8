package io.klinebench.kline;

import io.klinebench.line.Hex;
import java.io.ByteArrayOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hex as the golden files write it: two-digit bytes separated by spaces, plus two shorthands
 * for long frames, {@code XX*N} (the byte XX, N times; N decimal) and {@code XX..YY} (XX,
 * XX+1, ..., YY). Plain bytes go through {@link Hex#parse}.
 */
final class GoldenHex {

    private static final Pattern REPEAT = Pattern.compile("([0-9A-Fa-f]{2})\\*(\\d+)");
    private static final Pattern RANGE = Pattern.compile("([0-9A-Fa-f]{2})\\.\\.([0-9A-Fa-f]{2})");
    private static final Pattern BYTE = Pattern.compile("[0-9A-Fa-f]{2}");

    private GoldenHex() {}

    static byte[] parse(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String token : text.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            Matcher repeat = REPEAT.matcher(token);
            Matcher range = RANGE.matcher(token);
            if (repeat.matches()) {
                byte b = Hex.parse(repeat.group(1))[0];
                int n = Integer.parseInt(repeat.group(2));
                if (n < 1) {
                    throw new IllegalArgumentException("'" + token + "': repeat count must be at least 1");
                }
                for (int i = 0; i < n; i++) {
                    out.write(b);
                }
            } else if (range.matches()) {
                int from = Integer.parseInt(range.group(1), 16);
                int to = Integer.parseInt(range.group(2), 16);
                if (to < from) {
                    throw new IllegalArgumentException("'" + token + "': a range must count up");
                }
                for (int v = from; v <= to; v++) {
                    out.write(v);
                }
            } else if (BYTE.matcher(token).matches()) {
                out.write(Hex.parse(token)[0]);
            } else {
                throw new IllegalArgumentException("'" + token + "' is neither a hex byte, XX*N nor XX..YY");
            }
        }
        return out.toByteArray();
    }
}
