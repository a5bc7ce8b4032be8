package io.klinebench.kline;

import static io.klinebench.kline.GoldenFramesContract.assertDropped;
import static io.klinebench.time.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad DS2 telegrams are typed, recoverable errors: a wrong checksum, a truncated telegram
 * and a LEN below 4 are reported as {@link Decoded.Dropped} with their reason, never as a
 * telegram, and the next good telegram still decodes.
 */
class Ds2DecoderTest {

    static final long LIMIT = Ds2Timing.typical().testerInterByteMax();
    static final long BYTE = 1 * MS;
    /** The pause between telegrams of the built-in profiles (10 ms), plus a little: over the limit. */
    static final long BETWEEN_TELEGRAMS = Ds2Timing.typical().minRequestGap() + 1 * MS;

    static final long T0 = 1_000 * MS;

    static final byte[] IDENT = Hex.parse("00 04 00 04");
    static final byte[] ANSWER = Hex.parse("00 10 A0 88 36 94 83 14 03 02 00 09 96 02 13 82");
    static final byte[] ANSWER_BAD_CHK = Hex.parse("00 10 A0 88 36 94 83 14 03 02 00 09 96 02 13 83");

    private final Ds2Decoder decoder = new Ds2Decoder(LIMIT);
    private final Recorder<Ds2Telegram> rec = Recorder.on(decoder);

    @Test
    void wrongChecksumIsDroppedAsBadChecksumAndTheNextGoodTelegramStillDecodes() {
        LineBytes line = LineBytes.startingAt(T0)
                .spacing(BYTE)
                .then(ANSWER_BAD_CHK)
                .gap(BETWEEN_TELEGRAMS)
                .then(IDENT);
        line.feedTo(decoder);

        assertThat(rec.all().get(0)).isInstanceOfSatisfying(Decoded.Dropped.class, d -> {
            assertThat(d.reason()).isEqualTo(Decoded.Reason.BAD_CHECKSUM);
            assertThat(d.firstAt()).isEqualTo(T0);
            assertThat(Hex.of(ANSWER_BAD_CHK)).startsWith(Hex.of(d.raw()));
        });
        assertThat(rec.frames()).singleElement().satisfies(f -> {
            assertThat(f.frame()).isEqualTo(new Ds2Telegram(0x00, new byte[] {0x00}));
            assertThat(f.raw()).isEqualTo(IDENT);
            assertThat(f.firstAt()).isEqualTo(line.at(ANSWER_BAD_CHK.length));
            assertThat(f.lastAt()).isEqualTo(line.lastAt());
        });
        assertThat(rec.all().get(rec.all().size() - 1)).isInstanceOf(Decoded.Frame.class);
        assertThat(Recorder.raw(rec.dropped())).isEqualTo(ANSWER_BAD_CHK);
        assertThat(decoder.idle()).isTrue();
    }

    @Test
    void shortTelegramWithAWrongChecksumRightBeforeAGoodOneIsDroppedAndTheGoodOneDecodes() {
        // 00 04 00 05: dropped byte by byte (bad checksum, LEN 0, ...) until 00 04 00 04 lines up.
        LineBytes line = LineBytes.startingAt(T0)
                .spacing(BYTE)
                .then(Hex.parse("00 04 00 05"))
                .then(IDENT);
        line.feedTo(decoder);

        assertThat(rec.dropped().get(0).reason()).isEqualTo(Decoded.Reason.BAD_CHECKSUM);
        assertThat(Recorder.raw(rec.dropped())).isEqualTo(Hex.parse("00 04 00 05"));
        assertThat(rec.frames())
                .singleElement()
                .satisfies(f -> assertThat(f.raw()).isEqualTo(IDENT));
        assertThat(decoder.idle()).isTrue();
    }

    /**
     * CODEC BUG (kept failing on purpose). The real ident answer with a wrong CHK, then the
     * ident request with no gap: after the first byte is dropped, {@code 10 A0} is read as
     * ADDR LEN and claims 160 bytes, so the decoder waits across the good telegram, and the
     * timeout drops all 20 bytes, the complete good telegram among them.
     */
    @Test
    void goodTelegramRightBehindABadChecksumStillDecodes() {
        LineBytes line =
                LineBytes.startingAt(T0).spacing(BYTE).then(ANSWER_BAD_CHK).then(IDENT);
        line.feedTo(decoder);
        decoder.expire(line.lastAt() + LIMIT + 1);

        assertThat(rec.dropped()).first().extracting(Decoded.Dropped::reason).isEqualTo(Decoded.Reason.BAD_CHECKSUM);
        assertThat(rec.frames()).as("decoded: %s", rec).hasSize(1);
        assertThat(rec.frames().get(0).raw()).isEqualTo(IDENT);
    }

