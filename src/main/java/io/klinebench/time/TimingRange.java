package io.klinebench.time;

/**
 * An inclusive range of durations in nanoseconds: a timing parameter's limits (ISO 14230's P2
 * is 25..50 ms), or a nominal value with its tolerance (TiniL 25 +- 1 ms is 24..26 ms). As
 * everywhere in this project, a value exactly on a limit lies inside; 1 ns beyond is outside.
 */
public record TimingRange(long min, long max) {

    public TimingRange {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException(
                    "need 0 <= min <= max, not " + Durations.format(min) + ".." + Durations.format(max));
        }
    }

    public static TimingRange of(long min, long max) {
        return new TimingRange(min, max);
    }

    /** {@code nominal} +- {@code tolerance}. */
    public static TimingRange around(long nominal, long tolerance) {
        if (tolerance < 0 || tolerance > nominal) {
            throw new IllegalArgumentException("need 0 <= tolerance <= nominal, not " + Durations.format(nominal)
                    + " +- " + Durations.format(tolerance));
        }
        return new TimingRange(nominal - tolerance, nominal + tolerance);
    }

    public boolean contains(long nanos) {
        return nanos >= min && nanos <= max;
    }

    /** The middle: the nominal value of a range made {@link #around}. */
    public long nominal() {
        return min + (max - min) / 2;
    }

    /** Half the width: the tolerance of a range made {@link #around}. */
    public long tolerance() {
        return (max - min) / 2;
    }

    /**
     * A fifth of the way in from {@code min}: where a party that may choose any value inside
     * (the simulated ECU's W1-W4, the bench tester's W4) keeps clear of both edges.
     */
    public long fifthIn() {
        return min + (max - min) / 5;
    }

    @Override
    public String toString() {
        return Durations.format(min) + ".." + Durations.format(max);
    }
}
