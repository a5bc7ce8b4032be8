package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.config.ProfileCatalog;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.testsupport.CpuHolder;
import io.klinebench.time.Durations;
import io.klinebench.time.SystemClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Our tester waits as much longer for an answer as its machine stopped while it waited: a CPU
 * held 300 ms by a real-time thread during the wait (as a host takes a virtual CPU away), and a
 * module that answers 120 ms after the tester's own deadline. Without the stop in its
 * reckoning, the tester has given up by then ("no answer"); with it, the answer is taken.
 * Skipped, saying why, where no real-time thread may run (not root).
 */
class PortTesterWaitsForStopsIT {

    /** {@code 0B 01} as a DS2 telegram to address 00, and an answer {@code A0 12 34}. */
    private static final byte[] REQUEST = {0x00, 0x05, 0x0B, 0x01, 0x0F};

    private static final byte[] ANSWER = {0x00, 0x06, (byte) 0xA0, 0x12, 0x34, (byte) 0x80};

    @Test
    void anAnswerLateByLessThanTheMachinesStopIsTaken() throws Exception {
        DiagnosticProfile ds2 = ProfileCatalog.builtIn().loadDiagnostics("r50-r53-2005-2008");
        // the tester's deadline for this request, from its sending (PortTester.send)
        long deadlineMs =
                ((REQUEST.length + 4) * 25 * Durations.MS + ds2.protocol().answerTimeout() + PortTester.SLACK)
                        / Durations.MS;
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try (SystemClock clock = new SystemClock("tester-waits-it")) {
            LateModule module = new LateModule(later);
            PortTester tester = new PortTester(clock, module, ds2, ds2.ecuAddress(), true);
            try {
                assertThat(tester.request(new byte[] {0x0B, 0x01}).answered())
                        .as("at once")
                        .isTrue();

                module.answerAfterMs = deadlineMs + 120;
                CompletableFuture<CpuHolder.Held> held = CompletableFuture.supplyAsync(() -> {
                    try {
                        Thread.sleep(300);
                        return CpuHolder.hold(0, 300 * Durations.MS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                PortTester.Exchange late = tester.request(new byte[] {0x0B, 0x01});
                Assumptions.assumeTrue(
                        held.get().done(),
                        () -> "no real-time thread here: " + held.join().refused());

                assertThat(late.answered())
                        .as(
                                "answered %d ms after its sending, %d ms after the tester's own deadline; heard %s",
                                module.answerAfterMs, 120, late.heard())
                        .isTrue();
            } finally {
                tester.close();
            }
        } finally {
            later.shutdownNow();
        }
    }

    /** A DS2 module on a fake port: echoes each request and answers it after {@link #answerAfterMs}. */
    private static final class LateModule extends FakeModulePort {
        private final ScheduledExecutorService later;
        private final List<Integer> heard = new ArrayList<>();
        volatile long answerAfterMs;

        LateModule(ScheduledExecutorService later) {
            this.later = later;
        }

        @Override
        public String name() {
            return "late module";
        }

        @Override
        public synchronized void write(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                send(new byte[] {bytes[i]}); // the line's echo
                heard.add(bytes[i] & 0xFF);
                if (heard.size() == REQUEST.length) {
                    heard.clear();
                    later.schedule(() -> send(ANSWER), answerAfterMs, TimeUnit.MILLISECONDS);
                }
            }
        }
    }
}
