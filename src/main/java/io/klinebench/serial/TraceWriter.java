package io.klinebench.serial;

import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.Clock;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Writes a line trace as it happens, one line per byte:
 * <pre>
 *   &lt;ns since the start&gt; &lt;tester|ecu&gt; &lt;hex byte&gt; &lt;frame number&gt;
 *   1203443112 tester 81 1
 * </pre>
 * A frame is a run of bytes from one sender with no gap longer than {@code frameGap}; the file
 * is flushed when a frame ends (the gap has passed or the other side speaks), so a crash loses
 * at most the frame in progress. Used on the clock's thread only.
 */
public final class TraceWriter implements AutoCloseable {

    private final Clock clock;
    private final Writer out;
    private final long origin;
    private final long frameGap;
    private long frame;
    private Direction lastFrom;
    private long lastAt = Long.MIN_VALUE;
    private Clock.Scheduled flush;
    private boolean failed;

    public TraceWriter(Clock clock, Writer out, long origin, long frameGap) {
        this.clock = clock;
        this.out = out;
        this.origin = origin;
        this.frameGap = frameGap;
    }

    public void record(TraceEntry e) {
        if (failed) {
            return;
        }
        if (e.kind() != TraceEntry.Kind.BYTE) {
            // A wake-up or a 5-baud address: one line of its own, at once (validate reads it).
            String side = e.from() == Direction.TESTER ? "tester" : "ecu";
            try {
                out.write(e.kind() == TraceEntry.Kind.LOW
                        ? String.format(Locale.ROOT, "%d %s LOW %d%n", e.at() - origin, side, e.durationNanos())
                        : String.format(Locale.ROOT, "%d %s SLOW %02X %d%n", e.at() - origin, side, e.value(), e.durationNanos()));
            } catch (IOException x) {
                failed = true;
                return;
            }
            flush();
            return;
        }
        if (e.from() != lastFrom || e.at() - lastAt > frameGap) {
            if (frame > 0) {
                flush();
            }
            frame++;
            lastFrom = e.from();
        }
        lastAt = e.at();
        try {
            out.write(String.format(Locale.ROOT, "%d %s %02X %d%n", e.at() - origin,
                    e.from() == Direction.TESTER ? "tester" : "ecu", e.value(), frame));
        } catch (IOException x) {
            failed = true;
            org.slf4j.LoggerFactory.getLogger(TraceWriter.class).warn("trace stopped: {}", x.getMessage());
            return;
        }
        if (flush != null) {
            flush.cancel();
        }
        flush = clock.schedule(e.at() + frameGap + 1, this::flush);
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException x) {
            failed = true;
        }
    }

    @Override
    public void close() throws IOException {
        if (flush != null) {
            flush.cancel();
        }
        out.close();
    }
}
