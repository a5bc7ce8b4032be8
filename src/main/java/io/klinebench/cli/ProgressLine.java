package io.klinebench.cli;

import io.klinebench.bench.Progress;
import io.klinebench.sweep.PointProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A long sequence's progress on one line of a terminal's stderr: "reading: 123456 of 500000
 * steps (24 %)", then "running: ...", shown only once the run has taken a second (a short run stays as quiet as before),
 * redrawn at most ten times a second, and erased at the end so the report follows clean.
 * Nothing at all when stderr is not a terminal: a log or a pipe gets no carriage returns.
 */
final class ProgressLine implements Progress, PointProgress, AutoCloseable {

    static final long SHOW_AFTER = 1_000_000_000L;
    static final long REDRAW_EVERY = 100_000_000L;

    private final PrintWriter err;
    private final String doing;
    private final LongSupplier nanos;
    private final boolean terminal;
    private final long start;
    private boolean drawn;
    private long drawnAt;
    private int width;
    /** The last count of points or steps told, for {@link #stoppedEarly}; any thread may ask. */
    private volatile long countDone;

    private volatile long countTotal = -1;
    /** What is counted, "step" or "point": said by its maker, as a stop may come before the first count. */
    private final String unit;

    ProgressLine(PrintWriter err, String doing, String unit, boolean terminal, LongSupplier nanos) {
        this.err = err;
        this.doing = doing;
        this.unit = unit;
        this.terminal = terminal;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
    }

    /**
     * "{@code doing}: 123 of 456 steps" ({@code unit} "step", a run's) or points ("point", a
     * sweep's) on stderr when it is a terminal, with the wall clock: a person is watching.
     */
    static ProgressLine forStderr(PrintWriter err, String doing, String unit) {
        return new ProgressLine(err, doing, unit, Posix.isTerminal(Posix.STDERR), System::nanoTime);
    }

    @Override
    public void stepsDone(int done, int total) {
        countDone = done;
        countTotal = total;
        if (!terminal || (done & 0xFF) != 0 && done != total) {
            return; // the clock is read every 256 steps: a step costs microseconds
        }
        long now = nanos.getAsLong();
        if (now - start < SHOW_AFTER || drawn && now - drawnAt < REDRAW_EVERY) {
            return;
        }
        drawn = true;
        drawnAt = now;
        String text = String.format(
                Locale.ROOT, "%s: %d of %d steps (%d %%)", doing, done, total, total == 0 ? 100 : done * 100L / total);
        width = Math.max(width, text.length());
        err.print("\r" + text);
        err.flush();
    }

    /**
     * A sweep's points: "sweep: 1234 of 5000 points (24 %), 850 points/s, 4s left", the rate
     * over the whole run so far. Points take milliseconds: the clock is read for each.
     */
    @Override
    public void pointsDone(long done, long total) {
        countDone = done;
        countTotal = total;
        if (!terminal) {
            return;
        }
        long now = nanos.getAsLong();
        if (now - start < SHOW_AFTER || drawn && now - drawnAt < REDRAW_EVERY && done != total) {
            return;
        }
        drawn = true;
        drawnAt = now;
        double perSecond = done * 1e9 / Math.max(1, now - start);
        long left = perSecond > 0 ? (long) ((total - done) / perSecond) : 0;
        String text = String.format(
                Locale.ROOT,
                "%s: %d of %d points (%d %%), %.0f points/s, %ds left",
                doing,
                done,
                total,
                total == 0 ? 100 : done * 100L / total,
                perSecond,
                left);
        width = Math.max(width, text.length());
        err.print("\r" + text + " ".repeat(width - text.length()));
        err.flush();
    }

    /**
     * The run was stopped before its end (a signal): the line, if drawn, is kept where it stands,
     * ended, and {@code what} said under it with how far the points (or a run's steps) got
     * ("stopped at 54529 of 1000000 points"). Called on a shutdown hook's thread, the run's
     * thread still going.
     */
    synchronized void stoppedEarly(String what) {
        if (width > 0) {
            err.println();
            width = 0;
        }
        long total = countTotal;
        err.println(what.replace(
                "{at}",
                total < 0 ? "before its first " + unit : "at " + countDone + " of " + total + " " + unit + "s"));
        err.flush();
    }

    /** Erases the line, if one was drawn. */
    @Override
    public void close() {
        if (width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }
}
