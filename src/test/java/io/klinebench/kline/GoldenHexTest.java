package io.klinebench.kline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.line.Hex;
import org.junit.jupiter.api.Test;

/** The golden files' hex shorthands mean what their headers say. */
class GoldenHexTest {

    @Test
    void plainBytes() {
        assertThat(Hex.of(GoldenHex.parse("83 F1 11 c1"))).isEqualTo("83 F1 11 C1");
    }

    @Test
    void repeat() {
        assertThat(Hex.of(GoldenHex.parse("20*3"))).isEqualTo("20 20 20");
        assertThat(GoldenHex.parse("FF*252")).hasSize(252).containsOnly((byte) 0xFF);
    }

    @Test
    void countingRange() {
        assertThat(Hex.of(GoldenHex.parse("00..03"))).isEqualTo("00 01 02 03");
        assertThat(GoldenHex.parse("00..FE")).hasSize(255);
        assertThat(Hex.of(GoldenHex.parse("7E..7E"))).isEqualTo("7E");
    }

    @Test
    void mixed() {
        assertThat(Hex.of(GoldenHex.parse("80 F1 40 03 61 00..01 3E*2"))).isEqualTo("80 F1 40 03 61 00 01 3E 3E");
    }

    @Test
    void malformedTokensAreNamed() {
        assertThatThrownBy(() -> GoldenHex.parse("83 F")).hasMessageContaining("'F'");
        assertThatThrownBy(() -> GoldenHex.parse("03..01")).hasMessageContaining("count up");
        assertThatThrownBy(() -> GoldenHex.parse("20*0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> GoldenHex.parse("ZZ")).hasMessageContaining("'ZZ'");
    }
}
