package io.klinebench.time;

import java.util.Objects;

/**
 * One timing window as it was applied: which rule, its limit, the measured value and
 * whether it was met. The margin is how far inside (positive) or outside (negative) the
 * limit the actual value fell.
 *
 * @param name   the rule, in the profile's words ("cycles.max-off-time")
 * @param bound  whether the actual value must stay at most or at least the limit
 * @param limitNanos the limit
 * @param actualNanos the measured value; for a deadline that passed with nothing
 *                    happening, the time waited (the limit plus one nanosecond)
 * @param met    whether the rule was satisfied
 * @param detail one sentence for people
 */
public record TimingWindow(String name, Bound bound, long limitNanos, long actualNanos, boolean met, String detail) {

    public enum Bound {
        AT_MOST,
        AT_LEAST
    }

    public TimingWindow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(detail, "detail");
    }

    /** Judges a measured value against an upper limit (inclusive). */
    public static TimingWindow atMost(String name, long limitNanos, long actualNanos, String detail) {
        return new TimingWindow(name, Bound.AT_MOST, limitNanos, actualNanos, actualNanos <= limitNanos, detail);
    }

    /** Judges a measured value against a lower limit (inclusive). */
    public static TimingWindow atLeast(String name, long limitNanos, long actualNanos, String detail) {
        return new TimingWindow(name, Bound.AT_LEAST, limitNanos, actualNanos, actualNanos >= limitNanos, detail);
    }

    /**
     * A deadline that ran out before the awaited thing happened. Limits are inclusive, so
     * the deadline fires one nanosecond past the limit and that is the time waited
     * (with the limit itself the window would read "margin 0, missed").
     */
    public static TimingWindow expired(String name, long limitNanos, String detail) {
        return new TimingWindow(name, Bound.AT_MOST, limitNanos, limitNanos + 1, false, detail);
    }

    /** Positive inside the limit, negative outside; zero on the limit. */
    public long marginNanos() {
        return bound == Bound.AT_MOST ? limitNanos - actualNanos : actualNanos - limitNanos;
    }
}
