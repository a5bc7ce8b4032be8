package io.klinebench.jmh;

import io.klinebench.serial.ThreadPriority;
import io.klinebench.time.SystemClock;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures how late {@link SystemClock} runs its tasks on this machine: N tasks, each due
 * D ms (1 unless given) after the previous one was scheduled, and the lateness (run instant
 * minus due instant) of each. With {@code raised}, the clock's thread runs at the priority the
 * simulator's timing threads ask for (nice -20), so a task due 10 ms on is the sim's P2 wait with
 * nothing else: the floor this machine gives the sim's clock. Prints p50, p99, p99.9 and max.
 * Arguments: {@code [N (10000)] [D in ms (1)] [raised]}. A measurement, not a test: run it with
 * {@code ./mvnw -q test-compile exec:exec -Pjmh -Djmh.main=io.klinebench.jmh.SystemClockLateness}
 * (see BENCHMARKS.md).
 */
public final class SystemClockLateness {

    private SystemClockLateness() {}

    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        double delayMs = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        boolean raised = Arrays.asList(args).contains("raised");
        long delay = (long) (delayMs * 1e6);
        long[] lateness = new long[n];
        try (SystemClock clock = new SystemClock("lateness")) {
            if (raised) {
                CountDownLatch up = new CountDownLatch(1);
                clock.schedule(clock.nanos(), () -> {
                    System.out.println("the clock's thread: "
                            + ThreadPriority.raiseCurrentThread().said());
                    up.countDown();
                });
                up.await();
            }
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
        }
        Arrays.sort(lateness);
        System.out.printf(
                Locale.ROOT,
                "SystemClock lateness over %d tasks due %s ms on: p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us, min %.1f us%n",
                n,
                delayMs,
                us(lateness, 0.50),
                us(lateness, 0.99),
                us(lateness, 0.999),
                lateness[n - 1] / 1e3,
                lateness[0] / 1e3);
    }

    private static double us(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e3;
    }
}
