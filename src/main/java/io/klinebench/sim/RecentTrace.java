package io.klinebench.sim;

import io.klinebench.line.TraceEntry;
import io.klinebench.trace.TraceFormat;
import java.util.ArrayDeque;
import java.util.List;
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

    /** The entries kept, as trace lines (times in ns on this end's clock). */
    synchronized List<String> lines() {
        return entries.stream().map(e -> TraceFormat.line(e, 0, 0)).toList();
    }
}
