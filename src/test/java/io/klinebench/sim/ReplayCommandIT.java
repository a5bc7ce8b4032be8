package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kline-bench replay} as a user runs it, in its own JVM on a virtual pty: the shipped
 * ediabaslib simulation file for the R53 answers our tester as the file says (IDENT, a record
 * whose LID the answer computes from the request), a request the file has no answer for is
 * refused with the DS2 status byte and said with the reason, and SIGTERM ends it (143) after
 * its banner and live events. Every wait is bounded (20 s), so a hang fails.
 */
class ReplayCommandIT {

    @TempDir
    Path dir;

    @Test
    void theShippedSimulationFileAnswersOurTesterOnAPty() throws Exception {
        Path link = dir.resolve("kline");
        Path out = dir.resolve("replay.out");
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "replay",
                        "bench-config/replay/r53-bc1.sim",
                        "--profile",
                        "r50-r53-2005-2008",
                        "--virtual",
                        "--link",
                        link.toString()))
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("replay.err").toFile())
                .start();
        try {
            for (int i = 0; i < 200 && !Files.exists(link); i++) {
                Thread.sleep(100);
            }
            assertThat(link).as(Files.readString(dir.resolve("replay.err"))).exists();
            StringWriter said = new StringWriter();
            int rc = Main.execute(
                    new PrintWriter(said, true),
                    new PrintWriter(said, true),
                    "tester",
                    "--port",
                    link.toString(),
                    "--protocol",
                    "ds2",
                    "00",
                    "0B 03",
                    "0B 42",
                    "45");
            assertThat(rc).as(said.toString()).isZero();
            assertThat(said.toString().lines().map(l -> l.substring(0, Math.max(0, l.indexOf(" (P2")))))
                    .containsExactly(
                            "00 -> A0 06 13 56 94 03 02 01 00 01 00 FF 09",
                            "0B 03 -> A0 03",
                            "0B 42 -> A0 42",
                            "45 -> B1");
        } finally {
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).isEqualTo(143);
        String text = Files.readString(out);
        assertThat(text)
                .contains("kline-bench replay: bench-config/replay/r53-bc1.sim, profile r50-r53-2005-2008")
                .contains("connect the tester to: " + link)
                .containsPattern(
                        "timing: stamps \\+-25ms \\(a pty, stated\\); running (real-time \\(SCHED_FIFO, priority 1\\)|at nice -20[^;]*); the kernel's serial-line workers \\(kworker/u\\*\\) at nice -20 while it runs; watching CPUs ")
                .contains("recording: 3 requests, 3 answers; timing recorded; unknown requests: refused, status:B1")
                .contains(
                        "replay-answered            request=0B 42 pattern=0B XX n=1 of=1 source=bench-config/replay/r53-bc1.sim:22:1")
                .contains("replay-refused             request=45 answer=B1 why=the recording has no answer to 45");
    }
}
