package io.klinebench.trace;

import io.klinebench.config.IoCause;
import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.Clock;
import io.klinebench.time.CpuStop;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The trace of a running simulator, written as it happens ({@link TraceFormat}): a line for
 * each byte, with its frame number, and for each wake-up and 5-baud byte, times counted from
 * the start. A frame is a run of bytes from one sender with no gap longer than {@code frameGap}; the file
 * is flushed when a frame ends (the gap has passed or the other side speaks), so a crash loses
 * at most the frame in progress. {@link #record} is called on the clock's thread; the file
 * itself is written on a thread of its own.
 *
 * <p>A file that refuses a write (a full disk, {@code /dev/full}, a removed drive) ends the
 * trace: nothing after it could be written in order. Whoever asked ({@link #whenFailed}) is
 * told the cause, once, so that the loss is said where it matters and not only in the log: a
 * trace that ends early without a word would be judged by validate as if it were the whole run.
 */
public final class LiveTrace implements AutoCloseable {

    private final Clock clock;
    private final Writer out;
    private final long origin;
    private final long frameGap;
    /** The file is written here, never on the clock's thread: a slow disk must not delay a byte. */
    private final ExecutorService disk = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "trace-writer");
        t.setDaemon(true);
        return t;
    });

    private long frame;
    private Direction lastFrom;
    private long lastAt = Long.MIN_VALUE;
    private Clock.Scheduled flush;
    private volatile boolean failed;
    /** Why the file refused a write, once it has (null until then); guarded by this. */
    private String failure;
    /** Who is told why; guarded by this. */
    private Consumer<String> told;

    /**
     * Writes to {@code out}, starting with {@link TraceFormat#HEADER} and what {@code header}
     * says; times count from {@code origin}.
     */
    public LiveTrace(Clock clock, Writer out, long origin, long frameGap, TraceHeader header) {
        this.clock = clock;
        this.out = out;
        this.origin = origin;
        this.frameGap = frameGap;
        write(TraceFormat.HEADER, header.lines().isEmpty());
        for (int i = 0; i < header.lines().size(); i++) {
            write(header.lines().get(i), i == header.lines().size() - 1);
        }
    }

    /** On the clock's thread: numbers the frame and hands the line to the writer thread. */
    public void record(TraceEntry e) {
        if (failed) {
            return;
        }
        if (e.kind() != TraceEntry.Kind.BYTE) {
            // A wake-up or a 5-baud address: a line of its own, flushed at once (validate reads it).
            write(TraceFormat.line(e, origin, 0), true);
            return;
        }
        if (e.from() != lastFrom || e.at() - lastAt > frameGap) {
            if (frame > 0) {
                flushNow();
            }
            frame++;
            lastFrom = e.from();
        }
        lastAt = e.at();
        write(TraceFormat.line(e, origin, frame), false);
        if (flush != null) {
            flush.cancel();
        }
        flush = clock.schedule(e.at() + frameGap + 1, this::flushNow);
    }

    /**
     * On the clock's thread: marks an answer the module was told to break, from {@code from} to
     * {@code until} (clock times), so that validate names its violations as injected.
     */
    public void injected(long from, long until, String what) {
        if (!failed) {
            write(TraceFormat.injected(new Trace.Injected(from - origin, until - origin, what)), true);
        }
    }

    /**
     * On the clock's thread: says that the machine stopped a CPU ({@link CpuStop}, clock times),
     * so that validate widens the gaps it held as the sim did.
     */
    public void cpuStop(CpuStop stop) {
        if (!failed) {
            write(TraceFormat.cpuStop(stop, origin), true);
        }
    }

    /**
     * Says in the file why the sim stopped before it ran (its port refused, a file it could not
     * make), so that the empty trace says why it is empty; before {@link #close}.
     */
    public void stoppedAtStart(String why) {
        write(TraceHeader.stoppedAtStartLine(why), true);
    }

    private void write(String line, boolean thenFlush) {
        disk.execute(() -> {
            try {
                out.write(line);
                out.write(System.lineSeparator());
                if (thenFlush) {
                    out.flush();
                }
            } catch (IOException x) {
                fail(x);
            }
        });
    }

    private void flushNow() {
        disk.execute(() -> {
            try {
                out.flush();
            } catch (IOException x) {
                fail(x);
            }
        });
    }

    /**
     * Tells {@code why} the cause, once, when the file refuses a write; at once if it already
     * has (the header is written before the run is up, and a stop must not meet a run half
     * started). Without it the stop is logged.
     */
    public void whenFailed(Consumer<String> why) {
        String cause;
        synchronized (this) {
            told = why;
            cause = failure;
        }
        if (cause != null) {
            why.accept(cause);
        }
    }

    /** On the writer's thread: the trace ends here, and whoever asked is told why (once). */
    private void fail(IOException x) {
        Consumer<String> tell;
        String cause = IoCause.of(x);
        synchronized (this) {
            if (failure != null) {
                return;
            }
            failed = true;
            failure = cause;
            tell = told;
        }
        if (tell == null) {
            LoggerFactory.getLogger(LiveTrace.class).warn("trace stopped: {}", cause);
        } else {
            tell.accept(cause);
        }
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() throws IOException {
        if (flush != null) {
            flush.cancel();
        }
        disk.shutdown();
        try {
            disk.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.close();
    }
}
