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
 * {@code tester --to MODULE} on a car of two lines ({@link LinesTester}) sends a request once
 * more when the module's answer reached it broken, as the single line's tester does
 * ({@link PortTesterRepeatTest}), and says so; before, such an answer was "no answer". The
 * module is a script on a fake port in real time; its fault is a gap of 400 ms against DS2's
 * limits of a few tens of ms plus the cable's stated 45 ms, so a busy machine can only widen it.
 */
class LinesTesterRepeatTest {

    /** {@code 0B 01} as a DS2 telegram to the KOMBI at 80, and an answer {@code A0 12 34}. */
    private static final byte[] REQUEST = {(byte) 0x80, 0x05, 0x0B, 0x01, (byte) 0x8F};

    private static final byte[] ANSWER = {(byte) 0x80, 0x06, (byte) 0xA0, 0x12, 0x34, 0x00};

    private final SystemClock clock = new SystemClock("test-lines-tester");
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private LinesTester tester;

    @AfterEach
    void stop() {
        if (tester != null) {
            tester.close();
        }
        later.shutdownNow();
        clock.close();
    }

    private LinesTester on(ScriptedModule module) throws Exception {
        DiagnosticProfile r53 = ProfileCatalog.builtIn().loadDiagnostics("r50-r53-2005-2008");
        tester = new LinesTester(clock, module, r53, true);
        return tester;
    }

    @Test
    void anAnswerThatCameBrokenIsAskedForOnceMoreAndSaidSo() throws Exception {
        ScriptedModule module = new ScriptedModule(later, REQUEST.length, (n, m) -> {
            m.send(new byte[] {REQUEST[REQUEST.length - 1]}); // the last byte's echo
            if (n == 0) {
                // the answer's first half, then the rest 400 ms later: the tester must drop it
                m.sendLater(Arrays.copyOfRange(ANSWER, 0, 3), 15);
                m.sendLater(Arrays.copyOfRange(ANSWER, 3, ANSWER.length), 15 + 400);
            } else {
                m.sendLater(ANSWER, 15);
            }
        });
        LinesTester.Answer a = on(module).sendTo("KOMBI", new byte[] {0x0B, 0x01});

        assertThat(a.data()).as("%s", a).hasValueSatisfying(d -> assertThat(d).hasToString("A0 12 34"));
        assertThat(module.requestsSeen()).hasSize(2);
        assertThat(a.repeats())
                .as("%s", a)
                .singleElement()
                .asString()
                .startsWith("its answer reached us broken (inter_byte_timeout: 80 06 A0")
                .endsWith("); sent again");
        assertThat(a.heard()).as("what the tester's link layer dropped").anyMatch(h -> h.contains("FrameDropped"));
    }

    @Test
    void aModuleThatSimplyDoesNotAnswerIsAskedOnce() throws Exception {
        ScriptedModule module =
                new ScriptedModule(later, REQUEST.length, (n, m) -> m.send(new byte[] {REQUEST[REQUEST.length - 1]}));
        LinesTester.Answer a = on(module).sendTo("KOMBI", new byte[] {0x0B, 0x01});

        assertThat(a.data()).isEmpty();
        assertThat(module.requestsSeen()).hasSize(1);
        assertThat(a.repeats()).isEmpty();
    }
}
