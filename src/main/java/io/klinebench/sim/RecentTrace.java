package io.klinebench.sim;

import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import io.klinebench.trace.TraceFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The last entries of a line's trace, kept to say what an end saw when something did not
 * come: added on the clock's thread, read from any.
 */
final class RecentTrace implements Consumer<TraceEntry> {

    private final int keep;
    private final ArrayDeque<TraceEntry> entries = new ArrayDeque<>();

    RecentTrace(int keep) {
        this.keep = keep;
    }

    @Override
    public synchronized void accept(TraceEntry e) {
        entries.addLast(e);
        if (entries.size() > keep) {
            entries.removeFirst();
        }
    }

    /** The longest gap between the bytes {@code from} put on the line from {@code firstAt} to {@code lastAt}; 0 for one byte. */
    synchronized long longestGap(Direction from, long firstAt, long lastAt) {
        long longest = 0;
        long previous = Long.MIN_VALUE;
        for (TraceEntry e : entries) {
            if (e.from() != from || e.kind() != TraceEntry.Kind.BYTE || e.at() < firstAt || e.at() > lastAt) {
                continue;
            }
            if (previous != Long.MIN_VALUE) {
                longest = Math.max(longest, e.at() - previous);
            }
            previous = e.at();
        }
        return longest;
    }

    /**
     * The longest gap between the first {@code count} bytes that came back from the line at or
     * after {@code firstAt}: on a line that echoes, our own {@code count}-byte request as the line
     * delivered it; 0 when fewer came.
     */
    synchronized long longestEchoGap(long firstAt, int count) {
        long longest = 0;
        long previous = Long.MIN_VALUE;
        int seen = 0;
        for (TraceEntry e : entries) {
            if (e.from() != Direction.ECU || e.kind() != TraceEntry.Kind.BYTE || e.at() < firstAt) {
                continue;
            }
            if (previous != Long.MIN_VALUE) {
                longest = Math.max(longest, e.at() - previous);
            }
            previous = e.at();
            if (++seen == count) {
                return longest;
            }
        }
        return 0;
    }

    /** The entries kept, as trace lines (times in ns on this end's clock). */
    synchronized List<String> lines() {
        return entries.stream().map(e -> TraceFormat.line(e, 0, 0)).toList();
    }

    /**
     * What this end wrote and read since {@code since}, for a person: for each direction its
     * bytes, their first and last instant and the longest gap between them, in ms from
     * {@code since}; then how long nothing came until {@code now}. "wrote" is what this end put
     * on the line, "read" what the line gave back (its own echo on a line that echoes, then the
     * other end's answer). Earlier entries belong to earlier exchanges and are left out.
     */
    synchronized String account(long since, long now) {
        List<String> parts = new ArrayList<>();
        long last = since;
        for (Direction from : List.of(Direction.TESTER, Direction.ECU)) {
            StringBuilder bytes = new StringBuilder();
            long first = Long.MIN_VALUE;
            long previous = Long.MIN_VALUE;
            long longest = 0;
            for (TraceEntry e : entries) {
                if (e.at() < since || e.from() != from) {
                    continue;
                }
                last = Math.max(last, e.at());
                if (e.kind() != TraceEntry.Kind.BYTE) {
                    parts.add(verb(from)
                            + (e.kind() == TraceEntry.Kind.LOW ? " the line held low for " : " a 5-baud byte of ")
                            + ms(e.durationNanos()) + " (at " + ms(e.at() - since) + ")");
                    continue;
                }
                bytes.append(String.format(Locale.ROOT, " %02X", e.value()));
                if (previous != Long.MIN_VALUE) {
                    longest = Math.max(longest, e.at() - previous);
                } else {
                    first = e.at();
                }
                previous = e.at();
            }
            if (previous == Long.MIN_VALUE) {
                parts.add(verb(from) + " nothing");
            } else {
                parts.add(verb(from) + bytes + " ("
                        + (first == previous
                                ? "at " + ms(first - since)
                                : number(first - since) + " to " + ms(previous - since) + ", longest gap "
                                        + ms(longest))
                        + ")");
            }
        }
        parts.add("then nothing for " + ms(now - last));
        return String.join("; ", parts);
    }

    private static String verb(Direction from) {
        return from == Direction.TESTER ? "wrote" : "read";
    }

    private static String ms(long nanos) {
        return number(nanos) + " ms";
    }

    private static String number(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
