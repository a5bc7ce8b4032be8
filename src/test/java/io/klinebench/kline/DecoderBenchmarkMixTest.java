package io.klinebench.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.jmh.DecoderBenchmark;
import org.junit.jupiter.api.Test;

/** The decoder benchmark measures what it claims: every frame of each mix comes out, noise or not. */
class DecoderBenchmarkMixTest {

    @Test
    void eachMixDecodesItsFramesEveryTime() {
        DecoderBenchmark b = new DecoderBenchmark();
        b.setUp();
        for (int i = 0; i < 3; i++) {
            assertThat(b.kwpSession()).isEqualTo(24);
            assertThat(b.kwpSessionWithLineNoise()).isEqualTo(24);
            assertThat(b.ds2Telegrams()).isEqualTo(12);
        }
    }
}
