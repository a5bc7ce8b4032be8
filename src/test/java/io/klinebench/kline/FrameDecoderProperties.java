package io.klinebench.kline;

import static io.klinebench.time.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.klinebench.kline.KwpFrame.Addressing;
import io.klinebench.line.Hex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Whatever comes down the line, at whatever pace, the decoders never throw and never hang;
 * every frame they report has a right checksum and re-encodes to its own bytes; every byte
 * fed is reported exactly once, in order, as part of a frame or of a drop, or is still
 * buffered (and is reported when time runs out); a good frame with a gap over the limit on
 * both sides always comes out; and any valid frame or telegram round-trips.
 */
class FrameDecoderProperties {

    static final long KWP_LIMIT = KwpTiming.standard().p1().max();
    static final long DS2_LIMIT = Ds2Timing.typical().testerInterByteMax();

    /** How the transport looks at the decoder between the bytes of a piece. */
    enum Poll {
        /** Never. */
        NONE,
        /** Halfway through each gap. */
        MIDWAY,
        /** At the very time the next byte arrives, before feeding it. */
        AT_NEXT_BYTE
    }

    /** Some bytes on the line: noise, a good frame, or a frame spoiled by one byte. */
    record Piece(byte[] bytes, boolean goodFrame, long gapBefore, long spacing, Poll poll) {
        @Override
        public String toString() {
            return (goodFrame ? "frame " : "bytes ") + "[" + Hex.of(bytes) + "] after " + gapBefore + " ns, spaced "
                    + spacing + " ns, poll " + poll;
        }
    }

    /** The protocol under test, as the properties see it. */
    record Protocol<F>(
            String name,
            long limit,
            Supplier<FrameDecoder<F>> decoder,
            Function<F, byte[]> encode,
            LengthRule length,
            ChecksumRule checksum) {}

    interface LengthRule {
        int length(byte[] b, int from, int end);
    }

    interface ChecksumRule {
        boolean ok(byte[] b, int from, int length);
    }

    static final Protocol<KwpFrame> KWP = new Protocol<>(
            "KWP2000",
            KWP_LIMIT,
            () -> new KwpFrameDecoder(KWP_LIMIT),
            KwpFrame::encode,
            SpecRules::kwpLength,
            SpecRules::kwpChecksumOk);
    static final Protocol<Ds2Telegram> DS2 = new Protocol<>(
            "DS2",
            DS2_LIMIT,
            () -> new Ds2Decoder(DS2_LIMIT),
            Ds2Telegram::encode,
            SpecRules::ds2Length,
            SpecRules::ds2ChecksumOk);

    // ---- any bytes at any pace -------------------------------------------------------------

    @Property(tries = 400)
    void kwpDecoderCopesWithAnything(@ForAll @Size(max = 25) List<@From("kwpLine") Piece> pieces) {
        check(KWP, pieces);
    }

    @Property(tries = 400)
    void ds2DecoderCopesWithAnything(@ForAll @Size(max = 25) List<@From("ds2Line") Piece> pieces) {
        check(DS2, pieces);
    }

