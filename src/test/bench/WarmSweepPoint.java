import io.klinebench.sweep.PointRunner;
import io.klinebench.sweep.Sweep;
import io.klinebench.sweep.SweepLoader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * Warm points of a sweep on one thread, timed by this thread's CPU time, which a loaded machine
 * disturbs much less than the wall clock: rounds of 100,000 points of the sweep given, each the
 * whole point as the sweep runs it (its sequence from the template, a fresh car, the run, the
 * judge, the first cause, the tightest window), not the writing nor the pool; and the bytes it
 * allocates, which the load does not change. BENCHMARKS.md,
 * "Sweeps: points per second". Run from the repository's root, after a package:
 * java -cp target/kline-bench.jar src/test/bench/WarmSweepPoint.java bench-config/sweeps/r53-2005-2008-grid.yaml 5
 */
public final class WarmSweepPoint {
    public static void main(String[] a) throws Exception {
        Sweep sweep = SweepLoader.load(Path.of(a[0]), List.of());
        PointRunner runner = new PointRunner(sweep);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        // bytes a point allocates: unlike its time, the machine's load does not change it
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) mx;
        long self = Thread.currentThread().getId();
        long size = sweep.size(), next = 0, sink = 0;
        int rounds = Integer.parseInt(a[1]);
        for (int r = 0; r < rounds; r++) {
            long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime(), b0 = alloc.getThreadAllocatedBytes(self);
            for (int i = 0; i < 100_000; i++) {
                sink += runner.run(next).outcome().length();
                next = (next + 1) % size;
            }
            long c = mx.getCurrentThreadCpuTime() - c0, w = System.nanoTime() - w0;
            long b = alloc.getThreadAllocatedBytes(self) - b0;
            System.out.printf(
                    "round %d: %.2f us CPU/point (%.0f points per CPU-second), %.2f us wall/point, %d bytes/point%n",
                    r, c / 1e5 / 1000, 1e5 / (c / 1e9), w / 1e5 / 1000, b / 100_000);
        }
        System.out.println(sink); // so that no point's work can be left out
    }
}
