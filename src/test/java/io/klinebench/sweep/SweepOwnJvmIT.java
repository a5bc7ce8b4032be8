package io.klinebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.cli.Main;
import io.klinebench.testsupport.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kline-bench sweep} started as a user starts it (a JVM of its own, no JVM option) runs
 * its points in a second JVM tuned for them, says so, and gives the same results as a sweep run
 * in the JVM that started it; a JVM option of the user's keeps the points in that JVM; and the
 * points' JVM ends with the one that started it, stopped by SIGTERM or killed.
 */
class SweepOwnJvmIT {

    private static final String GRID = "bench-config/sweeps/r53-2005-2008-grid.yaml";
    /** A million points: long enough to be stopped while it runs. */
    private static final String MAP = "src/test/bench/r53-2005-2008-map-1000.yaml";

    private static final String SAID = "the points ran in a JVM of their own (-XX:+UseSerialGC -Xmn16m)";

    @TempDir
    Path dir;

    private Process sweep;

    @AfterEach
    void stop() throws Exception {
        if (sweep != null) {
            sweep.descendants().forEach(ProcessHandle::destroyForcibly);
            sweep.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    private Process start(List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "sweep"));
        command.addAll(List.of(args));
        sweep = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile())
                .start();
        return sweep;
    }

    private String printed() throws Exception {
        return Files.readString(dir.resolve("out")) + Files.readString(dir.resolve("err"));
    }

    @Test
    void aPlainStartRunsThePointsInAJvmOfTheirOwnWithTheSameResults() throws Exception {
        Path csv = dir.resolve("own.csv");
        Process p = start(List.of(), GRID, "--threads", "2", "--csv", csv.toString());

        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the sweep ends").isTrue();
        assertThat(p.exitValue()).as(printed()).isEqualTo(Main.OK);
        assertThat(printed()).contains(SAID).contains("10000 points in");

        Path here = dir.resolve("here.csv");
        CliRun inThisJvm = CliRun.of("sweep", GRID, "--threads", "1", "--csv", here.toString());
        assertThat(inThisJvm.exit()).as(inThisJvm.err()).isEqualTo(Main.OK);
        assertThat(inThisJvm.out()).doesNotContain("JVM of their own");
        assertThat(Files.readString(csv)).isEqualTo(Files.readString(here));
    }

    @Test
    void aJvmOptionOfTheUsersKeepsThePointsInThatJvm() throws Exception {
        Process p = start(
                List.of("-Xmx256m"),
                GRID,
                "--threads",
                "2",
                "--csv",
                dir.resolve("p.csv").toString());

        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the sweep ends").isTrue();
        assertThat(p.exitValue()).as(printed()).isEqualTo(Main.OK);
        assertThat(printed()).contains("10000 points in").doesNotContain("JVM of their own");
    }

    @Test
    void thePointsStopWhenTheirStarterIsStopped() throws Exception {
        Process p = start(List.of(), MAP, "--csv", dir.resolve("map.csv").toString());
        ProcessHandle points = pointsOf(p);

        p.destroy(); // SIGTERM, as kill PID

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the starter stops").isTrue();
        assertThat(points.onExit().get(30, TimeUnit.SECONDS).isAlive())
                .as("the points' JVM stops with it")
                .isFalse();
        saidAndLeftNothing();
    }

    /** The stop said with how far the points got, and no unfinished temporary file left beside the CSV. */
    private void saidAndLeftNothing() throws Exception {
        assertThat(Files.readString(dir.resolve("err")))
                .containsPattern("kline-bench sweep: stopped (at \\d+ of 1000000 points|before its first point);"
                        + " nothing written to --csv " + dir.resolve("map.csv"));
        try (var left = Files.list(dir)) {
            assertThat(left.map(f -> f.getFileName().toString()))
                    .as("no unfinished .map.csv.*.tmp left")
                    .containsExactlyInAnyOrder("out", "err");
        }
    }

    @Test
    void thePointsStopWhenTheirStarterIsKilled() throws Exception {
        Process p = start(List.of(), MAP, "--csv", dir.resolve("map.csv").toString());
        ProcessHandle points = pointsOf(p);

        p.destroyForcibly(); // SIGKILL: no hook of the starter runs

        assertThat(points.onExit().get(30, TimeUnit.SECONDS).isAlive())
                .as("the points' JVM notices and stops")
                .isFalse();
        assertThat(Files.readString(dir.resolve("err")))
                .contains("kline-bench sweep: the command that started these points is gone; stopping");
        saidAndLeftNothing();
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (java.io.IOException gone) {
            return 0;
        }
    }

    /** The JVM the sweep started for its points, once they run: the CSV's temporary file begun (60 s at most). */
    private ProcessHandle pointsOf(Process p) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            Optional<ProcessHandle> child = p.children().findFirst();
            boolean running;
            try (var files = Files.list(dir)) {
                // begun and written to: points done (the check of --csv makes such a file for a moment too)
                running = files.anyMatch(f -> f.getFileName().toString().startsWith(".map.csv.") && size(f) > 0);
            }
            if (child.isPresent() && running) {
                return child.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no points running within 60 s: " + printed());
    }
}
