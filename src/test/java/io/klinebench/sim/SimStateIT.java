package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.car.Profile;
import io.klinebench.config.ProfileCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sim --state}: remote A's counter in slot location 1 (record 41, read over the pty) is
 * changed through the control port; after SIGTERM and a restart with the same file it reads the
 * same; after kill -9 in the middle of further presses (the file is saved at most once a second,
 * off the loop) the file loads and a new sim starts from it.
 *
 * <p>Tolerances: the counter exactly after SIGTERM (saved at exit); after kill -9 anything from
 * the last saved value to all presses counted (which save happened is up to the timing).
 */
class SimStateIT {

    private static final String PROFILE = "r50-r53-2005-2008";

    @TempDir
    Path dir;

    private SimProcess start(Path state, String name) throws Exception {
        return SimProcess.start(
                dir,
                name,
                "--profile",
                PROFILE,
                "--virtual",
                "--link",
                dir.resolve("kline").toString(),
                "--state",
                state.toString(),
                "--control",
                "0");
    }

    private SimProcess.Tester tester(SimProcess sim) throws Exception {
        return sim.tester(dir.resolve("kline").toString(), PROFILE, true);
    }

    private static int counter(SimProcess.Tester t) throws IOException {
        return SimReconnectIT.counter(t.read("0B 41"));
    }

    @Test
    void stateSurvivesARestartAndAKillLeavesAValidFile() throws Exception {
        Path state = dir.resolve("bcm.json");
        int before;
        int after;
        try (SimProcess sim = start(state, "first");
                SimProcess.Tester t = tester(sim)) {
            before = counter(t);
            for (int i = 0; i < 3; i++) {
                sim.ok("press A unlock");
                Thread.sleep(200);
            }
            after = counter(t);
            assertThat(after).isEqualTo(before + 3);
            sim.stop(); // SIGTERM: saved at exit
        }
        assertThat(state).exists();
        try (SimProcess sim = start(state, "second");
                SimProcess.Tester t = tester(sim)) {
            assertThat(counter(t)).as("restored from the state file").isEqualTo(after);

            Random random = new Random(42);
            for (int i = 0; i < 4; i++) {
                sim.ok("press A unlock");
                Thread.sleep(150 + random.nextInt(400));
            }
            sim.process.destroyForcibly(); // kill -9, possibly while the writer thread saves
            assertThat(sim.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        Profile profile = ProfileCatalog.builtIn().load(PROFILE);
        StateFile.load(state, profile); // a whole file, not a part: throws otherwise
        try (SimProcess sim = start(state, "third");
                SimProcess.Tester t = tester(sim)) {
            assertThat(counter(t))
                    .as("a sim starts from the file left by kill -9")
                    .isBetween(after, after + 4);
        }
    }
}
