package io.klinebench.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a sweep on a fixed pool of threads. Each point is single-threaded and deterministic,
 * so the pool only changes how fast: points are handed out in index order, a bounded number
 * at a time, and taken back in index order, so the sinks see the same stream whatever the
 * thread count, and memory does not grow with the number of points.
 */
public final class Sweeper {

    /** Batches in flight per thread: enough to keep every thread busy while the head of the queue is written. */
    private static final int AHEAD_PER_THREAD = 4;
    /**
     * Points in one batch, at most: a task per point cost about as much in hand-over (a future,
     * a wake-up of the writer) as the point itself. A small sweep gets smaller batches, so that
     * every thread still has some.
     */
    private static final int MAX_BATCH = 64;

    /**
     * From this many points of a shard on, the JIT is first shown the whole grid ({@link
     * #warmUp}): below it, the warm-up's points would be a noticeable share of the work.
     */
    static final long WARM_UP_FROM = 200_000;
    /**
     * Points of the warm-up: enough for the compiler's second tier to compile a point's
     * once-a-point methods (about 5,000 to 15,000 calls each) from a profile of all of them.
     */
    static final int WARM_UP_POINTS = 12_000;
    /** Off only to measure what the warm-up gives (BENCHMARKS.md). */
    private static final boolean WARM_UP_ENABLED = !Boolean.getBoolean("klinebench.sweep.noWarmUp");

    private final Sweep sweep;
    private final int threads;

    public Sweeper(Sweep sweep, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, found " + threads);
        }
        this.sweep = sweep;
        this.threads = threads;
    }

    /** Runs the points of {@code shard}, streaming them to {@code sink}; then, for a whole sweep, its boundaries. */
    public SweepResult run(Shard shard, SweepSink sink, PointProgress progress) throws IOException {
        long size = sweep.size();
        long total = shard.count(size);
        Tally tally = new Tally(sweep, shard.isWhole() && sweep.bisects());
        PointRunner runner = new PointRunner(sweep);
        int batch = (int) Math.max(1, Math.min(MAX_BATCH, total / (threads * (long) AHEAD_PER_THREAD * 4)));
        ExecutorService pool = Executors.newFixedThreadPool(threads, Sweeper::daemon);
        try {
            if (total >= WARM_UP_FROM && WARM_UP_ENABLED) {
                warmUp(runner, pool, size);
            }
            ArrayDeque<Future<Batch>> ahead = new ArrayDeque<>();
            long next = shard.number() - 1;
            long done = 0;
            while (next < size || !ahead.isEmpty()) {
                while (next < size && ahead.size() < threads * AHEAD_PER_THREAD) {
                    long first = next;
                    int n = (int) Math.min(batch, (size - 1 - first) / shard.of() + 1);
                    long step = shard.of();
                    ahead.add(pool.submit(() -> batch(runner, first, n, step)));
                    next += n * step;
                }
                Batch b = await(ahead.poll());
                for (int i = 0; i < b.done(); i++) {
                    tally.add(b.points()[i]);
                    sink.point(b.points()[i]);
                    progress.pointsDone(++done, total);
                }
                if (b.failure() != null) {
                    throw b.failure(); // after the points before it, as a point on its own would
                }
            }
            List<Boundary> boundaries = shard.isWhole() ? boundaries(tally, runner, pool) : List.of();
            SweepResult result = new SweepResult(shard, tally.seen(), tally.counts(), boundaries);
            sink.end(result);
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs {@link #WARM_UP_POINTS} points spread evenly over the grid, on every thread, and
     * forgets their results. Why: points in index order show the JIT one corner of the grid for
     * its first thousands of points (the first axis varies slowest), so it compiles a point's
     * large methods for the way that corner fails, then meets the rest of the grid, throws the
     * code away and compiles again (JFR: the run's big methods compiled three times each, 1.2 to
     * 1.6 s of the compiler's time apiece). A point is deterministic, so running one twice
     * changes nothing in the results; a point that throws here throws again in its turn, where
     * it is reported.
     */
    private void warmUp(PointRunner runner, ExecutorService pool, long size) {
        long stride = Math.max(1, size / WARM_UP_POINTS);
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long first = t * stride; // the threads take turns along the samples
            long step = stride * threads;
            parts.add(pool.submit(() -> {
                for (long i = first; i < size; i += step) {
                    try {
                        runner.run(i);
                    } catch (RuntimeException e) {
                        // reported when the point runs in its turn
                    }
                }
            }));
        }
        for (Future<?> f : parts) {
            await(f);
        }
    }

    /**
     * A batch's points, in order: the first {@code done} of them ran; {@code failure}, if any,
     * is what the next one threw (a fault of the bench, not a point's verdict).
     */
    private record Batch(PointResult[] points, int done, RuntimeException failure) {}

    /** The {@code n} points from index {@code first} on, {@code step} apart, in order. */
    private static Batch batch(PointRunner runner, long first, int n, long step) {
        PointResult[] out = new PointResult[n];
        for (int i = 0; i < n; i++) {
            try {
                out[i] = runner.run(first + i * step);
            } catch (RuntimeException e) {
                return new Batch(out, i, e);
            }
        }
        return new Batch(out, n, null);
    }

    /**
     * The boundaries of a whole sweep whose points were counted in {@code tally} (run here, or
     * read back from shards by the merge), on a pool of this sweeper's size.
     */
    SweepResult finish(Tally tally, SweepSink sink) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, Sweeper::daemon);
        try {
            List<Boundary> boundaries = boundaries(tally, new PointRunner(sweep), pool);
            SweepResult result = new SweepResult(Shard.WHOLE, tally.seen(), tally.counts(), boundaries);
            sink.end(result);
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every pair of grid neighbours with different outcomes, by axis then index, each bisected. */
    private List<Boundary> boundaries(Tally tally, PointRunner runner, ExecutorService pool) {
        if (!sweep.bisects()) {
            return List.of();
        }
        List<Future<Boundary>> found = new ArrayList<>();
        for (NeighbourFlips.Flip flip : tally.flips()) {
            int[] c = sweep.coordinates(flip.index());
            long[] values = sweep.values(c);
            long to = sweep.axes().get(flip.axis()).values().get(c[flip.axis()] + 1);
            found.add(pool.submit(
                    () -> Bisection.find(runner, sweep, values, flip.axis(), to, flip.from(), flip.into())));
        }
        List<Boundary> out = new ArrayList<>();
        for (Future<Boundary> f : found) {
            out.add(await(f));
        }
        return out;
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Pool threads that never keep the JVM alive after the command is done. */
    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "sweep");
        t.setDaemon(true);
        return t;
    }
}
