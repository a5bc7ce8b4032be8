package io.klinebench.dcan;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.bench.Bench;
import io.klinebench.bench.CarSetup;
import io.klinebench.bench.KeySpec;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.LinkEvent;
import io.klinebench.protocol.DCan;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.time.Durations;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The D-CAN member of the protocol family on the bench: the R56 profile's car and services with
 * the diagnostics face swapped for D-CAN (BMW-FAST at 115200, address 40, tester F1), the bench's
 * own tester (a {@link DCanTester}) reading the ritual's state with {@code tester send} steps, the
 * serial side judged by {@link BmwFastTimingCheck} with no violation.
 */
class DCanOnTheBenchTest {

    static DiagnosticProfile dcan(DiagnosticProfile kline) {
        return new DiagnosticProfile(
                new DCan(DCanTiming.standard(), 0xF1),
                kline.ecuAddress(),
                115200,
                "8N1",
                kline.security(),
                kline.vin(),
                kline.identification());
    }

    @Test
    void theRitualReadOverDCanByTheBenchsTester() throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        DiagnosticProfile diag = dcan(catalog.loadDiagnostics("r56-2007-2013"));
        Bench bench = Bench.of(catalog.load("r56-2007-2013"), diag, CarSetup.of(KeySpec.remoteKey("A", 0x1A2B3C, 0)));
        bench.perform("console unlock").after("1s", "insert A");
        bench.after("1s", "ignition 2").after("1s", "ignition 0");
        bench.after("1s", "tester send 21 01")
                .after("100ms", "tester send 21 02")
                .after("100ms", "tester send 21 41");
        bench.advance("200ms");

        List<LinkEvent.TesterReceived> answers = bench.answers();
        assertThat(answers).extracting(a -> a.request().toString()).containsExactly("21 01", "21 02", "21 41");
        assertThat(answers.get(0).data().toString()).isEqualTo("61 01 01 00 01 03");
        assertThat(answers.get(1).data().toString()).startsWith("61 02");
        assertThat(answers.get(2).data().toString()).startsWith("61 41");
        // request's last byte -> its single frame -> the CAS's 10 ms -> the answer's frames (a single
        // frame; or a first frame, the cable's flow control and the consecutive frames) -> its first byte
        assertThat(answers).allSatisfy(a -> {
            int n = a.data().length();
            int frames = n <= 6 ? 1 : 2 + (n - 5 + 5) / 6;
            assertThat(a.waitedNanos())
                    .as(a.toString())
                    .isEqualTo((1 + frames) * 270 * Durations.US + 10 * Durations.MS);
        });
        assertThat(answers.get(2).data().length())
                .as("a slot record needs a first frame")
                .isGreaterThan(6);
        assertThat(bench.violations()).isEmpty();
        assertThat(bench.events(LinkEvent.Ignored.class)).isEmpty();
    }
}
