package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kline-bench run} started as a user starts it (a JVM of its own) and stopped by SIGTERM
 * before its end says so on stderr, with where it was and the report file it did not write, and
 * leaves no unfinished temporary file beside it. It used to end with status 143 in silence.
 */
class RunStoppedIT {

    /** 800,002 steps: seconds of reading, running and reporting, long enough to be stopped in. */
    private static final String LONG = String.join(
            "\n",
            "profile: r50-r53-2005-2008",
            "car:",
            "  keys:",
            "    A: {remote: 0x1A2B3C, counter: 40120, slot: 0, car-counter: 120}",
            "steps:",
            "  - {at: 0s, do: console unlock}",
            "  - {after: 1s, do: insert A}",
            "  - repeat: 100000",
            "    steps:",
            "      - repeat: 4",
            "        steps:",
            "          - {after: 1s, do: ignition 2}",
            "          - {after: 1s, do: ignition 0}",
            "expect:",
            "  - {event: learn-window-opened, absent: true}",
            "");

    @TempDir
    Path dir;

    private Process run;

    @AfterEach
    void stop() throws Exception {
        if (run != null) {
            run.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRunStoppedBySigtermSaysWhereItWasAndWhatItDidNotWrite() throws Exception {
        Path sequence = Files.writeString(dir.resolve("long.yaml"), LONG);
        Path json = Files.writeString(dir.resolve("report.json"), "the report of yesterday\n");
        run = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "run",
                        sequence.toString(),
                        "--json",
                        json.toString()))
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile())
                .start();
        Thread.sleep(2500); // started, and reading or running: the whole run takes far longer

        run.destroy(); // SIGTERM, as kill PID

        assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("the run stops").isTrue();
        String err = Files.readString(dir.resolve("err"));
        assertThat(run.exitValue()).as(err).isEqualTo(143);
        assertThat(err)
                .containsPattern("kline-bench run: stopped (while reading " + sequence
                        + ", (at \\d+ of 800002 steps|before its first step)"
                        + "|while running, (at \\d+ of 800002 steps|before its first step)"
                        + "|before its report was complete); nothing written to --json " + json
                        + " \\(a file there before is as it was\\)")
                .doesNotContain("Exception");
        assertThat(json).hasContent("the report of yesterday");
        try (var left = Files.list(dir)) {
            assertThat(left.map(f -> f.getFileName().toString()))
                    .as("no unfinished .report.json.*.tmp left")
                    .containsExactlyInAnyOrder("long.yaml", "report.json", "out", "err");
        }
    }
}
