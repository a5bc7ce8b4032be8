package io.klinebench.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Wall-clock behaviour that must hold on any machine: order, never early, the loop thread,
 * cancellation. How late tasks run is measured by the benchmarks, not asserted here.
 */
class SystemClockTest {

    @Test
    void runsTasksInOrderOnItsLoopThreadAndNeverEarly() throws InterruptedException {
        try (SystemClock clock = new SystemClock("test-clock")) {
            List<String> ran = new CopyOnWriteArrayList<>();
            List<Long> lateness = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(3);
            long base = clock.nanos();
            for (long offsetMs : new long[] {6, 2, 4}) {
                long due = base + offsetMs * Durations.MS;
                clock.schedule(due, () -> {
                    lateness.add(clock.nanos() - due);
                    ran.add(offsetMs + "ms" + (clock.inLoop() ? "" : " off-loop"));
                    done.countDown();
                });
            }
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactly("2ms", "4ms", "6ms");
            assertThat(lateness).allSatisfy(l -> assertThat(l).isNotNegative());
        }
    }

    @Test
    void cancelledTasksDoNotRun() throws InterruptedException {
        try (SystemClock clock = new SystemClock("test-clock")) {
            CountDownLatch after = new CountDownLatch(1);
            List<String> ran = new CopyOnWriteArrayList<>();
            Clock.Scheduled s = clock.scheduleAfter(3 * Durations.MS, () -> ran.add("cancelled"));
            s.cancel();
            clock.scheduleAfter(6 * Durations.MS, after::countDown);
            assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).isEmpty();
            assertThat(s.isPending()).isFalse();
        }
    }
}
