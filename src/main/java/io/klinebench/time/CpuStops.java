package io.klinebench.time;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongBinaryOperator;
import java.util.stream.Collectors;

/**
 * The machine's stops ({@link CpuStop}) as they bear on a measured gap: the bound on how late a
 * stamp may be is the transport's {@link Uncertainty} plus every stop in or just before the gap,
 * since a byte held by a stopped CPU is stamped when the CPU runs again. A running sim watches
 * its machine; a trace keeps what was seen in {@code # cpu-stop:} lines, so that {@code
 * validate} frames and judges with the same bound the sim used.
 */
@FunctionalInterface
public interface CpuStops {

    /**
     * At most this much longer a wait for the other side lasts for the machine's stops: P3max's
     * 5 s, past which a module has ended its session anyway, and a machine stopped that long is
     * not one a byte's timing means anything on.
     */
    long MOST_WAITED = 5 * Durations.S;

    /** No stop seen: the bench's virtual clock, or a machine nobody watched. */
    CpuStops NONE = (from, to) -> List.of();

    /** The stops that share an instant with {@code from..to}, one still going on included. */
    List<CpuStop> within(long from, long to);

    /**
     * How much later than the truth a stamp at the end of the gap {@code from..to} may be, beyond
     * the transport's own {@code slack}: the time covered by the stops from {@code slack} before
     * the gap to its end (the stamp that opened the gap may have been held by a stop just before
     * it). Stops that overlap (both CPUs at once, a JVM pause seen on each; a pty stall seen again
     * as its held bytes come in) count once: a byte waits for the machine's lost time, not for
     * each witness of it. Zero when none.
     */
    default long widening(long from, long to, long slack) {
        List<CpuStop> stops = new ArrayList<>(within(from - slack, to));
        stops.sort(Comparator.comparingLong(CpuStop::from));
        long covered = 0;
        long end = Long.MIN_VALUE;
        for (CpuStop s : stops) {
            if (s.to() <= end) {
                continue; // inside what is counted already
            }
            covered += s.to() - Math.max(s.from(), end);
            end = s.to();
        }
        return covered;
    }

    /**
     * How far beyond a limit the gap {@code from..to} is still taken: {@code slack} (the stamps'
     * uncertainty) and the stops in or just before the gap; nothing when there is no slack (a
     * line judged strictly, or exact stamps). The one rule of the lenient link and of a judge
     * of its trace.
     */
    default long bound(long slack, long from, long to) {
        return slack == 0 ? 0 : slack + widening(from, to, slack);
    }

    /**
     * For a frame decoder: how much longer than {@code slack} allows a gap may run, for the stops
     * in it ({@link #bound} less the slack). One rule for the link, the listener and the replay.
     */
    default LongBinaryOperator stretch(long slack) {
        return (from, to) -> bound(slack, from, to) - slack;
    }

    /** How many stops {@link #said} names one by one; more are summed up, so a busy minute stays one line. */
    int SAID_AT_MOST = 3;

    /**
     * "CPU 1 ran nothing of ours for 99.8ms" for each stop in that span, joined, in time order;
     * when there are more than {@link #SAID_AT_MOST}, the longest of them and "and 30 more
     * stops; 622ms covered in all" (the widening's union, not the sum). Empty when none.
     */
    default String said(long from, long to, long slack) {
        List<CpuStop> stops = within(from - slack, to);
        if (stops.size() <= SAID_AT_MOST) {
            return stops.stream().map(CpuStop::said).collect(Collectors.joining(", "));
        }
        List<CpuStop> longest = new ArrayList<>(stops);
        longest.sort(Comparator.comparingLong(CpuStop::nanos).reversed());
        List<CpuStop> named = new ArrayList<>(longest.subList(0, SAID_AT_MOST));
        named.sort(Comparator.comparingLong(CpuStop::from));
        return named.stream().map(CpuStop::said).collect(Collectors.joining(", "))
                + " and " + (stops.size() - SAID_AT_MOST) + " more stops; "
                + Durations.human(widening(from, to, slack)) + " covered in all";
    }

    /** The same stops in times counted from {@code origin} (a trace's times), asked and answered so. */
    default CpuStops countedFrom(long origin) {
        return (from, to) -> {
            List<CpuStop> out = new ArrayList<>();
            for (CpuStop s : within(from + origin, to + origin)) {
                out.add(new CpuStop(s.cpu(), s.from() - origin, s.to() - origin));
            }
            return out;
        };
    }

    /** Stops known in advance, as a trace file lists them. */
    static CpuStops of(List<CpuStop> stops) {
        List<CpuStop> all = List.copyOf(stops);
        if (all.isEmpty()) {
            return NONE;
        }
        return (from, to) -> {
            List<CpuStop> out = new ArrayList<>();
            for (CpuStop s : all) {
                if (s.overlaps(from, to)) {
                    out.add(s);
                }
            }
            return out;
        };
    }
}
