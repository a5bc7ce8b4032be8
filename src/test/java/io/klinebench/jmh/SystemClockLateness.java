package io.klinebench.jmh;

import io.klinebench.serial.ThreadPriority;
import io.klinebench.time.SystemClock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures how late {@link SystemClock} runs its tasks on this machine: N tasks, each due
 * D ms (1 unless given) after the previous one was scheduled, and the lateness (run instant
 * minus due instant) of each. With {@code raised}, the clock's thread runs at nice -20; with {@code
 * real-time}, at the priority the simulator's timing threads ask for (SCHED_FIFO where permitted), so a task due 10 ms on is the sim's P2 wait with
 * nothing else: the floor this machine gives the sim's clock. Prints p50, p99, p99.9 and max, and the loop thread's CPU per task.
 * Arguments: {@code [N (10000)] [D in ms (1)] [raised | real-time]}. A measurement, not a test: run it with
 * {@code ./mvnw -q test-compile exec:exec -Pjmh -Djmh.main=io.klinebench.jmh.SystemClockLateness}
 * (see BENCHMARKS.md).
 */
public final class SystemClockLateness {

    private SystemClockLateness() {}

    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        double delayMs = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        boolean realTime = Arrays.asList(args).contains("real-time");
        boolean raised = realTime || Arrays.asList(args).contains("raised");
        long delay = (long) (delayMs * 1e6);
        long[] lateness = new long[n];
        long[] loopThread = new long[1];
        long cpuBefore;
        long cpuAfter;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (SystemClock clock = new SystemClock("lateness")) {
            if (raised) {
                CountDownLatch up = new CountDownLatch(1);
                clock.schedule(clock.nanos(), () -> {
                    System.out.println("the clock's thread: "
                            + (realTime
                                    ? ThreadPriority.raiseToRealTime().said()
                                    : ThreadPriority.raiseCurrentThread().said()));
                    up.countDown();
                });
                up.await();
            }
            CountDownLatch named = new CountDownLatch(1);
            clock.schedule(clock.nanos(), () -> {
                loopThread[0] = Thread.currentThread().getId();
                named.countDown();
            });
            named.await();
            cpuBefore = threads.getThreadCpuTime(loopThread[0]);
            for (int i = 0; i < n; i++) {
                CountDownLatch done = new CountDownLatch(1);
                long due = clock.nanos() + delay;
                int index = i;
                clock.schedule(due, () -> {
                    lateness[index] = clock.nanos() - due;
                    done.countDown();
                });
                if (!done.await(1, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("task " + i + " did not run within a second");
                }
            }
            cpuAfter = threads.getThreadCpuTime(loopThread[0]);
        }
        Arrays.sort(lateness);
        System.out.printf(
                Locale.ROOT,
                "SystemClock lateness over %d tasks due %s ms on: p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us, min %.1f us; the loop's CPU %.1f us a task%n",
                n,
                delayMs,
                us(lateness, 0.50),
                us(lateness, 0.99),
                us(lateness, 0.999),
                lateness[n - 1] / 1e3,
                lateness[0] / 1e3,
                (cpuAfter - cpuBefore) / 1e3 / n);
    }

    private static double us(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e3;
    }
}
