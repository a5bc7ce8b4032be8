package io.klinebench.kline;

import io.klinebench.line.Direction;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Durations;
import io.klinebench.time.Uncertainty;
import java.util.Locale;
import java.util.Objects;

/**
 * One broken timing rule in a K-line trace, as {@link TimingValidator} finds it.
 *
 * <p>Limits are inclusive: a value exactly on the limit is kept, 1 ns beyond it is a
 * violation (as everywhere in this project).
 *
 * @param parameter     which rule: one of the constants of this record ({@link #P1}, {@link #P3MAX}, ...)
 * @param by            who broke it: the side whose byte (or wake-up, or silence) came too early or too late
 * @param measuredNanos what the trace shows
 * @param limitNanos    the limit it broke (the minimum for {@link Bound#BELOW_MIN}, the maximum otherwise)
 * @param bound         which side of the limit the measured value lies
 * @param index         index in the trace list of the entry where it shows (the late or early byte, the LOW, ...)
 * @param at            that entry's time
 * @param context       the bytes around it in hex, " | " where the measured gap lies, e.g. {@code C1 33 | F1 81 66};
 *                      a wake-up shows as {@code LOW 25ms}, a 5-baud byte as {@code SLOW 33}
 */
public record Violation(
        String parameter,
        Direction by,
        long measuredNanos,
        long limitNanos,
        Bound bound,
        int index,
        long at,
        String context) {

    /** ECU inter-byte time inside a KWP2000 response. */
    public static final String P1 = "P1";
    /** Tester request end (or previous ECU response end) to ECU response start. */
    public static final String P2 = "P2";
    /** A response after a responsePending ({@code 7F SID 78}), measured from the end of that frame. */
    public static final String P2_STAR = "P2*";
    /** Previous frame end to the tester's next request: too soon. */
    public static final String P3MIN = "P3min";
    /** Previous frame end to the tester's next request: the session had already timed out. */
    public static final String P3MAX = "P3max/session timeout";
    /** Tester inter-byte time inside a KWP2000 request. */
    public static final String P4 = "P4";
    /** 5-baud init: end of the address to the ECU's 0x55. */
    public static final String W1 = "W1";
    /** 5-baud init: 0x55 to KB1. */
    public static final String W2 = "W2";
    /** 5-baud init: KB1 to KB2. */
    public static final String W3 = "W3";
    /** 5-baud init: KB2 to the tester's ~KB2, and ~KB2 to the ECU's ~address. */
    public static final String W4 = "W4";
    /** 5-baud init: idle line before the address. */
    public static final String W5 = "W5";
    /** Fast init: how long K was held low. */
    public static final String TINIL = "TiniL";
    /** Fast init: start of the wake-up pattern to the first byte of StartCommunication. */
    public static final String TWUP = "TWuP";
    /** Fast init: idle line before the wake-up pattern. */
    public static final String IDLE_BEFORE_INIT = "idle before init";
    /** DS2: tester request end to the ECU's answer. */
    public static final String DS2_RESPONSE = "DS2 response timeout";
    /** DS2: gap between two bytes of one telegram, either side. */
    public static final String DS2_INTER_BYTE = "DS2 inter-byte";
    /** DS2: previous telegram end to the tester's next request. */
    public static final String DS2_REQUEST_GAP = "DS2 request gap";

    /** Which side of its limit a measured value lies. */
    public enum Bound {
        /** Shorter than the minimum. */
        BELOW_MIN,
        /** Longer than the maximum. */
        ABOVE_MAX
    }

    public Violation {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(context, "context");
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, not " + index);
        }
    }

    /**
     * Whether the value lies beyond its limit by more than {@code stamps}: then the rule was
     * broken whatever the stamps' error; otherwise it is not decidable from these stamps.
     */
    public boolean beyond(Uncertainty stamps) {
        return excessNanos() > stamps.nanos();
    }

    /**
     * Whether the value lies beyond its limit by more than {@code stamps} and the machine's stops
     * in the measured span or just before it ({@link #stopsSaid}), which may have held either stamp.
     */
    public boolean beyond(Uncertainty stamps, CpuStops stops) {
        return excessNanos() > stamps.nanos() + stops.widening(spanStart(), at, stamps.nanos());
    }

    /**
     * "CPU 1 ran nothing of ours for 99.8ms" for the machine's stops that bear on this
     * measurement (from the stamps' uncertainty before the measured span, the gap ending at this
     * entry, to its end); empty when none.
     */
    public String stopsSaid(CpuStops stops, Uncertainty stamps) {
        return stops.said(spanStart(), at, stamps.nanos());
    }

    private long spanStart() {
        return at - Math.abs(measuredNanos);
    }

    /** How far beyond the limit: always positive. */
    public long excessNanos() {
        return bound == Bound.ABOVE_MAX ? measuredNanos - limitNanos : limitNanos - measuredNanos;
    }

    /**
     * E.g. {@code P4 too long (TESTER): 23.46ms > max 20ms, 3.457ms over, entry #3 at 0.070s: C1 33 | F1 81 66}:
     * rounded as people read them ({@link Durations#human}); the excess is never rounded to
     * nothing ("20ms > max 20ms, 1ns over"), and the JSON keeps every nanosecond.
     */
    @Override
    public String toString() {
        boolean above = bound == Bound.ABOVE_MAX;
        return String.format(
                Locale.ROOT,
                "%s too %s (%s): %s %s %s %s, %s %s, entry #%d at %s: %s",
                parameter,
                above ? "long" : "short",
                by,
                Durations.human(measuredNanos),
                above ? ">" : "<",
                above ? "max" : "min",
                Durations.human(limitNanos),
                Durations.human(excessNanos()),
                above ? "over" : "under",
                index,
                Durations.clock(at),
                context);
    }
}
