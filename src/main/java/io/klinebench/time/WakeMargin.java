package io.klinebench.time;

/**
 * How long before a task's instant {@link SystemClock}'s loop stops parking and yields the rest
 * of the way, learned from how late the loop's own parks come back.
 *
 * <p>A parked thread does not wake at its instant: at normal priority or nice -20 Linux adds its
 * 50 us timer slack and the wake-up itself (about 60 us late at the median on the development
 * machine), while a real-time thread has no slack and wakes about 9 us late. A fixed margin
 * wide enough for the first spends some 90 us of CPU yielding before every task of the second,
 * about 1 ms per answered request (BENCHMARKS.md, "The clock's margin"). So the margin follows
 * the parks' lateness, leaning towards its late end: it climbs an eighth of the way towards a
 * later wake-up and falls a sixty-fourth of the way towards an earlier one, so it settles where
 * the wake-ups later than it, weighed by how much later, balance eight times that weight of
 * earlier ones (an expectile, not a percentile: eight wake-ups at 10 us for each one at 80 us
 * settle it between 44 and 48 us). A task after a wake-up later than the margin is late by the
 * difference, as every task after a park longer than the margin always was.
 *
 * <p>Kept between {@link #FLOOR} and {@link #CEILING}: the ceiling is the fixed margin this
 * replaced, so a machine whose parks come back later than that costs no more CPU than before.
 * Not thread-safe: the loop thread alone uses it.
 */
final class WakeMargin {

    /** Never less: a margin of zero would make every task late by the whole wake-up. */
    static final long FLOOR = 5_000;

    /** The fixed margin this replaced; never more, so yielding never costs more than it did. */
    static final long CEILING = 100_000;

    private long nanos = CEILING;

    /** The margin now: park until this long before the instant, then yield. */
    long nanos() {
        return nanos;
    }

    /** A park meant to end at its instant came back {@code lateNanos} after it. */
    void parkEnded(long lateNanos) {
        long late = Math.max(0, lateNanos);
        if (late > nanos) {
            nanos += (late - nanos) >> 3;
        } else {
            nanos -= (nanos - late) >> 6;
        }
        nanos = Math.max(FLOOR, Math.min(CEILING, nanos));
    }
}
