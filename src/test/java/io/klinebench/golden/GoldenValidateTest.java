package io.klinebench.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.testsupport.CliRun;
import io.klinebench.testsupport.Golden;
import org.junit.jupiter.api.Test;

/**
 * {@code kline-bench validate}'s violations and summary lines, pinned in {@code
 * golden/validate/}: the traces under {@code src/test/resources/traces} (written by the bench in
 * virtual time, their first comment lines say how), passing and failing, DS2 and KWP2000, a
 * violation an hour in (h:mm:ss.mmm), and uncertainties that make some not decidable.
 */
class GoldenValidateTest {

    private static final String TRACES = "src/test/resources/traces/";

    @Test
    void aTraceWithoutViolations() {
        CliRun run = CliRun.of("validate", TRACES + "kwp-passes.trace");
        assertThat(run.exit()).isZero();
        Golden.assertMatches("validate/kwp-passes", run.transcript());
    }

    @Test
    void aTraceWithP4P3minAndAnHourLateP3max() {
        CliRun run = CliRun.of("validate", TRACES + "kwp-fails.trace");
        assertThat(run.exit()).isEqualTo(1);
        Golden.assertMatches("validate/kwp-fails", run.transcript());
    }

    @Test
    void theSameTraceWithAnUncertaintyThatLeavesOnlyTheHourUndecided() {
        CliRun run = CliRun.of("validate", TRACES + "kwp-fails.trace", "--uncertainty", "6ms");
        assertThat(run.exit()).isEqualTo(1);
        Golden.assertMatches("validate/kwp-fails-uncertainty-6ms", run.transcript());
    }

    @Test
    void aPtyTraceWhoseViolationsLieWithinItsStatedUncertainty() {
        CliRun stated = CliRun.of("validate", TRACES + "kwp-pty-within.trace");
        assertThat(stated.exit()).isZero();
        CliRun exact = CliRun.of("validate", TRACES + "kwp-pty-within.trace", "--uncertainty", "0s");
        assertThat(exact.exit()).isEqualTo(1);
        Golden.assertMatches("validate/kwp-pty-within", stated.transcript() + "\n" + exact.transcript());
    }

    @Test
    void aDs2TraceWithGapsInsideATelegram() {
        CliRun run = CliRun.of("validate", TRACES + "ds2-fails.trace");
        assertThat(run.exit()).isEqualTo(1);
        Golden.assertMatches("validate/ds2-fails", run.transcript());
    }
}
