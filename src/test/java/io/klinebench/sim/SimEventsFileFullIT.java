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
 * {@code sim --events FILE} whose file stops taking events ({@code /dev/full}: every write is
 * "no space left on device") stops by itself, says why on stderr and exits with status 2. It
 * used to run on without its events, a WARN in the log the only sign, and exit 130 at SIGINT
 * as if the run's record were whole.
 */
class SimEventsFileFullIT {

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

    @Test
    void aFullEventsFileStopsTheSimSayingWhy() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "a Linux /dev/full");
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
                        "--events",
                        "/dev/full"))
                .redirectOutput(dir.resolve("sim.out").toFile())
                .redirectError(err.toFile())
                .start();

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
