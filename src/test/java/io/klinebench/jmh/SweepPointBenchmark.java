package io.klinebench.jmh;

import io.klinebench.sweep.PointResult;
import io.klinebench.sweep.PointRunner;
import io.klinebench.sweep.Sweep;
import io.klinebench.sweep.SweepLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * One warm point of a sweep, one thread: the shipped throughput grid's points in turn
 * (bench-config/sweeps/r53-2005-2008-grid.yaml, 100 x 100 of the R53 ritual), each the whole
 * point as the sweep runs it: its sequence from the template, a fresh car, the run, the judge,
 * the first cause and the tightest window. Not the writing of the result, nor the pool. Run:
 * {@code ./mvnw -Pjmh verify -DskipTests -Djmh.args="io.klinebench.jmh.SweepPointBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class SweepPointBenchmark {

    private PointRunner runner;
    private long size;
    private long next;

    @Setup
    public void setUp() throws Exception {
        Sweep sweep = SweepLoader.load(Path.of("bench-config/sweeps/r53-2005-2008-grid.yaml"), List.of());
        runner = new PointRunner(sweep);
        size = sweep.size();
    }

    @Benchmark
    public PointResult point() {
        PointResult p = runner.run(next);
        next = (next + 1) % size;
        return p;
    }
}
