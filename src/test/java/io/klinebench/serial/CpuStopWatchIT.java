package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.testsupport.CpuHolder;
import io.klinebench.time.CpuStop;
import io.klinebench.time.Durations;
import io.klinebench.time.SystemClock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The watch sees a CPU stop, on a real machine: a real-time thread spins 150 ms on one CPU
 * ({@link CpuHolder}), as a host taking the virtual CPU away would hold it; the watch names that
 * CPU and at least 100 ms, and while the CPU is held a gap that asks counts the stop still going
 * on. Needs root (CAP_SYS_NICE) for the real-time thread; skipped, saying so, without.
 */
class CpuStopWatchIT {

    @Test
    void aCpuHeldByARealTimeThreadIsSeenAsAStopOfThatCpu() throws Exception {
        List<Integer> cpus = CpuAffinity.allowed();
        Assumptions.assumeTrue(cpus.size() >= 2, "needs two CPUs: one held, one to watch from");
        int held = cpus.get(cpus.size() - 1);
        List<CpuStop> seen = new CopyOnWriteArrayList<>();
        // the clock's times are System.nanoTime()'s, as the holder's
        try (SystemClock clock = new SystemClock("cpu-stop-watch-it");
                CpuStopWatch watch = CpuStopWatch.start(clock)) {
            watch.onStop(seen::add);
            watch.lineBusy();
            assertThat(watch.said()).startsWith("watching CPUs ").contains(String.valueOf(held));
            Thread.sleep(50); // the sleepers pinned and beating

            CompletableFuture<CpuHolder.Held> hold = CompletableFuture.supplyAsync(() -> {
                try {
                    return CpuHolder.hold(held, 150 * Durations.MS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(110);
            List<CpuStop> meanwhile = watch.within(clock.nanos() - 20 * Durations.MS, clock.nanos());
            CpuHolder.Held h = hold.get();
            Assumptions.assumeTrue(h.done(), () -> "no real-time thread here: " + h.refused());

            assertThat(meanwhile)
                    .as("while CPU %d is held, a gap that asks counts the stop going on", held)
                    .anySatisfy(s -> assertThat(s.cpu()).isEqualTo(held));
            long deadline = System.nanoTime() + 2 * Durations.S;
            while (seen.stream().noneMatch(s -> s.cpu() == held) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(seen)
                    .as("stops seen; CPU %d held from %d to %d", held, h.from(), h.to())
                    .anySatisfy(s -> {
                        assertThat(s.cpu()).isEqualTo(held);
                        assertThat(s.nanos()).isGreaterThanOrEqualTo(100 * Durations.MS);
                        assertThat(s.from()).isLessThanOrEqualTo(h.from() + CpuStopWatch.BEAT + CpuStopWatch.LATE);
                        assertThat(s.to()).isGreaterThanOrEqualTo(h.to());
                    });
            assertThat(watch.within(h.from(), h.to()))
                    .anySatisfy(s -> assertThat(s.cpu()).isEqualTo(held));
        }
    }
}
