package io.klinebench.kline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.line.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ds2Telegram checks its values when it is made and keeps its bytes to itself. */
class Ds2TelegramTest {

    @ParameterizedTest
    @ValueSource(ints = {-1, 256, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void addressMustBeAByte(int bad) {
        assertThatThrownBy(() -> new Ds2Telegram(bad, new byte[] {0x00}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("address");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 253, 300})
    void dataMustBe1To252Bytes(int n) {
        assertThatThrownBy(() -> new Ds2Telegram(0x00, new byte[n]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..252");
    }

    @Test
    void theLongestTelegramIs255BytesAndSaysSo() {
        byte[] wire = new Ds2Telegram(0x00, new byte[252]).encode();
        assertThat(wire).hasSize(Ds2Telegram.MAX_LENGTH);
        assertThat(wire[1] & 0xFF).isEqualTo(255);
    }

    @Test
    void theShortestTelegramIsTheIdentRequest() {
        assertThat(Hex.of(new Ds2Telegram(0x00, new byte[] {0x00}).encode())).isEqualTo("00 04 00 04");
    }

    @Test
    void nullDataIsRejected() {
        assertThatThrownBy(() -> new Ds2Telegram(0x00, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theDataIsCopiedInAndOut() {
        byte[] data = Hex.parse("A0 88 36");
        Ds2Telegram t = new Ds2Telegram(0x00, data);
        data[0] = 0;
        t.data()[1] = 0;
        assertThat(Hex.of(t.data())).isEqualTo("A0 88 36");
    }

    @Test
    void valueEqualityAndHexToString() {
        Ds2Telegram t = new Ds2Telegram(0x00, Hex.parse("A0"));
        assertThat(t)
                .isEqualTo(new Ds2Telegram(0x00, Hex.parse("A0")))
                .hasSameHashCodeAs(new Ds2Telegram(0x00, Hex.parse("A0")))
                .isNotEqualTo(new Ds2Telegram(0x12, Hex.parse("A0")))
                .hasToString("Ds2Telegram[00 04 A0 A4]");
    }

    @Test
    void checksumIsTheXorOfTheBytes() {
        byte[] b = Hex.parse("00 10 A0 88 36 94 83 14 03 02 00 09 96 02 13");
        assertThat(Ds2Telegram.xor(b, 0, b.length)).isEqualTo(0x82);
    }
}
