package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.klinebench.time.CpuStop;
import io.klinebench.time.Durations;
import io.klinebench.time.SystemClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The watch sees a CPU stop, on a real machine: a real-time thread (SCHED_FIFO, which every
 * thread of the normal class waits behind, the watch's raised sleepers too) spins 150 ms on one
 * CPU, as a host taking the virtual CPU away would hold it; the watch names that CPU and at
 * least 100 ms, and while the CPU is held a gap that asks counts the stop still going on.
 * Needs root (CAP_SYS_NICE) for the real-time thread; skipped, saying so, without.
 */
class CpuStopWatchIT {

    private static final int SCHED_FIFO = 1;

    interface Sched extends Library {
        int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;
    }

    @Test
    void aCpuHeldByARealTimeThreadIsSeenAsAStopOfThatCpu() throws Exception {
        List<Integer> cpus = CpuAffinity.allowed();
        Assumptions.assumeTrue(cpus.size() >= 2, "needs two CPUs: one held, one to watch from");
        int held = cpus.get(cpus.size() - 1);
        List<CpuStop> seen = new CopyOnWriteArrayList<>();
        try (SystemClock clock = new SystemClock("cpu-stop-watch-it");
                CpuStopWatch watch = CpuStopWatch.start(clock)) {
            watch.onStop(seen::add);
            watch.lineBusy();
            assertThat(watch.said()).startsWith("watching CPUs ").contains(String.valueOf(held));
            Thread.sleep(50); // the sleepers pinned and beating

            AtomicReference<String> refused = new AtomicReference<>();
            long[] span = new long[2];
            Thread hog = new Thread(() -> {
                String pin = CpuAffinity.pinCurrentThread(held);
                if (pin != null) {
                    refused.set(pin);
                    return;
                }
                try {
                    Native.load("c", Sched.class).sched_setscheduler(0, SCHED_FIFO, new int[] {10});
                } catch (LastErrorException e) {
                    refused.set("sched_setscheduler: error " + e.getErrorCode() + " (needs root or CAP_SYS_NICE)");
                    return;
                }
                span[0] = clock.nanos();
                while (clock.nanos() - span[0] < 150 * Durations.MS) {
                    Thread.onSpinWait();
                }
                span[1] = clock.nanos();
            });
            hog.start();
            Thread.sleep(110);
            List<CpuStop> meanwhile = watch.within(clock.nanos() - 20 * Durations.MS, clock.nanos());
            hog.join();
            Assumptions.assumeTrue(refused.get() == null, () -> "no real-time thread here: " + refused.get());

            assertThat(meanwhile)
                    .as("while CPU %d is held, a gap that asks counts the stop going on", held)
                    .anySatisfy(s -> assertThat(s.cpu()).isEqualTo(held));
            long deadline = System.nanoTime() + 2 * Durations.S;
            while (seen.stream().noneMatch(s -> s.cpu() == held) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(seen)
                    .as("stops seen; the hog held CPU %d from %d to %d", held, span[0], span[1])
                    .anySatisfy(s -> {
                        assertThat(s.cpu()).isEqualTo(held);
                        assertThat(s.nanos()).isGreaterThanOrEqualTo(100 * Durations.MS);
                        assertThat(s.from()).isLessThanOrEqualTo(span[0] + CpuStopWatch.BEAT + CpuStopWatch.LATE);
                        assertThat(s.to()).isGreaterThanOrEqualTo(span[1]);
                    });
            assertThat(watch.within(span[0], span[1]))
                    .anySatisfy(s -> assertThat(s.cpu()).isEqualTo(held));
        }
    }
}
