package io.klinebench.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.dcan.BmwFastTelegram;
import io.klinebench.dcan.DCanTiming;
import io.klinebench.kline.Ds2Telegram;
import io.klinebench.kline.Ds2Timing;
import io.klinebench.kline.KeyBytes;
import io.klinebench.kline.KwpFrame;
import io.klinebench.kline.KwpTiming;
import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The application bytes each protocol makes and reads for the bench's tester and the sim's
 * refusals (SecurityAccess's seed and key, a refusal, responsePending), and how it takes a whole
 * frame apart: KWP2000 on K-line and BMW-FAST on D-CAN carry the same ISO 14230-3 bytes, DS2 its
 * own.
 */
class ProtocolBytesTest {

    private final Ds2 ds2 = new Ds2(Ds2Timing.typical());
    private final Kwp2000 kwp = new Kwp2000(KwpTiming.standard(), 0xF1, new KeyBytes(0xEF, 0x8F));
    private final DCan dcan = new DCan(DCanTiming.standard(), 0xF1);

    @Test
    void kwp2000AndBmwFastAskForTheSeedAndSendTheKeyWithSecurityAccess() {
        for (DiagnosticProtocol p : new DiagnosticProtocol[] {kwp, dcan}) {
            assertThat(p.seedRequest()).as(p.name()).containsExactly(0x27, 0x01);
            assertThat(p.keyRequest(0xBEEF)).as(p.name()).containsExactly(0x27, 0x02, 0xBE, 0xEF);
            assertThat(p.seedIn(bytes(0x67, 0x01, 0x12, 0x34))).as(p.name()).isEqualTo(OptionalInt.of(0x1234));
            assertThat(p.seedIn(bytes(0x7F, 0x27, 0x35)))
                    .as(p.name() + ": a refusal")
                    .isEmpty();
            assertThat(p.seedIn(bytes(0x67, 0x01, 0x12)))
                    .as(p.name() + ": too short")
                    .isEmpty();
            assertThat(p.seedIn(bytes(0x50, 0x01, 0x12, 0x34)))
                    .as(p.name() + ": another service")
                    .isEmpty();
        }
    }

    @Test
    void ds2AsksForTheSeedAndSendsTheKeyWithItsOwnJob() {
        assertThat(ds2.seedRequest()).hasSize(2);
        byte[] key = ds2.keyRequest(0xBEEF);
        assertThat(key).hasSize(4);
        assertThat(key[0]).isEqualTo(ds2.seedRequest()[0]);
        assertThat(Arrays.copyOfRange(key, 2, 4)).containsExactly(0xBE, 0xEF);
        assertThat(ds2.seedIn(bytes(0xA0, 0x12, 0x34))).isEqualTo(OptionalInt.of(0x1234));
        assertThat(ds2.seedIn(bytes(0xA2))).as("a refusal").isEmpty();
    }

    @Test
    void kwp2000AndBmwFastRefuseWithANegativeResponseAndWaitOnResponsePending() {
        for (DiagnosticProtocol p : new DiagnosticProtocol[] {kwp, dcan}) {
            assertThat(p.refusal(bytes(0x31, 0x01), 0x22)).as(p.name()).containsExactly(0x7F, 0x31, 0x22);
            assertThat(p.refusal(new byte[0], 0x11))
                    .as(p.name() + ": nothing asked")
                    .containsExactly(0x7F, 0x00, 0x11);
            assertThat(p.refusalCode()).isEqualTo("nrc");
            assertThat(p.notSupported()).isEqualTo(0x11);
            assertThat(p.isResponsePending(bytes(0x7F, 0x3B, 0x78)))
                    .as(p.name())
                    .isTrue();
            assertThat(p.isResponsePending(bytes(0x7F, 0x3B, 0x22)))
                    .as(p.name())
                    .isFalse();
            assertThat(p.isResponsePending(bytes(0x7F, 0x3B, 0x78, 0x00)))
                    .as(p.name())
                    .isFalse();
        }
    }

    @Test
    void ds2RefusesWithItsBareStatusAndHasNoResponsePending() {
        assertThat(ds2.refusal(bytes(0x00, 0x04, 0x00), 0xA2)).containsExactly(0xA2);
        assertThat(ds2.refusalCode()).isEqualTo("status");
        assertThat(ds2.isResponsePending(bytes(0x7F, 0x3B, 0x78))).isFalse();
    }

    @Test
    void eachTakesAWholeFrameApartWithOrWithoutItsChecksum() {
        byte[] kwpFrame = bytes(0x82, 0x40, 0xF1, 0x27, 0x01);
        byte[] fastTelegram = bytes(0x82, 0x40, 0xF1, 0x27, 0x01);
        byte[] ds2Telegram = bytes(0x00, 0x05, 0x08, 0x01);
        assertParts(kwp.unframe(kwpFrame, false), 0x40, 0xF1, 0x27, 0x01);
        assertParts(
                kwp.unframe(with(kwpFrame, KwpFrame.checksum(kwpFrame, 0, kwpFrame.length)), true),
                0x40,
                0xF1,
                0x27,
                0x01);
        assertParts(dcan.unframe(fastTelegram, false), 0x40, 0xF1, 0x27, 0x01);
        assertParts(
                dcan.unframe(with(fastTelegram, BmwFastTelegram.checksum(fastTelegram, 0, fastTelegram.length)), true),
                0x40,
                0xF1,
                0x27,
                0x01);
        assertParts(ds2.unframe(ds2Telegram, false), 0x00, 0x00, 0x08, 0x01);
        assertParts(
                ds2.unframe(with(ds2Telegram, Ds2Telegram.xor(ds2Telegram, 0, ds2Telegram.length)), true),
                0x00,
                0x00,
                0x08,
                0x01);
    }

    @Test
    void aFrameWithAWrongChecksumOrMissingBytesIsRefusedSayingWhich() {
        byte[] kwpFrame = bytes(0x82, 0x40, 0xF1, 0x27, 0x01);
        assertThatThrownBy(() -> kwp.unframe(with(kwpFrame, 0x00), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("82 40 F1 27 01 00: not one whole frame (bad checksum)");
        assertThatThrownBy(() -> ds2.unframe(bytes(0x00, 0x05, 0x08, 0x01, 0x00), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("00 05 08 01 00: not one whole frame (bad checksum)");
        assertThatThrownBy(() -> kwp.unframe(bytes(0x82, 0x40, 0xF1, 0x27), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shorter than its length field says");
        assertThatThrownBy(() -> ds2.unframe(new byte[0], true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no bytes");
    }

    private static void assertParts(FrameParts parts, int target, int source, int... data) {
        assertThat(parts.target()).isEqualTo(target);
        assertThat(parts.source()).isEqualTo(source);
        assertThat(parts.data()).containsExactly(data);
    }

    private static byte[] with(byte[] frame, int checksum) {
        byte[] whole = Arrays.copyOf(frame, frame.length + 1);
        whole[frame.length] = (byte) checksum;
        return whole;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
