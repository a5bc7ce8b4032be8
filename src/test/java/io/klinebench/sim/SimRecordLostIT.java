package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klinebench.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sim whose record stops taking writes stops by itself, says why on stderr and exits with
 * status 2: its events file or its trace on {@code /dev/full} (every write is "no space left on
 * device"), its state file's folder removed while it runs. Each used to run on without its
 * record, a WARN or an ERROR in the log the only sign, and exit 130 at SIGINT as if the run's
 * record were whole.
 */
class SimRecordLostIT {

    @TempDir
    Path dir;

    private Process sim;

    @AfterEach
    void stop() throws Exception {
        if (sim != null && sim.isAlive()) {
            sim.destroy();
            sim.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private Path startSim(String option, String file) throws Exception {
        Path err = dir.resolve("sim.err");
        sim = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "sim",
                        "--profile",
                        "r56-2007-2013",
                        "--virtual",
                        option,
                        file))
                .redirectOutput(dir.resolve("sim.out").toFile())
                .redirectError(err.toFile())
                .start();
        return err;
    }

    @Test
    void aFullTraceFileStopsTheSimSayingWhy() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "a Linux /dev/full");
        Path err = startSim("--trace", "/dev/full");

        assertThat(sim.waitFor(20, TimeUnit.SECONDS))
                .as("the sim stops by itself; stderr: %s", Files.readString(err))
                .isTrue();
        assertThat(sim.exitValue()).as("stderr: %s", Files.readString(err)).isEqualTo(Main.BAD_INPUT);
        assertThat(Files.readString(err))
                .contains("kline-bench sim: --trace /dev/full: no space left on device; stopping, since every byte on"
                        + " the line from here on would be lost");
        // the trace's header could not be written: said when the sim was up, not half started
        assertThat(Files.readString(dir.resolve("sim.out"))).contains("connect the tester to:");
    }

    @Test
    void aStateFileThatCannotBeWrittenStopsTheSimSayingWhy() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path state = sub.resolve("bcm.json");
        try (SimProcess running = SimProcess.start(
                dir,
                "state",
                "--profile",
                "r50-r53-2005-2008",
                "--virtual",
                "--state",
                state.toString(),
                "--control",
                "0")) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(state) && System.nanoTime() < end) {
                Thread.sleep(20); // written at start, on the keeper's own thread
            }
            assertThat(state).as("written at start").exists();
            Files.delete(state);
            Files.delete(sub); // the drive removed, the folder gone

            running.act("press A unlock"); // a code accepted: the memory changes, saved within a second

            assertThat(running.process.waitFor(20, TimeUnit.SECONDS))
                    .as("the sim stops by itself; stderr: %s", Files.readString(running.err))
                    .isTrue();
            assertThat(running.process.exitValue())
                    .as("stderr: %s", Files.readString(running.err))
                    .isEqualTo(Main.BAD_INPUT);
            assertThat(Files.readString(running.err))
                    .contains("kline-bench sim: --state " + state + ": cannot be written: no such file or directory;"
                            + " stopping, since what the module learns from here on would be lost");
        }
    }

    @Test
    void aFullEventsFileStopsTheSimSayingWhy() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "a Linux /dev/full");
        Path err = startSim("--events", "/dev/full");

        assertThat(sim.waitFor(20, TimeUnit.SECONDS))
                .as("the sim stops by itself; stderr: %s", Files.readString(err))
                .isTrue();
        assertThat(sim.exitValue()).as("stderr: %s", Files.readString(err)).isEqualTo(Main.BAD_INPUT);
        assertThat(Files.readString(err))
                .contains("kline-bench sim: --events /dev/full: no space left on device; stopping, since every event"
                        + " from here on would be lost");
        // it was up, its banner out, when the first event could not be written
        assertThat(Files.readString(dir.resolve("sim.out"))).contains("events: /dev/full");
    }
}
