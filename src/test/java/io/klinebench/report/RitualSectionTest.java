package io.klinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.bench.BenchResult;
import io.klinebench.bench.SequenceLoader;
import io.klinebench.bench.SequenceRunner;
import io.klinebench.config.ProfileCatalog;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A ritual that teaches nothing ends with its cause, in the text report and the JSON. */
class RitualSectionTest {

    /** The thread's ritual without the console unlock: the car stays locked and counts nothing. */
    private static final String LOCKED = """
            profile: r50-r53-2005-2008
            car:
              locked: true
              keys:
                A: {remote: 0x1A2B3C, counter: 40120, slot: 0, car-counter: 120}
            steps:
              - {at: 1s, do: insert A}
              - repeat: 4
                steps:
                  - {after: 1s, do: ignition 2}
                  - {after: 1s, do: ignition 0}
              - {after: 1s, do: remove key}
              - {after: 1s, do: hold A unlock}
              - {after: 500ms, do: press A lock}
              - {after: 500ms, do: press A lock}
              - {after: 500ms, do: hold A lock}
              - {after: 200ms, do: release A lock unlock}
            expect:
              - event: remote-learned
            """;

    @Test
    void aLockedCarsRitualEndsWithTheFirstCause() throws Exception {
        BenchResult r = SequenceRunner.run(
                new SequenceLoader(ProfileCatalog.builtIn()).read("locked.yaml", new StringReader(LOCKED)));

        assertThat(TextReport.render(r)).contains("""

                        Ritual
                          not completed; first cause:
                               2.000s  ignition run not counted: car-locked
                               4.000s  then: ignition run not counted: car-locked
                               6.000s        ignition run not counted: car-locked
                               8.000s        ignition run not counted: car-locked
                        """);
        @SuppressWarnings("unchecked")
        Map<String, Object> ritual = (Map<String, Object>) ReportModel.of(r).get("ritual");
        assertThat(ritual).containsEntry("attempted", true).containsEntry("completed", false);
        assertThat((List<?>) ritual.get("causes")).hasSize(4);
        assertThat(HtmlReport.of(r))
                .contains("ritual not completed")
                .contains("first cause at 2.000s: ignition run not counted: car-locked (3 more in the report)");
    }

    @Test
    void aCompletedRitualSaysSo() throws Exception {
        BenchResult r = io.klinebench.bench.Bench.run("r53-2005-2008-ritual");

        assertThat(TextReport.render(r)).contains("\nRitual\n  completed: a remote was learned\n");
    }
}
