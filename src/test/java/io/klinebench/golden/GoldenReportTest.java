package io.klinebench.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.testsupport.CliRun;
import io.klinebench.testsupport.Golden;
import org.junit.jupiter.api.Test;

/**
 * {@code kline-bench report EVENTS}: a real-time run's report from the sim's events file, pinned
 * in {@code golden/report/}. The file under {@code src/test/resources/events} has what a real
 * port gives: jittered nanoseconds (1003805705), a K-line violation, a window missed by an hour
 * and times past an hour.
 */
class GoldenReportTest {

    @Test
    void aRealTimeRunWithJitterAndAnHourLongGap() {
        CliRun run = CliRun.of("report", "src/test/resources/events/real-time-run.jsonl");
        assertThat(run.exit()).isEqualTo(1);
        GoldenRunReportTest.assertAligned("real-time-run", run.out().replace("\nActions\n", "\nSteps\n"));
        Golden.assertMatches("report/real-time-run", run.transcript());
    }

    @Test
    void aMissingEventsFile() {
        CliRun run = CliRun.of("report", "no/such/events.jsonl");
        assertThat(run.exit()).isEqualTo(2);
        Golden.assertMatches("errors/report-no-such-file", run.transcript());
    }
}
