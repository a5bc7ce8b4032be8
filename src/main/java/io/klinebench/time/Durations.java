package io.klinebench.time;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text durations as people write them in profiles and sequences ("300ms", "1.5s", "2min",
 * "30d") and back. Everything inside the program is nanoseconds in a {@code long}.
 */
public final class Durations {

    public static final long NS = 1;
    public static final long US = 1_000;
    public static final long MS = 1_000_000;
    public static final long S = 1_000_000_000;
    public static final long MIN = 60 * S;
    public static final long H = 60 * MIN;
    public static final long D = 24 * H;

    private static final Pattern TEXT = Pattern.compile("\\s*(-?\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|min|h|d)\\s*");

    /** What a duration looks like, for error messages. */
    public static final String EXPECTED =
            "a number with a unit: ns, us, ms, s, min, h or d (for example 250ms, 1.5s, 2min, 30d)";

    private Durations() {}

    /** The longest duration a {@code long} of nanoseconds holds, in whole days (about 292 years). */
    public static final long MAX_DAYS = Long.MAX_VALUE / D;

    /**
     * Whether {@code text} is written as a duration (a number and a unit), whether or not
     * {@link #parse} can hold it: "99999999d" is one, too long; "soon" is none.
     */
    public static boolean isWritten(String text) {
        return text != null && TEXT.matcher(text).matches();
    }

    /**
     * Parses "1.5s" and friends; throws {@link IllegalArgumentException} that says why: not a
     * duration (and what was expected), longer than {@link #MAX_DAYS} days, or finer than a
     * nanosecond.
     */
    public static long parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; expected " + EXPECTED);
        }
        long unit = switch (m.group(2)) {
            case "ns" -> NS;
            case "us" -> US;
            case "ms" -> MS;
            case "s" -> S;
            case "min" -> MIN;
            case "h" -> H;
            default -> D;
        };
        // BigDecimal keeps "0.1s" exact instead of 99_999_999 ns.
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (nanos.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text.strip() + "' is too long: a duration is at most " + MAX_DAYS
                    + "d (about 292 years, what the clock counts in nanoseconds)");
        }
        if (nanos.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(
                    "'" + text.strip() + "' is finer than a nanosecond, the smallest step" + " of the clock");
        }
        return nanos.longValueExact();
    }

    /** Shortest readable form: whole units where possible, else milliseconds with decimals. */
    public static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long a = Math.abs(nanos);
        if (a % D == 0) {
            return sign + a / D + "d";
        }
        if (a % H == 0) {
            return sign + a / H + "h";
        }
        if (a % MIN == 0) {
            return sign + a / MIN + "min";
        }
        if (a % MS == 0) {
            return a >= S ? sign + trim(a / (double) S) + "s" : sign + a / MS + "ms";
        }
        if (a >= MS) {
            // Exact, and still parseable: "1.234567891s", "12.5001ms".
            BigDecimal v = BigDecimal.valueOf(a).movePointLeft(a >= S ? 9 : 6).stripTrailingZeros();
            return sign + v.toPlainString() + (a >= S ? "s" : "ms");
        }
        if (a % US == 0) {
            return sign + a / US + "us";
        }
        return sign + a + "ns";
    }

    /**
     * A duration as a person reads it, rounded: the largest unit that fits with four
     * significant digits below a minute ("581.3ms", "4.419s", "12.35ms", "500ms"), two units
     * above it ("12min 3s", "2h 5min", "21d 10h"). Round values read as {@link #format} writes
     * them. For columns and messages; {@link #format} stays exact (and parseable).
     */
    public static String human(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long a = nanos == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(nanos);
        if (a < US) {
            return sign + a + "ns";
        }
        if (a < MIN) {
            long unit = a >= S ? S : a >= MS ? MS : US;
            String v = fourDigits(a, unit);
            if (v == null) {
                unit *= 1000; // 999.96ms rounds to 1s, not 1000ms
                v = fourDigits(a, unit);
            }
            String suffix = unit == S ? "s" : unit == MS ? "ms" : "us";
            return sign + v + suffix;
        }
        long big = a >= D ? D : a >= H ? H : MIN;
        long small = big == D ? H : big == H ? MIN : S;
        long smalls = (a + small / 2) / small; // rounded to the smaller unit
        long perBig = big / small;
        long first = smalls / perBig;
        long second = smalls % perBig;
        String[] names =
                big == D ? new String[] {"d", "h"} : big == H ? new String[] {"h", "min"} : new String[] {"min", "s"};
        return sign + first + names[0] + (second == 0 ? "" : " " + second + names[1]);
    }

    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1000};

    /**
     * {@code nanos} in {@code unit} (us, ms or s) to four significant digits, half up, without
     * trailing zeros ("581.3", "12.35", "500"); null when that rounds to 1000 or more (a larger
     * unit reads it). In integers, not BigDecimal: the live stream writes durations for every
     * frame (BENCHMARKS.md, "Side by side with a reference module").
     */
    private static String fourDigits(long nanos, long unit) {
        long whole = nanos / unit;
        int decimals = whole >= 100 ? 1 : whole >= 10 ? 2 : 3;
        long step = unit / POWERS_OF_TEN[decimals];
        long scaled = (nanos + step / 2) / step; // the value times 10^decimals, rounded half up
        if (unit != S && scaled >= 1000 * POWERS_OF_TEN[decimals]) {
            return null;
        }
        while (decimals > 0 && scaled % 10 == 0) {
            scaled /= 10;
            decimals--;
        }
        if (decimals == 0) {
            return Long.toString(scaled);
        }
        long p = POWERS_OF_TEN[decimals];
        return scaled / p + "." + Long.toString(p + scaled % p).substring(1);
    }

    /**
     * An instant of a run for a time column: seconds with milliseconds below an hour
     * ("59.700s"), then h:mm:ss.mmm ("1:02:03.456"), then days ("30d 00:00:00.000").
     */
    public static String clock(long nanos) {
        long abs = nanos == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(nanos);
        if (abs < H) {
            return seconds(nanos) + "s";
        }
        long millis = abs / MS + (abs % MS >= MS / 2 ? 1 : 0);
        long days = millis / (D / MS);
        long rest = millis % (D / MS);
        // "%d:%02d:%02d.%03d" without a Formatter: the live stream writes one for every event
        String hms = rest / 3_600_000 + ":" + twoDigits(rest / 60_000 % 60) + ":" + twoDigits(rest / 1000 % 60) + "."
                + Long.toString(1000 + rest % 1000).substring(1);
        if (days > 0) {
            hms = days + "d " + (rest / 3_600_000 < 10 ? "0" : "") + hms;
        }
        return (nanos < 0 ? "-" : "") + hms;
    }

    private static String twoDigits(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    /** Seconds with millisecond precision, for time columns: "12.345". */
    public static String seconds(long nanos) {
        // As "%.3f" of the seconds would give (half up), without a Formatter: the live stream
        // writes one for every event.
        long abs = nanos == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(nanos);
        long millis = abs / MS + (abs % MS >= MS / 2 ? 1 : 0);
        String frac = Long.toString(1000 + millis % 1000).substring(1);
        return (nanos < 0 ? "-" : "") + millis / 1000 + "." + frac;
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
