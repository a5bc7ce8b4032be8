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
            // Scheduled from the loop itself, so that all three are queued before it can run any,
            // however long the test thread is kept from running between the calls.
            clock.schedule(clock.nanos(), () -> {
                long base = clock.nanos();
                for (long offsetMs : new long[] {6, 2, 4}) {
                    long due = base + offsetMs * Durations.MS;
                    clock.schedule(due, () -> {
                        lateness.add(clock.nanos() - due);
                        ran.add(offsetMs + "ms" + (clock.inLoop() ? "" : " off-loop"));
                        done.countDown();
                    });
                }
            });
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactly("2ms", "4ms", "6ms");
            assertThat(lateness).allSatisfy(l -> assertThat(l).isNotNegative());
        }
    }

    @Test
    void cancelledTasksDoNotRun() throws InterruptedException {
        try (SystemClock clock = new SystemClock("test-clock")) {
            // Keep the loop busy so that the cancel surely comes before the task is due to run,
            // however loaded the machine is.
            CountDownLatch loopBusy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            clock.schedule(clock.nanos(), () -> {
                loopBusy.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(loopBusy.await(5, TimeUnit.SECONDS)).isTrue();
            List<String> ran = new CopyOnWriteArrayList<>();
            Clock.Scheduled s = clock.schedule(clock.nanos(), () -> ran.add("cancelled"));
            s.cancel();
            CountDownLatch after = new CountDownLatch(1);
            clock.schedule(clock.nanos(), after::countDown);
            release.countDown();
            assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).isEmpty();
            assertThat(s.isPending()).isFalse();
        }
    }
}
