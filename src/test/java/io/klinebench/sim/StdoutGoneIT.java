package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klinebench.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sim, a replay or a sweep whose stdout stops taking its live events ({@code sim ... | head -1}, whose
 * reader is gone; here {@code /dev/full}, which refuses every write as a closed pipe does) says
 * so on stderr and stops with status 2, as it does for its events file. Both used to log a WARN
 * and run on for good with nobody reading, until someone found and killed them.
 */
class StdoutGoneIT {

    @TempDir
    Path dir;

    private Process running;

    @AfterEach
    void stop() throws Exception {
        if (running != null && running.isAlive()) {
            running.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    private Process start(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        running = new ProcessBuilder(command)
                .redirectOutput(Path.of("/dev/full").toFile())
                .redirectError(dir.resolve("err").toFile())
                .start();
        return running;
    }

    private void stoppedSaying(Process p, String command) throws Exception {
        assertThat(p.waitFor(20, TimeUnit.SECONDS))
                .as("it stops by itself; stderr: %s", Files.readString(dir.resolve("err")))
                .isTrue();
        String err = Files.readString(dir.resolve("err"));
        assertThat(p.exitValue()).as(err).isEqualTo(Main.BAD_INPUT);
        assertThat(err)
                .contains("kline-bench " + command + ": stdout: the output refused a write (its reader gone?);"
                        + " stopping, since every event from here on would be lost")
                .doesNotContain("WARN");
    }

    @Test
    void aSimWhoseStdoutIsGoneStopsSayingWhy() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "a Linux /dev/full");
        // the two-line car says its cable's switch as its first event, at once
        Process p = start("sim", "--profile", "r50-r53-2005-2008", "--virtual");

        stoppedSaying(p, "sim");
    }

    @Test
    void aReplayWhoseStdoutIsGoneStopsSayingWhy() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "a Linux /dev/full");
        Path link = dir.resolve("kline");
        Process p = start(
                "replay",
                "bench-config/replay/r53-bc1.sim",
                "--profile",
                "r50-r53-2005-2008",
                "--virtual",
                "--link",
                link.toString());
        for (int i = 0; i < 200 && !Files.exists(link); i++) {
            Thread.sleep(100);
        }
        assertThat(link).as(Files.readString(dir.resolve("err"))).exists();
        StringWriter said = new StringWriter();
        // an answer is an event on the live stream: its write is refused
        Main.execute(
                new PrintWriter(said, true),
                new PrintWriter(said, true),
                "tester",
                "--port",
                link.toString(),
                "--protocol",
                "ds2",
                "00");

        stoppedSaying(p, "replay");
    }

    @Test
    void aSweepWhosePointsGoToAGoneStdoutStopsSayingWhy() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "a Linux /dev/full");
        // a million points: it used to run them all into the closed pipe and exit 0
        Process p = start("sweep", "src/test/bench/r53-2005-2008-map-1000.yaml", "--csv", "-");

        assertThat(p.waitFor(60, TimeUnit.SECONDS))
                .as("it stops by itself; stderr: %s", Files.readString(dir.resolve("err")))
                .isTrue();
        String err = Files.readString(dir.resolve("err"));
        assertThat(p.exitValue()).as(err).isEqualTo(Main.BAD_INPUT);
        assertThat(err)
                .contains("kline-bench sweep: cannot write the results: stdout refused a write (its reader gone?)"
                        + " after 4096 points")
                .doesNotContain("1000000 points in");
    }

    @Test
    void aRunWhoseReportGoesToAGoneStdoutSaysSo() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "a Linux /dev/full");
        Path json = dir.resolve("r.json");
        Process p = start("run", "r53-2005-2008-ritual", "--json", json.toString());

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err"));
        assertThat(p.exitValue())
                .as("the run's verdict, not the pipe's: %s", err)
                .isEqualTo(Main.OK);
        assertThat(err)
                .contains("kline-bench run: stdout refused the report (its reader gone, or a full disk?); it is cut"
                        + " short there, and the run passed");
        assertThat(json).as("the file asked for is still written").isNotEmptyFile();
    }
}