    @Test
    void telegramCutShortByALateByteIsDroppedAsInterByteTimeout() {
        LineBytes line = LineBytes.startingAt(T0)
                .spacing(BYTE)
                .then(Hex.parse("00 10 A0 88"))
                .gap(LIMIT + 1)
                .then(Hex.parse("36"));
        line.feedTo(decoder);

        assertThat(rec.all()).hasSize(1);
        assertDropped(
                rec.all().get(0),
                Decoded.Reason.INTER_BYTE_TIMEOUT,
                Hex.parse("00 10 A0 88"),
                T0,
                line.at(3),
                rec.toString());
        assertThat(decoder.idle()).isFalse();
    }

    @Test
    void telegramCutShortWithNoMoreBytesIsDroppedWhenTimeRunsOut() {
        LineBytes line = LineBytes.startingAt(T0).spacing(BYTE).then(Hex.parse("00 10 A0 88"));
        line.feedTo(decoder);
        assertThat(decoder.deadline()).isEqualTo(line.lastAt() + LIMIT + 1);

        decoder.expire(line.lastAt() + LIMIT);
        assertThat(rec.all()).as("exactly at the limit").isEmpty();

        decoder.expire(line.lastAt() + LIMIT + 1);
        assertThat(rec.all()).hasSize(1);
        assertDropped(
                rec.all().get(0),
                Decoded.Reason.INTER_BYTE_TIMEOUT,
                Hex.parse("00 10 A0 88"),
                T0,
                line.at(3),
                rec.toString());
        assertThat(decoder.idle()).isTrue();
    }

    @Test
    void aLoneAddressByteTimesOutToo() {
        decoder.feed(0x00, T0);
        assertThat(decoder.idle()).isFalse();
        decoder.expire(T0 + LIMIT + 1);
        assertDropped(rec.all().get(0), Decoded.Reason.INTER_BYTE_TIMEOUT, Hex.parse("00"), T0, T0, rec.toString());
    }

    @Test
    void gapExactlyAtTheLimitIsStillOneTelegram() {
        LineBytes line = LineBytes.startingAt(T0).spacing(LIMIT).then(ANSWER);
        for (int i = 0; i < line.size(); i++) {
            decoder.feed(line.value(i), line.at(i));
            decoder.expire(line.at(i) + LIMIT);
        }

        assertThat(rec.dropped()).isEmpty();
        assertThat(rec.frames()).singleElement().satisfies(f -> {
            assertThat(f.raw()).isEqualTo(ANSWER);
            assertThat(f.firstAt()).isEqualTo(T0);
            assertThat(f.lastAt()).isEqualTo(T0 + 15 * LIMIT);
        });
    }

    /** LEN counts ADDR, LEN and CHK: anything below 4 cannot be. */
    @ParameterizedTest(name = "LEN {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void lenBelowFourIsDroppedAsBadLength(int len) {
        byte[] bytes = {0x00, (byte) len, (byte) len};
        LineBytes line = LineBytes.startingAt(T0)
                .spacing(BYTE)
                .then(bytes)
                .gap(BETWEEN_TELEGRAMS)
                .then(IDENT);
        line.feedTo(decoder);

        // the bad telegram and what was slid past after it: one event, not one per byte
        assertDropped(rec.all().get(0), Decoded.Reason.BAD_LENGTH, bytes, T0, T0 + 2 * BYTE, rec.toString());
        assertThat(rec.frames())
                .as("%s", rec)
                .singleElement()
                .satisfies(f -> assertThat(f.raw()).isEqualTo(IDENT));
        assertThat(rec.allRaw()).isEqualTo(GoldenFramesContract.concat(bytes, IDENT));
    }

    @Test
    void lenAbove127IsReadUnsigned() {
        // LEN 80 = 128 bytes: the decoder waits for all of them rather than rejecting a negative length.
        byte[] start = Hex.parse("00 80 A0");
        LineBytes.startingAt(T0).spacing(BYTE).then(start).feedTo(decoder);
        assertThat(rec.all()).isEmpty();
        assertThat(decoder.idle()).isFalse();
    }
}
