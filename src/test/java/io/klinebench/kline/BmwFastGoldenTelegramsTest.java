package io.klinebench.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.dcan.BmwFastDecoder;
import io.klinebench.dcan.BmwFastTelegram;
import io.klinebench.line.Hex;
import io.klinebench.time.Durations;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The golden BMW-FAST telegrams of {@code golden/bmw-fast.txt} through the contract every
 * golden frame keeps: fields, round trip, any chunking with garbage beyond a gap and right
 * against the telegram, gaps at the limit and 1 ns over it. The limit is the cable's: it ends
 * a telegram after 3 ms of silence on its serial side (ediabaslib CanAdapter.c,
 * SER_REC_TIMEOUT).
 */
class BmwFastGoldenTelegramsTest extends GoldenFramesContract<BmwFastTelegram> {

    static final long LIMIT = 3 * Durations.MS;
    /** 10 bits at 115200 baud, rounded down to the nanosecond. */
    static final long BYTE_TIME = 86_805;

    private static final List<Golden<BmwFastTelegram>> GOLDEN = GoldenLine.read("bmw-fast.txt").stream()
            .map(l -> new Golden<>(l, fromFields(l)))
            .collect(Collectors.toList());

    @Override
    List<Golden<BmwFastTelegram>> golden() {
        return GOLDEN;
    }

    @Override
    FrameDecoder<BmwFastTelegram> newDecoder() {
        return new BmwFastDecoder(LIMIT);
    }

    @Override
    long limit() {
        return LIMIT;
    }

    @Override
    long byteTime() {
        return BYTE_TIME;
    }

    @Override
    byte[] encode(BmwFastTelegram telegram) {
        return telegram.encode();
    }

    /** {@code BF} claims 63 data bytes, none follow: the noise times out whole (FF 55 would be a bad FMT here). */
    @Override
    byte[] noise() {
        return Hex.parse("BF 55");
    }

    static BmwFastTelegram fromFields(GoldenLine l) {
        String[] f = l.fields();
        if (f.length != 3) {
            throw new IllegalArgumentException(l + ": want 3 fields (target source len-byte)");
        }
        return new BmwFastTelegram(
                Integer.parseInt(f[0], 16), Integer.parseInt(f[1], 16), KwpGoldenFramesTest.yesNo(f[2]), l.data());
    }

    @Override
    void assertFields(BmwFastTelegram decoded, GoldenLine l) {
        String[] f = l.fields();
        assertThat(decoded.target()).as("target").isEqualTo(Integer.parseInt(f[0], 16));
        assertThat(decoded.source()).as("source").isEqualTo(Integer.parseInt(f[1], 16));
        assertThat(decoded.lengthByte()).as("len-byte").isEqualTo(KwpGoldenFramesTest.yesNo(f[2]));
        assertThat(Hex.of(decoded.data())).as("data").isEqualTo(Hex.of(l.data()));
    }

    /**
     * The rule written from the sources, apart from the decoder: FMT bits 7-6 must be 10; the
     * length is FMT's low six bits, or a LEN byte after SRC when they are 0 (LEN 0 cannot be).
     */
    @Override
    int claimedLength(byte[] b, int from, int end) {
        int fmt = b[from] & 0xFF;
        if ((fmt & 0xC0) != 0x80) {
            return 0;
        }
        if ((fmt & 0x3F) != 0) {
            return (fmt & 0x3F) + 4;
        }
        if (end - from < 4) {
            return -1;
        }
        int len = b[from + 3] & 0xFF;
        return len == 0 ? 0 : len + 5;
    }

    @Override
    boolean checksumOk(byte[] b, int from, int length) {
        int sum = 0;
        for (int i = from; i < from + length - 1; i++) {
            sum += b[i] & 0xFF;
        }
        return (sum & 0xFF) == (b[from + length - 1] & 0xFF);
    }

    /** Before: 00 and 01 have no address bits (bad length, dropped one by one). After: 00, then BF (claims 63 bytes, times out). */
    @Override
    List<Garbage> garbageRightAgainst() {
        return List.of(Garbage.of("00 01", "00 BF"), Garbage.of("00 01 3F", "00*300"));
    }

    @Test
    void theFileCoversBothFormsEveryEdgeLengthAndBothDirections() {
        Set<Boolean> forms = new HashSet<>();
        Set<Integer> lengths = new HashSet<>();
        Set<Integer> sources = new HashSet<>();
        for (Golden<BmwFastTelegram> g : GOLDEN) {
            forms.add(g.value().lengthByte());
            lengths.add(g.value().data().length);
            sources.add(g.value().source());
        }
        assertThat(forms).containsExactlyInAnyOrder(true, false);
        assertThat(lengths).contains(1, 6, 7, 63, 64, 128, 255);
        assertThat(sources).contains(0xF1, 0x40);
        assertThat(GOLDEN).anyMatch(g -> g.line().wire().length == BmwFastTelegram.MAX_TELEGRAM);
    }

    /** A telegram of the K-line's other forms is not BMW-FAST: no address bits (00), functional (C0), CARB (40). */
    @Test
    void aFormatWithoutPhysicalAddressingIsABadLengthAndTheNextTelegramStillDecodes() {
        for (String bad : List.of("01 3E 3F", "C1 33 F1 81 66", "41 40 F1 3E 70", "80 40 F1 00 01")) {
            FrameDecoder<BmwFastTelegram> decoder = newDecoder();
            Recorder<BmwFastTelegram> rec = Recorder.on(decoder);
            LineBytes.startingAt(START)
                    .spacing(BYTE_TIME)
                    .then(Hex.parse(bad))
                    .then(Hex.parse("81 40 F1 3E F0"))
                    .feedTo(decoder);
            assertThat(rec.frames()).as(bad).hasSize(1);
            assertThat(Hex.of(rec.frames().get(0).raw())).as(bad).isEqualTo("81 40 F1 3E F0");
            assertThat(rec.dropped())
                    .as(bad)
                    .isNotEmpty()
                    .allMatch(
                            d -> d.reason() == Decoded.Reason.BAD_LENGTH || d.reason() == Decoded.Reason.BAD_CHECKSUM);
            assertThat(Recorder.raw(rec.dropped())).as(bad).isEqualTo(Hex.parse(bad));
        }
    }

    @Test
    void aWrongSumIsABadChecksumAndTheNextTelegramStillDecodes() {
        FrameDecoder<BmwFastTelegram> decoder = newDecoder();
        Recorder<BmwFastTelegram> rec = Recorder.on(decoder);
        LineBytes.startingAt(START)
                .spacing(BYTE_TIME)
                .then(Hex.parse("82 40 F1 21 01 D6"))
                .gap(LIMIT + 1)
                .then(Hex.parse("82 40 F1 21 01 D5"))
                .feedTo(decoder);
        assertThat(rec.frames()).hasSize(1);
        assertThat(rec.frames().get(0).frame()).isEqualTo(new BmwFastTelegram(0x40, 0xF1, Hex.parse("21 01")));
        assertThat(rec.dropped().get(0).reason()).isEqualTo(Decoded.Reason.BAD_CHECKSUM);
    }
}
