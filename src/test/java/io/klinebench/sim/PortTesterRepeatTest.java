package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.config.ProfileCatalog;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.time.SystemClock;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When {@link PortTester} sends a request once more, and that it says so: a request the line
 * delivered stretched beyond the module's inter-byte limit (seen in its echo), and a request
 * whose answer reached the tester broken. The module is a script on a fake port, in real time:
 * its faults are gaps of 400 ms against the DS2 limits of a few tens of ms plus the cable's
 * stated 45 ms, so a busy machine can only widen them, and its good answers are written in one
 * piece, which no scheduling can cut.
 */
class PortTesterRepeatTest {

    /** {@code 0B 01} as a DS2 telegram to address 00, and an answer {@code A0 12 34}. */
    private static final byte[] REQUEST = {0x00, 0x05, 0x0B, 0x01, 0x0F};

    private static final byte[] ANSWER = {0x00, 0x06, (byte) 0xA0, 0x12, 0x34, (byte) 0x80};
    private static final long FAULT_MS = 400;

    private final SystemClock clock = new SystemClock("test-tester");
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private PortTester tester;

    @AfterEach
    void stop() {
        if (tester != null) {
            tester.close();
        }
        later.shutdownNow();
        clock.close();
    }

    /**
     * A tester on {@code module}, after one ordinary exchange: a cold JVM's first request can go
     * out with gaps of its own (class loading), which is not what these tests are about.
     */
    private PortTester on(ScriptedModule module) throws Exception {
        DiagnosticProfile ds2 = ProfileCatalog.builtIn().loadDiagnostics("r50-r53-2005-2008");
        tester = new PortTester(clock, module, ds2, ds2.ecuAddress(), true);
        assertThat(tester.request(new byte[] {0x0B, 0x01}).answered()).isTrue();
        return tester;
    }

    @Test
    void aRequestWhoseAnswerCameBrokenIsSentAgainAndTheExchangeSaysWhy() throws Exception {
        ScriptedModule module = new ScriptedModule(later, REQUEST.length, (n, m) -> {
            m.send(new byte[] {REQUEST[REQUEST.length - 1]}); // the last byte's echo
            if (n == 1) {
                // the answer's first half, then the rest 400 ms later: the tester must drop it
                m.sendLater(Arrays.copyOfRange(ANSWER, 0, 3), 15);
                m.sendLater(Arrays.copyOfRange(ANSWER, 3, ANSWER.length), 15 + FAULT_MS);
            } else {
                m.sendLater(ANSWER, 15);
            }
        });
        PortTester.Exchange e = on(module).request(new byte[] {0x0B, 0x01});

        assertThat(e.answer()).as("%s", e).contains("A0 12 34");
        assertThat(module.requestsSeen()).hasSize(3);
        assertThat(e.repeats()).as("%s", e).singleElement().satisfies(r -> {
            assertThat(r.why()).isEqualTo(PortTester.Repeat.Why.ANSWER_BROKEN);
            assertThat(r.why().moduleAnswered()).isTrue();
            assertThat(r.toString())
                    .startsWith("the module's answer reached us broken (")
                    .endsWith("; sent again");
        });
        assertThat(e.heard()).as("what the tester's link layer dropped").anyMatch(h -> h.contains("FrameDropped"));
    }

    @Test
    void aRequestTheLineDeliveredStretchedIsSentAgainAndTheExchangeSaysWhy() throws Exception {
        ScriptedModule module = new ScriptedModule(later, REQUEST.length, (n, m) -> {
            if (n == 1) {
                // the echo's last byte 400 ms late: the module saw the same gap and drops the request
                m.sendLater(new byte[] {REQUEST[REQUEST.length - 1]}, FAULT_MS);
            } else {
                m.send(new byte[] {REQUEST[REQUEST.length - 1]});
                m.sendLater(ANSWER, 15);
            }
        });
        PortTester.Exchange e = on(module).request(new byte[] {0x0B, 0x01});

        assertThat(e.answer()).as("%s", e).contains("A0 12 34");
        assertThat(e.repeats()).as("%s", e).singleElement().satisfies(r -> {
            // Where this machine also held the tester back between the request's bytes (load),
            // that is said first, and the echo's gap beside it.
            assertThat(r.why())
                    .isIn(PortTester.Repeat.Why.REQUEST_STRETCHED_ON_LINE, PortTester.Repeat.Why.OUR_REQUEST_LATE);
            assertThat(r.why().moduleAnswered()).isFalse();
            assertThat(r.detail()).contains("its echo came back with a gap of ");
        });
    }

    @Test
    void aRequestThatSimplyGetsNoAnswerIsSentOnceAndSaysWhatTheTesterHeard() throws Exception {
        ScriptedModule module = new ScriptedModule(later, REQUEST.length, (n, m) -> {
            m.send(new byte[] {REQUEST[REQUEST.length - 1]});
            if (n == 0) {
                m.sendLater(ANSWER, 15);
            }
        });
        PortTester.Exchange e = on(module).request(new byte[] {0x0B, 0x01});

        assertThat(e.answered()).isFalse();
        assertThat(e.repeats()).isEmpty();
        assertThat(module.requestsSeen()).hasSize(2);
        assertThat(e.heard())
                .last()
                .asString()
                .startsWith("on this end's line, in ms from the request: wrote ")
                .contains("; read ")
                .containsPattern(
                        "; then nothing for \\d+\\.\\d ms(; waited \\S+ longer for the machine's stops \\(.+\\))?$");
    }
}
