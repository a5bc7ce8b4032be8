package io.klinebench.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.time.Durations;
import io.klinebench.time.Uncertainty;
import org.junit.jupiter.api.Test;

/** A dropped frame says why in words, with the limit it broke as the line applied it. */
class DroppedWhyTest {

    static final Uncertainty PTY = new Uncertainty(25 * Durations.MS, "a pty, stated");

    @Test
    void aCutOffFrameSaysHowManyBytesCameAndTheLimitWithTheLinesWidening() {
        LineConditions pty = LineConditions.real(false, PTY);
        Decoded.Dropped<Ds2Telegram> cut = new Decoded.Dropped<>(
                Decoded.Reason.INTER_BYTE_TIMEOUT, new byte[] {0x00, 0x05, 0x0B}, 0, 2 * Durations.MS);

        assertThat(cut.why(pty.limitText(10 * Durations.MS + pty.tolerance())))
                .isEqualTo("cut off after 3 bytes: no next byte within 35ms (10ms allowed, widened by the stamps'"
                        + " +-25ms (a pty, stated))");
        assertThat(cut.why(LineConditions.bench().limitText(10 * Durations.MS)))
                .isEqualTo("cut off after 3 bytes: no next byte within 10ms");
        assertThat(pty.strictly().limitText(10 * Durations.MS))
                .as("strict: no widening")
                .isEqualTo("10ms");
    }

    @Test
    void eachKindOfDropHasItsWords() {
        for (Decoded.Reason r : Decoded.Reason.values()) {
            assertThat(new Decoded.Dropped<Ds2Telegram>(r, new byte[] {1}, 0, 0).why("10ms"))
                    .as(r.name())
                    .isNotBlank();
        }
    }
}
