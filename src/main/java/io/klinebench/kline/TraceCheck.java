package io.klinebench.kline;

import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * What the KWP2000 and DS2 timing checks share: one pass over the trace in time order,
 * assembling each side's bytes into frames ({@link TraceFrame}), and the list of violations.
 * Subclasses judge line events, may claim bytes that are not frame bytes (5-baud init), and
 * judge each frame when it is finished.
 *
 * <p>A frame ends when its length is reached, when a byte of the other side or a line event
 * (LOW, SLOW) comes, when the trace ends, or at a gap beyond the sender's inter-byte maximum.
 * In the last case, if the frame was unfinished by its length, the bytes after the gap form
 * the frame's rest ({@link TraceFrame#rest}): the subclass reports the gap once, and judges
 * the rest as neither a new request nor a new response.
 */
abstract class TraceCheck {

    protected final List<TraceEntry> trace;
    private final List<Violation> found = new ArrayList<>();
    private final int[] position;
    private final TraceFrame.Lengths lengths;
    private final long tolerance;
    private final CpuStops stops;
    private TraceFrame open;

    /**
     * @param tolerance how far beyond an inter-byte maximum a gap still belongs to its frame: the
     *     stamps' uncertainty, as a lenient link layer on the same line frames (0 for exact stamps)
     * @param stops     the machine's stops the sim saw: with a tolerance, a gap they held may be
     *     that much longer too, as the lenient link took it ({@link LineConditions#tolerance(long, long)})
     */
    protected TraceCheck(List<TraceEntry> trace, TraceFrame.Lengths lengths, long tolerance, CpuStops stops) {
        Objects.requireNonNull(trace, "trace");
        for (int i = 0; i < trace.size(); i++) {
            check(i, trace.get(i));
        }
        this.trace = List.copyOf(trace);
        this.lengths = lengths;
        this.tolerance = tolerance;
        this.stops = Objects.requireNonNull(stops, "stops");
        this.position = new int[this.trace.size()];
    }

    /** Runs the check once and returns the violations in time order. */
    final List<Violation> run() {
        int[] order = timeOrder();
        for (int p = 0; p < order.length; p++) {
            position[order[p]] = p;
        }
        for (int i : order) {
            TraceEntry e = trace.get(i);
            switch (e.kind()) {
                case LOW -> {
                    closeOpen();
                    onLow(i, e);
                }
                case SLOW -> {
                    closeOpen();
                    onSlow(i, e);
                }
                case BYTE -> onByte(i, e);
                default -> throw new IllegalStateException("unknown kind " + e.kind());
            }
        }
        closeOpen();
        List<Violation> out = new ArrayList<>(found);
        out.sort(Comparator.comparingInt(v -> position[v.index()]));
        return out;
    }

    /**
     * The entries' indices in time order; entries at the same instant keep the order they were
     * written in. A trace is written in time order but for steps back within its stamps'
     * uncertainty, so the sort (boxed, a few times the trace's size in garbage) runs only when
     * needed.
     */
    private int[] timeOrder() {
        int n = trace.size();
        int[] order = new int[n];
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            sorted &= i == 0 || trace.get(i).at() >= trace.get(i - 1).at();
        }
        if (sorted) {
            return order;
        }
        return IntStream.range(0, n)
                .boxed()
                .sorted(Comparator.comparingLong(i -> trace.get(i).at()))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** The sender's inter-byte maximum now: a longer gap ends its frame. */
    protected abstract long interByteMax(Direction from);

    /** K held low (fast-init wake-up). Any open frame is already finished. */
    protected abstract void onLow(int index, TraceEntry e);

    /** A 5-baud byte. Any open frame is already finished. */
    protected abstract void onSlow(int index, TraceEntry e);

    /** A frame is finished (complete, cut, interrupted, or at the trace's end). */
    protected abstract void frameDone(TraceFrame f);

    /** Lets a subclass take a byte that is not part of a frame; true if it did. */
    protected boolean claim(int index, TraceEntry e) {
        return false;
    }

    protected final void report(
            String parameter,
            Direction by,
            long measured,
            long limit,
            Violation.Bound bound,
            int index,
            String context) {
        found.add(new Violation(
                parameter, by, measured, limit, bound, index, trace.get(index).at(), context));
    }

