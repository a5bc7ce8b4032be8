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
        Tally tally = new Tally(size, shard.isWhole() && sweep.bisects());
        PointRunner runner = new PointRunner(sweep);
        int batch = (int) Math.max(1, Math.min(MAX_BATCH, total / (threads * (long) AHEAD_PER_THREAD * 4)));
        ExecutorService pool = Executors.newFixedThreadPool(threads, Sweeper::daemon);
        try {
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
        long size = sweep.size();
        long stride = size;
        for (int k = 0; k < sweep.axes().size(); k++) {
            int n = sweep.axes().get(k).values().size();
            stride /= n;
            for (long i = 0; i < size; i++) {
                int[] c = sweep.coordinates(i);
                if (c[k] == n - 1 || tally.code(i) == tally.code(i + stride)) {
                    continue;
                }
                int axis = k;
                long[] values = sweep.values(c);
                long to = sweep.axes().get(k).values().get(c[k] + 1);
                String from = tally.outcome(i);
                String into = tally.outcome(i + stride);
                found.add(pool.submit(() -> Bisection.find(runner, sweep, values, axis, to, from, into)));
            }
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
