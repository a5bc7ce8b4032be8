package io.klinebench.bench;

import io.klinebench.time.Durations;

/**
 * {@link Durations#human} below a minute in long arithmetic, the very text it gives: a sweep puts
 * the missed window's value, limit and margin of every failing point into words, and the
 * {@code BigDecimal} division and rounding there was most of the cost of the first cause. A
 * minute and longer (two units, no rounding to digits) is {@link Durations#human} itself.
 */
final class HumanDurations {

    private static final long US = Durations.US;
    private static final long MS = Durations.MS;
    private static final long S = Durations.S;
    private static final long MIN = Durations.MIN;
    /** 10^k for the decimals a four-digit value below a minute can have (0 to 3). */
    private static final long[] TEN = {1, 10, 100, 1000, 10_000};

    private HumanDurations() {}

    static String human(long nanos) {
        long a = nanos == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(nanos);
        if (nanos == 0 || a < US || a >= MIN) {
            return Durations.human(nanos);
        }
        long unit = a >= S ? S : a >= MS ? MS : US;
        long[] v = fourDigits(a, unit);
        if (unit != S && v[0] >= 1000 * TEN[(int) v[1]]) {
            unit *= 1000; // 999.96ms rounds to 1s, not 1000ms
            v = fourDigits(a, unit);
        }
        String suffix = unit == S ? "s" : unit == MS ? "ms" : "us";
        return (nanos < 0 ? "-" : "") + plain(v[0], (int) v[1]) + suffix;
    }

    /**
     * {@code a / unit} rounded half up to four significant digits, trailing zeros stripped, as
     * {@code {digits, decimals}}: the value is {@code digits / 10^decimals}. Here {@code 1 <= a /
     * unit < 1000}, so {@code a * 10^3} does not overflow ({@code a} is below a minute).
     */
    private static long[] fourDigits(long a, long unit) {
        long whole = a / unit;
        int intDigits = whole >= 100 ? 3 : whole >= 10 ? 2 : 1;
        int decimals = 4 - intDigits;
        long scaled = a * TEN[decimals];
        long digits = scaled / unit;
        long rest = scaled % unit;
        if (rest * 2 >= unit) {
            digits++; // half up; 9.9995 becomes 10.000, stripped below to 10
        }
        while (decimals > 0 && digits % 10 == 0) {
            digits /= 10;
            decimals--;
        }
        return new long[] {digits, decimals};
    }

    private static String plain(long digits, int decimals) {
        if (decimals == 0) {
            return Long.toString(digits);
        }
        String frac = Long.toString(TEN[decimals] + digits % TEN[decimals]).substring(1);
        return (digits / TEN[decimals]) + "." + frac;
    }
}