    /** Reports {@code measured} if it lies outside {@code min..max} (inclusive). */
    protected final void within(
            String parameter, Direction by, long measured, long min, long max, int index, String context) {
        if (measured < min) {
            report(parameter, by, measured, min, Violation.Bound.BELOW_MIN, index, context);
        } else if (measured > max) {
            report(parameter, by, measured, max, Violation.Bound.ABOVE_MAX, index, context);
        }
    }

    /**
     * Reports each gap inside {@code f} longer than its inter-byte maximum: gaps that did not cut
     * the frame because they lay within the stamps' uncertainty beyond the maximum.
     */
    protected final void interByteMax(TraceFrame f, String parameter) {
        for (int k = 1; k < f.size(); k++) {
            long gap = f.time(k) - f.time(k - 1);
            if (gap > f.interByteMax) {
                report(
                        parameter,
                        f.from,
                        gap,
                        f.interByteMax,
                        Violation.Bound.ABOVE_MAX,
                        f.index(k),
                        f.hexSplitBefore(k));
            }
        }
    }

    /** Reports each gap inside {@code f} shorter than {@code min}; a rest is no frame and is not judged. */
    protected final void interByteMin(TraceFrame f, String parameter, long min) {
        if (f.isRest()) {
            return;
        }
        for (int k = 1; k < f.size(); k++) {
            long gap = f.time(k) - f.time(k - 1);
            if (gap < min) {
                report(parameter, f.from, gap, min, Violation.Bound.BELOW_MIN, f.index(k), f.hexSplitBefore(k));
            }
        }
    }

    /** For a frame's rest after a cut: the gap that cut it, as a violation of {@code parameter}'s maximum. */
    protected final void reportCut(TraceFrame rest, String parameter) {
        TraceFrame cut = rest.cutFrom;
        report(
                parameter,
                rest.from,
                rest.firstAt() - cut.lastAt(),
                rest.interByteMax,
                Violation.Bound.ABOVE_MAX,
                rest.index(0),
                cut.hexTail() + " | " + rest.hexHead());
    }

    /** How a line event reads in a context. */
    protected static String describe(TraceEntry e) {
        return switch (e.kind()) {
            case LOW -> "LOW " + Durations.format(e.durationNanos());
            case SLOW -> String.format(Locale.ROOT, "SLOW %02X", e.value());
            case BYTE -> String.format(Locale.ROOT, "%02X", e.value());
        };
    }

    private void onByte(int index, TraceEntry e) {
        if (open == null && claim(index, e)) {
            return;
        }
        if (open != null && open.from != e.from()) {
            closeOpen();
        }
        if (open != null && cuts(open.lastAt(), e.at(), open.interByteMax)) {
            TraceFrame cut = open;
            closeOpen();
            // A cut frame's rest ends at the next gap beyond the maximum: what follows is new.
            open = cut.unfinished() && cut.cutFrom == null
                    ? TraceFrame.afterCut(cut, interByteMax(e.from()), lengths)
                    : TraceFrame.start(e.from(), interByteMax(e.from()), lengths);
        } else if (open == null) {
            open = TraceFrame.start(e.from(), interByteMax(e.from()), lengths);
        }
        open.add(index, e.at(), e.value());
        if (open.complete()) {
            closeOpen();
        }
    }

    /** Whether the gap from {@code last} to {@code at} ends a frame, as the lenient link on the line judged it. */
    private boolean cuts(long last, long at, long interByteMax) {
        long gap = at - last;
        return gap > interByteMax + tolerance && gap > interByteMax + stops.bound(tolerance, last, at);
    }

    private void closeOpen() {
        if (open != null) {
            TraceFrame f = open;
            open = null;
            frameDone(f);
        }
    }

    private static void check(int i, TraceEntry e) {
        if (e == null) {
            throw new IllegalArgumentException("trace entry #" + i + " is null");
        }
        Objects.requireNonNull(e.from(), "trace entry #" + i + ": from");
        Objects.requireNonNull(e.kind(), "trace entry #" + i + ": kind");
        if (e.kind() != TraceEntry.Kind.LOW && (e.value() < 0 || e.value() > 255)) {
            throw new IllegalArgumentException("trace entry #" + i + ": a byte is 0..255, not " + e.value());
        }
        if (e.durationNanos() < 0) {
            throw new IllegalArgumentException("trace entry #" + i + ": negative duration " + e.durationNanos());
        }
    }
}