    static <F> void check(Protocol<F> p, List<Piece> pieces) {
        // Lay the pieces out on the line.
        List<Integer> values = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Integer> pieceOf = new ArrayList<>();
        List<Integer> goodStarts = new ArrayList<>();
        long t = 1_000 * MS;
        for (int k = 0; k < pieces.size(); k++) {
            Piece piece = pieces.get(k);
            boolean isolated = piece.goodFrame()
                    && piece.spacing() <= p.limit()
                    && (k == 0 || piece.gapBefore() > p.limit())
                    && (k == pieces.size() - 1 || pieces.get(k + 1).gapBefore() > p.limit());
            if (isolated) {
                goodStarts.add(values.size());
            }
            for (int i = 0; i < piece.bytes().length; i++) {
                t += i == 0 ? (values.isEmpty() ? 0 : piece.gapBefore()) : piece.spacing();
                values.add(piece.bytes()[i] & 0xFF);
                times.add(t);
                pieceOf.add(k);
            }
        }
        int n = values.size();
        byte[] fed = new byte[n];
        for (int i = 0; i < n; i++) {
            fed[i] = (byte) (int) values.get(i);
        }

        FrameDecoder<F> decoder = p.decoder().get();
        Recorder<F> rec = Recorder.on(decoder);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            int reports = 0;
            int reported = 0;
            for (int i = 0; i < n; i++) {
                decoder.feed(values.get(i), times.get(i));
                // Bounded work: one report per byte at most, and the decoder is idle exactly
                // when everything fed so far has been reported.
                for (; reports < rec.all().size(); reports++) {
                    reported += rec.all().get(reports).raw().length;
                }
                assertThat(reports).isLessThanOrEqualTo(i + 1);
                assertThat(decoder.idle()).as("idle after byte %d", i).isEqualTo(reported == i + 1);
                if (i + 1 < n) {
                    Poll poll = pieces.get(pieceOf.get(i + 1)).poll();
                    long next = times.get(i + 1);
                    if (poll == Poll.MIDWAY) {
                        decoder.expire(times.get(i) + (next - times.get(i)) / 2);
                    } else if (poll == Poll.AT_NEXT_BYTE) {
                        decoder.expire(next);
                    }
                }
            }
            if (n > 0) {
                decoder.expire(times.get(n - 1) + p.limit() + 1);
            }
        });

        // Every byte reported exactly once, in order; nothing left behind.
        assertThat(Hex.of(rec.allRaw())).isEqualTo(Hex.of(fed));
        assertThat(decoder.idle()).isTrue();

        int at = 0;
        List<Integer> frameStarts = new ArrayList<>();
        for (Decoded<F> d : rec.all()) {
            int len = d.raw().length;
            assertThat(len).isPositive();
            assertThat(d.firstAt()).as("%s first byte's time", d).isEqualTo(times.get(at));
            assertThat(d.lastAt()).as("%s last byte's time", d).isEqualTo(times.get(at + len - 1));
            if (d instanceof Decoded.Frame<F> f) {
                frameStarts.add(at);
                assertThat(p.length().length(f.raw(), 0, len))
                        .as("%s length", f)
                        .isEqualTo(len);
                assertThat(p.checksum().ok(f.raw(), 0, len))
                        .as("%s checksum", f)
                        .isTrue();
                assertThat(Hex.of(p.encode().apply(f.frame())))
                        .as("%s re-encoded", f)
                        .isEqualTo(Hex.of(f.raw()));
                for (int i = 1; i < len; i++) {
                    assertThat(times.get(at + i) - times.get(at + i - 1))
                            .as("%s gap inside", f)
                            .isLessThanOrEqualTo(p.limit());
                }
            }
            at += len;
        }
        assertThat(frameStarts)
                .as("every good frame with a gap over the limit on both sides comes out")
                .containsAll(goodStarts);
    }

    @Provide
    Arbitrary<Piece> kwpLine() {
        Arbitrary<byte[]> frames = kwpFrames().map(KwpFrame::encode);
        return pieces(frames, KWP_LIMIT);
    }

    @Provide
    Arbitrary<Piece> ds2Line() {
        Arbitrary<byte[]> telegrams = ds2Telegrams().map(Ds2Telegram::encode);
        return pieces(telegrams, DS2_LIMIT);
    }

    static Arbitrary<Piece> pieces(Arbitrary<byte[]> frames, long limit) {
        Arbitrary<byte[]> noise =
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40);
        Arbitrary<byte[]> spoiled = spoiled(frames);
        Arbitrary<byte[]> cut = frames.filter(f -> f.length > 1)
                .flatMap(f -> Arbitraries.integers().between(1, f.length - 1).map(k -> Arrays.copyOf(f, k)));
        Arbitrary<Long> gap = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(0, limit)),
                Tuple.of(1, Arbitraries.just(limit)),
                Tuple.of(2, Arbitraries.just(limit + 1)),
                Tuple.of(3, Arbitraries.longs().between(limit + 1, 300 * MS)));
        Arbitrary<Long> spacing = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(0, limit)),
                Tuple.of(1, Arbitraries.just(limit)),
                Tuple.of(1, Arbitraries.just(limit + 1)));
        Arbitrary<Poll> poll = Arbitraries.of(Poll.class);
        Arbitrary<Piece> good =
                Combinators.combine(frames, gap, spacing, poll).as((b, g, s, pl) -> new Piece(b, true, g, s, pl));
        Arbitrary<Piece> bad = Combinators.combine(Arbitraries.oneOf(noise, spoiled, cut), gap, spacing, poll)
                .as((b, g, s, pl) -> new Piece(b, false, g, s, pl));
        return Arbitraries.frequencyOf(Tuple.of(2, good), Tuple.of(3, bad));
    }

    /** A valid frame with one byte changed (by a flip of 1..255 bits at a random place). */
    static Arbitrary<byte[]> spoiled(Arbitrary<byte[]> frames) {
        return Combinators.combine(
                        frames,
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.integers().between(1, 255))
                .as((f, where, flip) -> {
                    byte[] b = f.clone();
                    b[where % b.length] ^= (byte) (int) flip;
                    return b;
                });
    }

    // ---- round trips -----------------------------------------------------------------------

    @Property(tries = 500)
    void anyValidKwpFrameRoundTrips(@ForAll("kwpFrames") KwpFrame frame) {
        byte[] wire = frame.encode();
        int n = frame.data().length;
        assertThat(wire).hasSize(frame.headerLength() + n + 1);
        assertThat(Addressing.ofFormat(wire[0] & 0xFF)).isEqualTo(frame.addressing());
        assertThat(wire[0] & 0x3F).isEqualTo(frame.lengthByte() ? 0 : n);
        if (frame.lengthByte()) {
            assertThat(wire[frame.headerLength() - 1] & 0xFF).isEqualTo(n);
        }
        assertThat(SpecRules.kwpChecksumOk(wire, 0, wire.length)).isTrue();
        roundTrip(KWP, frame, wire);
    }

    @Property(tries = 500)
    void anyValidDs2TelegramRoundTrips(@ForAll("ds2Telegrams") Ds2Telegram telegram) {
        byte[] wire = telegram.encode();
        assertThat(wire).hasSize(telegram.data().length + 3);
        assertThat(wire[0] & 0xFF).isEqualTo(telegram.address());
        assertThat(wire[1] & 0xFF).isEqualTo(wire.length);
        assertThat(SpecRules.ds2ChecksumOk(wire, 0, wire.length)).isTrue();
        roundTrip(DS2, telegram, wire);
    }

    static <F> void roundTrip(Protocol<F> p, F value, byte[] wire) {
        FrameDecoder<F> decoder = p.decoder().get();
        Recorder<F> rec = Recorder.on(decoder);
        for (int i = 0; i < wire.length; i++) {
            decoder.feed(wire[i] & 0xFF, 1_000 * MS + i * MS);
        }
        assertThat(rec.all()).hasSize(1);
        assertThat(rec.frames()).singleElement().satisfies(f -> {
            assertThat(f.frame()).isEqualTo(value);
            assertThat(f.raw()).isEqualTo(wire);
            assertThat(f.firstAt()).isEqualTo(1_000 * MS);
            assertThat(f.lastAt()).isEqualTo(1_000 * MS + (wire.length - 1) * MS);
        });
        assertThat(decoder.idle()).isTrue();
    }

    @Provide
    Arbitrary<KwpFrame> kwpFrames() {
        Arbitrary<Integer> address = Arbitraries.integers().between(0, 255);
        Arbitrary<Boolean> lengthByte = Arbitraries.of(false, true);
        return Combinators.combine(Arbitraries.of(Addressing.class), address, address, lengthByte)
                .flatAs((a, tgt, src, lb) -> Arbitraries.bytes()
                        .array(byte[].class)
                        .ofMinSize(1)
                        .ofMaxSize(lb ? KwpFrame.MAX_DATA : KwpFrame.MAX_DATA_IN_FMT)
                        .map(data -> new KwpFrame(a, tgt, src, lb, data)));
    }

    @Provide
    Arbitrary<Ds2Telegram> ds2Telegrams() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 255),
                        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(Ds2Telegram.MAX_LENGTH - 3))
                .as(Ds2Telegram::new);
    }
}
