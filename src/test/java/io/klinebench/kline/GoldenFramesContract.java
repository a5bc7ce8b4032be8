package io.klinebench.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.Hex;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every golden frame must do, whatever the protocol: decode to the fields the file
 * gives, encode from those fields to the same bytes, and come out of the decoder exactly
 * once however the bytes are chunked and whatever garbage surrounds them; a frame whose
 * bytes are spread by exactly the inter-byte limit is still one frame, a gap just over it
 * truncates. Subclasses bring the file, the decoder and a small model of the protocol's
 * length and checksum rules (used only to choose garbage that cannot be mistaken for a
 * frame).
 *
 * @param <F> the frame type
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GoldenFramesContract<F> {

    /** The first byte of every stream arrives at 1 s. */
    static final long START = 1_000_000_000L;

    /** Line noise after a frame: a header that claims more bytes than follow (KWP and DS2 alike). */
    static final byte[] NOISE = Hex.parse("FF 55");

    /** A golden line and the frame value its fields describe. */
    record Golden<F>(GoldenLine line, F value) {
        @Override
        public String toString() {
            return line.toString();
        }
    }

    /** Garbage right against a frame, before and after it, with no gap. */
    record Garbage(byte[] before, byte[] after) {
        static Garbage of(String before, String after) {
            return new Garbage(GoldenHex.parse(before), GoldenHex.parse(after));
        }

        @Override
        public String toString() {
            return "[" + Hex.of(before) + "] frame [" + Hex.of(after) + "]";
        }
    }

    /** Line noise after a frame; {@link #NOISE} unless the protocol reads it as something else. */
    byte[] noise() {
        return NOISE;
    }

    /** The golden frames, parsed; the {@code @MethodSource} of every test here. */
    abstract List<Golden<F>> golden();

    abstract FrameDecoder<F> newDecoder();

    /** The decoder's inter-byte limit. */
    abstract long limit();

    /** The time one byte takes on the line at the protocol's baud rate. */
    abstract long byteTime();

    abstract byte[] encode(F frame);

    /** Asserts that a decoded frame carries the fields of a golden line. */
    abstract void assertFields(F decoded, GoldenLine line);

    /**
     * The protocol's rule for the length of a frame starting at {@code b[from]} with bytes up
     * to {@code end}: the length, -1 when the header is not complete, 0 when it is impossible.
     */
    abstract int claimedLength(byte[] b, int from, int end);

    /** The protocol's rule for the checksum of {@code length} bytes starting at {@code from}. */
    abstract boolean checksumOk(byte[] b, int from, int length);

    /** Candidate garbage to put right against a frame, tried in order (see {@link #unambiguous}). */
    abstract List<Garbage> garbageRightAgainst();

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decodesToTheFieldsOfTheFile(Golden<F> g) {
        FrameDecoder<F> decoder = newDecoder();
        Recorder<F> rec = Recorder.on(decoder);
        LineBytes line =
                LineBytes.startingAt(START).spacing(byteTime()).then(g.line().wire());
        line.feedTo(decoder);

        assertThat(rec.dropped()).isEmpty();
        assertThat(rec.frames()).hasSize(1);
        Decoded.Frame<F> frame = rec.frames().get(0);
        assertFields(frame.frame(), g.line());
        assertThat(frame.frame()).isEqualTo(g.value());
        assertThat(frame.raw()).isEqualTo(g.line().wire());
        assertThat(frame.firstAt()).isEqualTo(line.at(0));
        assertThat(frame.lastAt()).isEqualTo(line.lastAt());
        assertThat(decoder.idle()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void encodingTheFieldsGivesTheSameBytes(Golden<F> g) {
        assertThat(Hex.of(encode(g.value()))).isEqualTo(Hex.of(g.line().wire()));
    }

    /**
     * Garbage before (the same frame, cut short) and after (noise), each separated from the
     * frame by a gap just over the limit; the stream fed in chunks of every size. Whether the
     * cut frame is dropped because the frame's first byte comes late or because the transport
     * looks at the decoder in the gap depends on where the chunks end; the result must not.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void anyChunkingWithGarbageBeyondAGapDecodesExactlyTheFrame(Golden<F> g) {
        byte[] wire = g.line().wire();
        byte[] cut = Arrays.copyOf(wire, wire.length - 1);
        assertThat(readsAsNoFrame(cut)).as("the cut frame reads as no frame").isTrue();
        byte[] noise = noise();
        assertThat(readsAsNoFrame(noise)).as("the noise reads as no frame").isTrue();
        LineBytes line = LineBytes.startingAt(START)
                .spacing(byteTime())
                .then(cut)
                .gap(limit() + 1)
                .then(wire)
                .gap(limit() + 1)
                .then(noise);
        int first = cut.length;
        int last = first + wire.length - 1;

        for (int chunk = 1; chunk <= line.size(); chunk++) {
            FrameDecoder<F> decoder = newDecoder();
            Recorder<F> rec = Recorder.on(decoder);
            line.feedInChunks(decoder, chunk);
            decoder.expire(line.lastAt() + limit() + 1);

            String where = "chunks of " + chunk + ": " + rec;
            assertThat(rec.all()).as(where).hasSize(3);
            assertDropped(
                    rec.all().get(0), Decoded.Reason.INTER_BYTE_TIMEOUT, cut, line.at(0), line.at(first - 1), where);
            assertFrame(rec.all().get(1), g, line.at(first), line.at(last), where);
            assertDropped(
                    rec.all().get(2),
                    Decoded.Reason.INTER_BYTE_TIMEOUT,
                    noise,
                    line.at(last + 1),
                    line.lastAt(),
                    where);
            assertThat(decoder.idle()).as(where).isTrue();
        }
    }

    /**
     * Garbage right against the frame on both sides, no gap, fed in chunks of every size: the
     * decoder drops the garbage byte by byte (bad length, bad checksum) and finds the frame.
     * The garbage is the first candidate that cannot be read as a frame in any other way
     * ({@link #unambiguous}).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void anyChunkingWithGarbageRightAgainstTheFrameDecodesExactlyTheFrame(Golden<F> g) {
        byte[] wire = g.line().wire();
        Optional<Garbage> found = garbageRightAgainst().stream()
                .filter(c -> unambiguous(c.before(), wire, c.after()))
                .findFirst();
        assertThat(found)
                .as("some candidate garbage is unambiguous around this frame")
                .isPresent();
        Garbage garbage = found.get();
        LineBytes line = LineBytes.startingAt(START)
                .spacing(byteTime())
                .then(garbage.before())
                .then(wire)
                .then(garbage.after());
        int first = garbage.before().length;
        int last = first + wire.length - 1;

        for (int chunk = 1; chunk <= line.size(); chunk++) {
            FrameDecoder<F> decoder = newDecoder();
            Recorder<F> rec = Recorder.on(decoder);
            line.feedInChunks(decoder, chunk);
            decoder.expire(line.lastAt() + limit() + 1);

            String where = "chunks of " + chunk + ", " + garbage + ": " + rec;
            assertThat(rec.frames()).as(where).hasSize(1);
            int at = rec.all().indexOf(rec.frames().get(0));
            assertFrame(rec.all().get(at), g, line.at(first), line.at(last), where);
            List<Decoded<F>> before = rec.all().subList(0, at);
            List<Decoded<F>> after = rec.all().subList(at + 1, rec.all().size());
            assertThat(before).as(where).allMatch(d -> d instanceof Decoded.Dropped<F>);
            assertThat(after).as(where).allMatch(d -> d instanceof Decoded.Dropped<F>);
            assertThat(Recorder.raw(before)).as(where).isEqualTo(garbage.before());
            assertThat(Recorder.raw(after)).as(where).isEqualTo(garbage.after());
            assertThat(decoder.idle()).as(where).isTrue();
        }
    }

    /** Every gap exactly at the limit, and the decoder asked to expire exactly at the limit after each byte. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void gapsExactlyAtTheLimitStillMakeOneFrame(Golden<F> g) {
        FrameDecoder<F> decoder = newDecoder();
        Recorder<F> rec = Recorder.on(decoder);
        LineBytes line =
                LineBytes.startingAt(START).spacing(limit()).then(g.line().wire());
        for (int i = 0; i < line.size(); i++) {
            decoder.feed(line.value(i), line.at(i));
            if (i < line.size() - 1) {
                assertThat(decoder.deadline()).isEqualTo(line.at(i) + limit() + 1);
            }
            decoder.expire(line.at(i) + limit());
        }

        assertThat(rec.dropped()).isEmpty();
        assertThat(rec.frames()).hasSize(1);
        assertFrame(rec.all().get(0), g, line.at(0), line.lastAt(), rec.toString());
    }

    /**
     * A gap just over the limit after each byte in turn: the bytes before it are dropped as
     * INTER_BYTE_TIMEOUT, both when the next byte comes late and when time runs out with no
     * byte, and the golden frame is never reported.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void aGapJustOverTheLimitTruncatesTheFrame(Golden<F> g) {
        byte[] wire = g.line().wire();
        for (int cut = 1; cut < wire.length; cut++) {
            byte[] head = Arrays.copyOf(wire, cut);
            byte[] tail = Arrays.copyOfRange(wire, cut, wire.length);
            LineBytes line = LineBytes.startingAt(START)
                    .spacing(byteTime())
                    .then(head)
                    .gap(limit() + 1)
                    .then(tail);

            FrameDecoder<F> late = newDecoder();
            Recorder<F> rec = Recorder.on(late);
            line.feedTo(late);
            late.expire(line.lastAt() + limit() + 1);
            String where = "gap after byte " + cut + ", late byte: " + rec;
            assertThat(rec.all()).as(where).isNotEmpty();
            assertDropped(
                    rec.all().get(0), Decoded.Reason.INTER_BYTE_TIMEOUT, head, line.at(0), line.at(cut - 1), where);
            assertThat(rec.frames()).as(where).noneMatch(f -> Arrays.equals(f.raw(), wire));
            assertThat(rec.allRaw()).as(where).isEqualTo(wire);

            FrameDecoder<F> quiet = newDecoder();
            Recorder<F> rec2 = Recorder.on(quiet);
            LineBytes.startingAt(START).spacing(byteTime()).then(head).feedTo(quiet);
            long lastAt = line.at(cut - 1);
            assertThat(quiet.deadline()).isEqualTo(lastAt + limit() + 1);
            quiet.expire(lastAt + limit());
            assertThat(rec2.all()).as("gap after byte %d, at the limit", cut).isEmpty();
            quiet.expire(lastAt + limit() + 1);
            where = "gap after byte " + cut + ", expire: " + rec2;
            assertThat(rec2.all()).as(where).hasSize(1);
            assertDropped(rec2.all().get(0), Decoded.Reason.INTER_BYTE_TIMEOUT, head, line.at(0), lastAt, where);
            assertThat(quiet.idle()).as(where).isTrue();
            assertThat(quiet.deadline()).as(where).isEqualTo(-1);
        }
    }

    /**
     * Whether garbage right against a frame can be read only one way: every garbage byte
     * before it, read as the start of a frame, claims an impossible length or a frame with a
     * wrong checksum that ends before the bytes do (so the decoder drops it and moves on
     * rather than waiting across the frame); no garbage byte after it starts a frame with a
     * right checksum before one claims more bytes than follow (which then time out).
     */
    boolean unambiguous(byte[] before, byte[] frame, byte[] after) {
        byte[] s = concat(before, frame, after);
        for (int i = 0; i < before.length; i++) {
            int length = claimedLength(s, i, s.length);
            if (length == 0) {
                continue;
            }
            if (length < 0 || i + length > s.length || checksumOk(s, i, length)) {
                return false;
            }
        }
        for (int i = before.length + frame.length; i < s.length; i++) {
            int length = claimedLength(s, i, s.length);
            if (length < 0 || i + length > s.length) {
                return true;
            }
            if (length > 0 && checksumOk(s, i, length)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code b}, alone on the line, reads as no frame: from its first byte on, each
     * claimed frame is impossible or has a wrong checksum (the reader moves on one byte), until
     * one claims more bytes than follow (the reader waits, and the bytes time out).
     */
    boolean readsAsNoFrame(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            int length = claimedLength(b, i, b.length);
            if (length < 0 || i + length > b.length) {
                return true;
            }
            if (length > 0 && checksumOk(b, i, length)) {
                return false;
            }
        }
        return true;
    }

    void assertFrame(Decoded<F> d, Golden<F> g, long firstAt, long lastAt, String where) {
        assertThat(d).as(where).isInstanceOf(Decoded.Frame.class);
        Decoded.Frame<F> f = (Decoded.Frame<F>) d;
        assertThat(f.frame()).as(where).isEqualTo(g.value());
        assertThat(f.raw()).as(where).isEqualTo(g.line().wire());
        assertThat(f.firstAt()).as(where + ": first byte's time").isEqualTo(firstAt);
        assertThat(f.lastAt()).as(where + ": last byte's time").isEqualTo(lastAt);
    }

    static void assertDropped(
            Decoded<?> d, Decoded.Reason reason, byte[] raw, long firstAt, long lastAt, String where) {
        assertThat(d).as(where).isInstanceOf(Decoded.Dropped.class);
        Decoded.Dropped<?> x = (Decoded.Dropped<?>) d;
        assertThat(x.reason()).as(where).isEqualTo(reason);
        assertThat(Hex.of(x.raw())).as(where).isEqualTo(Hex.of(raw));
        assertThat(x.firstAt()).as(where + ": first byte's time").isEqualTo(firstAt);
        assertThat(x.lastAt()).as(where + ": last byte's time").isEqualTo(lastAt);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }
}
