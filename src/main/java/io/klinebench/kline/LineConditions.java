package io.klinebench.kline;

import io.klinebench.time.CpuStops;
import io.klinebench.time.Durations;
import io.klinebench.time.Uncertainty;
import java.util.Objects;
import java.util.function.LongBinaryOperator;

/**
 * What a link layer knows of the line it is on: whether it hears its own bytes back, how exact
 * the times it sees are, and whether it holds the other side to the limits as a real module
 * would all the same.
 *
 * <p>On the bench's line every instant is exact and the limits are the standard's. On a real
 * line (a serial port, a pty) a stamp may be off by the transport's {@link Uncertainty}, so a
 * link that is not {@link #strict} never drops a frame, or refuses an init, for a gap that the
 * transport may have made: it takes the other side's timing up to that much beyond a limit,
 * and says so when it does ({@link LinkEvent.Tolerated}). It also takes the inits a tester
 * makes on such a line as they come (a wake-up it cannot see, a 5-baud handshake answered at
 * once). Strict, it drops and refuses exactly as the standard's limits say.
 *
 * <p>When the machine was seen to stop ({@link CpuStops}), a gap's bound grows by the stops in
 * it: a byte a stopped CPU held is stamped that much late ({@link #tolerance(long, long)}).
 *
 * @param hearsOwnBytes whether our own bytes come back (a K-line cable, the bench's line)
 * @param uncertainty   how far a stamp on this line may be off
 * @param strict        judge by the standard's limits only, whatever the uncertainty
 * @param stops         the machine's stops, as a watch sees them ({@link CpuStops#NONE} when none watches)
 */
public record LineConditions(boolean hearsOwnBytes, Uncertainty uncertainty, boolean strict, CpuStops stops) {

    public LineConditions {
        Objects.requireNonNull(uncertainty, "uncertainty");
        Objects.requireNonNull(stops, "stops");
    }

    /** A line nobody watches the machine for. */
    public LineConditions(boolean hearsOwnBytes, Uncertainty uncertainty, boolean strict) {
        this(hearsOwnBytes, uncertainty, strict, CpuStops.NONE);
    }

    /** The bench's in-memory line: it echoes, every instant is exact, the limits are the standard's. */
    public static LineConditions bench() {
        return new LineConditions(true, Uncertainty.NONE, true);
    }

    /** A real line, taken leniently within {@code uncertainty}. */
    public static LineConditions real(boolean hearsOwnBytes, Uncertainty uncertainty) {
        return new LineConditions(hearsOwnBytes, uncertainty, false);
    }

    /**
     * A limit as a decoder or judge applies it, {@code widened} being the limit plus this line's
     * tolerance: "10ms" on the bench, "35ms (10ms allowed, widened by the stamps' +-25ms (a pty,
     * stated))" on a real line.
     */
    public String limitText(long widened) {
        long tolerance = tolerance();
        return tolerance == 0
                ? Durations.format(widened)
                : Durations.format(widened) + " (" + Durations.format(widened - tolerance)
                        + " allowed, widened by the stamps' " + uncertainty + ")";
    }

    /** How far beyond a limit the other side's timing is still taken: the uncertainty, or nothing when strict. */
    public long tolerance() {
        return strict ? 0 : uncertainty.nanos();
    }

    /**
     * How far beyond a limit the gap {@code from..to} is still taken: {@link #tolerance()} and,
     * unless strict, every stop of the machine in or just before it.
     */
    public long tolerance(long from, long to) {
        return stops.bound(tolerance(), from, to);
    }

    /**
     * Why a gap beyond its limit was taken: "+-25ms (a pty, stated)", and "; the machine: CPU 1
     * ran nothing of ours for 99.8ms" when it stopped in the gap.
     */
    public String takenWithin(long from, long to) {
        String stopped = stops.said(from, to, uncertainty.nanos());
        return uncertainty + (stopped.isEmpty() ? "" : "; the machine: " + stopped);
    }

    /**
     * For a decoder ({@link FrameDecoder#stretchGaps}): how much longer than {@link #tolerance()}
     * allows the gap from..to may be, for the machine's stops in it.
     */
    public LongBinaryOperator stretch() {
        return stops.stretch(tolerance());
    }

    /** The same line, its machine watched by {@code watch}. */
    public LineConditions watched(CpuStops watch) {
        return new LineConditions(hearsOwnBytes, uncertainty, strict, watch);
    }

    /** Whether inits are taken as testers make them on a real line (see the class comment). */
    public boolean lenientInits() {
        return !strict;
    }

    /** The same line, strict. */
    public LineConditions strictly() {
        return new LineConditions(hearsOwnBytes, uncertainty, true, stops);
    }
}
