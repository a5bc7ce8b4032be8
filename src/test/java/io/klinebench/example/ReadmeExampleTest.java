package io.klinebench.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.bench.Bench;
import io.klinebench.bench.BenchResult;
import io.klinebench.bench.CarSetup;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import io.klinebench.time.TimingWindow;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The JUnit example of README.md, kept here so that it always compiles and passes. */
class ReadmeExampleTest {

    @Test
    void threeCyclesInsteadOfFourDoNotOpenTheLearnWindow() throws Exception {
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
    }

    @Test
    void aShippedSequenceRunsFromATest() throws Exception {
        BenchResult result = Bench.run(Path.of("bench-config/sequences/r53-2005-2008-ritual.yaml"));
        assertThat(result.passed()).isTrue();
        assertThat(result.timeline().windows()).allMatch(TimingWindow::met);
    }

    @Test
    void everySequenceShownInTheReadmeRunsAndHolds() throws Exception {
        String readme = java.nio.file.Files.readString(Path.of("README.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("```yaml\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(readme);
        int blocks = 0;
        while (m.find()) {
            blocks++;
            io.klinebench.bench.Sequence seq = new io.klinebench.bench.SequenceLoader(
                    io.klinebench.config.ProfileCatalog.builtIn()).read("README.md block " + blocks,
                    new java.io.StringReader(m.group(1)));
            BenchResult r = io.klinebench.bench.SequenceRunner.run(seq);
            assertThat(r.passed()).as(() -> io.klinebench.report.TextReport.render(r)).isTrue();
        }
        assertThat(blocks).isGreaterThanOrEqualTo(2);
    }
}
