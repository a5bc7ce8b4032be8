package org.example.rig;

import static org.assertj.core.api.Assertions.assertThat;
import io.klinebench.bench.Bench;
import io.klinebench.bench.BenchResult;
import io.klinebench.bench.CarSetup;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import io.klinebench.time.TimingWindow;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's JUnit example, as written there (the project's ReadmeExampleTest checks they agree). */
class ReadmeJUnitExampleTest {

    @Test
    void threeCyclesInsteadOfFourThenTheRitual() throws Exception {
        // A 2005-2008 R53 whose remote "A" sits in slot 0 but is far out of step.
        Bench bench = Bench.of("r50-r53-2005-2008",
                CarSetup.of(KeySpec.remoteKey("A", 0x1A2B3C, 0).counter(40_000, 100)));

        bench.perform("console unlock").after("1s", "insert A");
        for (int i = 0; i < 3; i++) {                       // one cycle short
            bench.after("1s", "ignition 2").after("1s", "ignition 0");
        }
        bench.after("1s", "remove key").settle();

        assertThat(bench.events(CarEvent.CycleCounted.class)).hasSize(3);
        assertThat(bench.events(CarEvent.LearnAborted.class))
                .extracting(CarEvent.LearnAborted::reason)
                .containsExactly(CarEvent.LearnAbort.WRONG_CYCLE_COUNT);
        assertThat(bench.events(CarEvent.LearnWindowOpened.class)).isEmpty();
        assertThat(bench.windows("cycles.max-off-time")).allMatch(TimingWindow::met);

        // or run a built-in sequence by name (the list: BuiltInSequences.names()), from any project:
        BenchResult result = Bench.run("r53-2005-2008-ritual");
        assertThat(result.passed()).isTrue();

        // or a sequence file of your own (its profiles from a "profiles" folder beside it, else built in):
        BenchResult mine = Bench.run(Path.of("src/test/resources/my-ritual.yaml"));
        assertThat(mine.passed()).isTrue();
    }
}
