package io.klinebench.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.Hex;
import org.junit.jupiter.api.Test;

/**
 * Bytes a DS2 module dropped, read back as KWP2000* telegrams: only when every byte belongs to a
 * whole telegram with its checksum right.
 */
class KwpStarWholeTelegramsTest {

    private static final String REQUEST = "80 13 F1 02 1A 80 FA";
    private static final String ANSWER = "80 F1 13 0E 5A 80 00 00 00 00 00 00 01 00 01 00 FF 00 49";

    @Test
    void oneTelegram() {
        assertThat(KwpStarTelegram.wholeTelegrams(Hex.parse(REQUEST)))
                .containsExactly(new KwpStarTelegram(0x13, 0xF1, Hex.parse("1A 80")));
    }

    @Test
    void anAnswerWithTheNextRequestRightBehindIt() {
        assertThat(KwpStarTelegram.wholeTelegrams(Hex.parse(ANSWER + " 80 31 F1 02 1A 80 D8")))
                .extracting(KwpStarTelegram::source, KwpStarTelegram::target)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0x13, 0xF1),
                        org.assertj.core.groups.Tuple.tuple(0xF1, 0x31));
    }

    @Test
    void notWholeTelegramsAreNone() {
        assertThat(KwpStarTelegram.wholeTelegrams(Hex.parse(REQUEST + " 80")))
                .as("a byte left over")
                .isEmpty();
        assertThat(KwpStarTelegram.wholeTelegrams(Hex.parse("80 13 F1 02 1A 80 FB")))
                .as("checksum")
                .isEmpty();
        assertThat(KwpStarTelegram.wholeTelegrams(Hex.parse("80 13 F1 02 1A 80")))
                .as("cut short")
                .isEmpty();
        assertThat(KwpStarTelegram.wholeTelegrams(Hex.parse("00 04 00 04")))
                .as("a DS2 telegram")
                .isEmpty();
        assertThat(KwpStarTelegram.wholeTelegrams(Hex.parse("80 13 F1 00 62")))
                .as("no data")
                .isEmpty();
        assertThat(KwpStarTelegram.wholeTelegrams(new byte[0])).as("nothing").isEmpty();
    }
}
