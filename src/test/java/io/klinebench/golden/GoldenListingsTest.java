package io.klinebench.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.testsupport.CliRun;
import io.klinebench.testsupport.Golden;
import org.junit.jupiter.api.Test;

/** {@code kline-bench profiles} and {@code kline-bench sequences}, pinned in {@code golden/listings/}. */
class GoldenListingsTest {

    @Test
    void profiles() {
        CliRun run = CliRun.of("profiles");
        assertThat(run.exit()).isZero();
        Golden.assertMatches("listings/profiles", run.transcript());
    }

    @Test
    void sequences() {
        CliRun run = CliRun.of("sequences");
        assertThat(run.exit()).isZero();
        Golden.assertMatches("listings/sequences", run.transcript());
    }
}
