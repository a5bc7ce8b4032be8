package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owners' 2005-2008 ritual performed through {@code sim --control} (loopback TCP) with real
 * timing, while a DS2 tester in this JVM reads the cycle counter (record 01) between cycles and
 * the learn window (record 02) after key-out, over the pty.
 *
 * <p>Schedule (absolute instants from the start, so a slow tester read does not shift the rest):
 * console unlock 0 s, insert A 1 s, ignition 2 / 0 at 2+2k s / 3+2k s (k = 0..3), remove key
 * 10 s, hold A unlock 11 s, press A lock 11.5 s and 12 s, hold A lock 12.5 s, release 12.7 s.
 *
 * <p>Each action is answered with what the car did: the cycle counted (n of 4) with the run and
 * off-time windows, the key-out deadline and the learn window opening, the remote learned.
 *
 * <p>Tolerances: cycle counts and flags exactly; the learn window's time left read after
 * key-out between 30 s - (time from sending "remove key" to the answer) - 0.5 s and 30.00 s
 * (10 ms units, rounded up). The ritual's own limits (min run 500 ms, max off 5 s, key out
 * within 5 s, first remote within 30 s) leave far more slack than a loaded machine needs.
 */
class SimRitualOverControlIT {

    private static final String PROFILE = "r50-r53-2005-2008";

    @TempDir
    Path dir;

    private long t0;

    private void at(double seconds) throws InterruptedException {
        long left = t0 + (long) (seconds * 1e9) - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    @Test
    void ritualOverTheControlPortWhileTheTesterReadsCountersAndWindow() throws Exception {
        Path link = dir.resolve("kline");
        try (SimProcess sim = SimProcess.start(
                        dir, "sim", "--profile", PROFILE, "--virtual", "--link", link.toString(), "--control", "0");
                SimProcess.Tester tester = sim.tester(link.toString(), PROFILE, true)) {
            assertThat(tester.read("0B 01")).isEqualTo("A0 00 00 00 04"); // no key, off, 0 of 4
            t0 = System.nanoTime();
            assertThat(sim.ok("console unlock")).contains("lock-actuated door=driver state=unlocked");
            at(1);
            assertThat(sim.ok("insert A")).isEqualTo("ok: key-inserted key=A");
            assertThat(tester.read("0B 01")).isEqualTo("A0 01 00 00 04"); // key in, off, 0 of 4
            for (int k = 0; k < 4; k++) {
                at(2 + 2 * k);
                String on = sim.ok("ignition 2");
                assertThat(on).startsWith("ok: ignition-changed from=0 to=2");
                if (k > 0) {
                    assertThat(on)
                            .contains("; window cycles.max-off-time <= 5s actual ")
                            .contains(" met");
                }
                at(3 + 2 * k);
                assertThat(sim.ok("ignition 0"))
                        .startsWith("ok: ignition-changed from=2 to=0")
                        .contains("; window cycles.min-run-time >= 500ms actual ")
                        .contains("; window cycles.max-run-time <= 5s actual ")
                        .endsWith("; cycle-counted n=" + (k + 1) + " of=4")
                        .doesNotContain("MISSED");
                assertThat(tester.read("0B 01"))
                        .as("after cycle %d", k + 1)
                        .isEqualTo(String.format("A0 01 00 %02X 04", k + 1));
            }
            at(10);
            long keyOut = System.nanoTime();
            assertThat(sim.ok("remove key"))
                    .startsWith("ok: key-removed key=A; window completion.key-out-deadline <= 5s actual ")
                    .contains("; learn-window-opened closes-at=");
            String window = tester.read("0B 02");
            long elapsed = System.nanoTime() - keyOut;
            assertThat(SimProcess.at(window, 0)).isEqualTo(0xA0);
            assertThat(SimProcess.at(window, 1)).as("window open: " + window).isEqualTo(1);
            long leftMs = 10L * (SimProcess.at(window, 2) << 8 | SimProcess.at(window, 3));
            assertThat(leftMs).as("time left of " + window).isBetween(30_000 - elapsed / 1_000_000 - 500, 30_000L);
            assertThat(SimProcess.at(window, 4)).as("none learned yet").isZero();

            at(11);
            sim.ok("hold A unlock");
            at(11.5);
            sim.ok("press A lock");
            at(12);
            sim.ok("press A lock");
            at(12.5);
            sim.ok("hold A lock");
            at(12.7);
            assertThat(sim.ok("release A lock unlock"))
                    .contains("window completion.release-tolerance <= 500ms")
                    .contains("window completion.first-remote-within <= 30s")
                    .endsWith("; remote-learned serial=0A5A5A5 remote=A slot=0 resynchronised=true");
            String after = tester.read("0B 02");
            assertThat(SimProcess.at(after, 4))
                    .as("one remote learned in this window: " + after)
                    .isEqualTo(1);
            // slot location 1: used, serial 0A5A5A5 (the default car's remote A)
            assertThat(tester.read("0B 41")).startsWith("A0 01 01 00 A5 A5 A5");
        }
    }
}
