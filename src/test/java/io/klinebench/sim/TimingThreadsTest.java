package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klinebench.config.ProfileCatalog;
import io.klinebench.serial.ThreadPriority;
import io.klinebench.testsupport.JvmThreads;
import io.klinebench.time.SystemClock;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A simulator inside someone's JVM (a JUnit test) raises its own timing threads, not its caller:
 * before, it raised the whole process, and every simulator process a test started afterwards
 * inherited nice -20 for all its threads, its compilers among them, whose bursts on both cores
 * held up the kernel workers that carry a pty's bytes (deliveries 66 to 190 ms late in the
 * integration tests beside two busy processes).
 */
class TimingThreadsTest {

    private final SystemClock clock = new SystemClock("timing-test");
    private PortSimulator sim;

    @BeforeAll
    static void raisingIsPermittedHere() throws Exception {
        CompletableFuture<ThreadPriority.Outcome> scratch = new CompletableFuture<>();
        Thread t = new Thread(() -> scratch.complete(ThreadPriority.raiseCurrentThread()));
        t.start();
        assumeTrue(
                scratch.get(10, TimeUnit.SECONDS) instanceof ThreadPriority.Outcome.Raised,
                "raising needs Linux and root or CAP_SYS_NICE");
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
        clock.close();
    }

    @Test
    void anInProcessSimulatorRaisesItsClockAndReaderButNotItsCallerNorWhatTheCallerStarts() throws Exception {
        int callerBefore = ThreadPriority.niceOfCurrentThread();
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        sim = PortSimulator.start(
                catalog.load("r50-r53-2005-2008"),
                catalog.loadDiagnostics("r50-r53-2005-2008"),
                PortSimulator.defaultCar(),
                clock,
                new SilentPort("timing-test-port"),
                PortSettings.virtualPair().echoBack(false).raisePriority(true),
                t -> {},
                null);

        assertThat(sim.priority().raised()).as(sim.priority().said()).isTrue();
        if (sim.priority() instanceof ThreadPriority.Outcome.RealTime) {
            assertThat(PortSimulator.call(clock, JvmThreads::policyOfCurrentThread))
                    .as("the clock's loop")
                    .isEqualTo(JvmThreads.FIFO);
            assertThat(policiesOfThreadsNamed("serial-reader t", 10_000))
                    .as("the reader")
                    .containsExactly(JvmThreads.FIFO);
            // what the loop starts (an event stream's writer, a watch) is a normal thread again
            CompletableFuture<Integer> child = new CompletableFuture<>();
            PortSimulator.call(clock, () -> {
                new Thread(() -> child.complete(JvmThreads.policyOfCurrentThread())).start();
                return null;
            });
            assertThat(child.get(10, TimeUnit.SECONDS))
                    .as("a thread the loop starts")
                    .isEqualTo(JvmThreads.NORMAL);
        } else {
            assertThat(PortSimulator.call(clock, ThreadPriority::niceOfCurrentThread))
                    .as("the clock's loop")
                    .isEqualTo(ThreadPriority.NICE);
            assertThat(niceOfThreadNamed("serial-reader t", 10_000))
                    .as("the reader")
                    .isEqualTo(ThreadPriority.NICE);
        }
        assertThat(ThreadPriority.niceOfCurrentThread()).as("the caller").isEqualTo(callerBefore);
        assertThat(niceOfAProcessStartedNow()).as("a process the caller starts").isEqualTo(callerBefore);
    }

    /** The reader makes itself real-time as it starts: waits up to {@code millis} for it. */
    private static Set<Integer> policiesOfThreadsNamed(String prefix, long millis) throws InterruptedException {
        return readUntil(() -> JvmThreads.policies(prefix), Set.of(JvmThreads.FIFO), millis);
    }

    /** The reader raises itself as it starts: waits up to {@code millis} for it. */
    private static int niceOfThreadNamed(String prefix, long millis) throws InterruptedException {
        return readUntil(() -> JvmThreads.lowestNice(prefix).orElse(Integer.MIN_VALUE), ThreadPriority.NICE, millis);
    }

    /** Reads {@code value} every 10 ms until it is {@code wanted} or {@code millis} have passed; the last reading. */
    private static <T> T readUntil(Supplier<T> value, T wanted, long millis) throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000L;
        T read = value.get();
        while (!read.equals(wanted) && System.nanoTime() < until) {
            Thread.sleep(10);
            read = value.get();
        }
        return read;
    }

    private static int niceOfAProcessStartedNow() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "ps -o ni= -p $$").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return Integer.parseInt(out);
    }
}
