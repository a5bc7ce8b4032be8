package io.klinebench.kline;

import static io.klinebench.time.Durations.MS;
import static io.klinebench.time.Durations.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.VirtualLine;
import io.klinebench.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * An ECU re-synchronises after a bad frame by waiting for the line to go idle (see {@link
 * FrameDecoder#resyncByIdle}): a valid request that follows a bad frame with no pause is part
 * of the same garbage and is never answered. The same request after an idle line is, which
 * shows each case could fail. Over random bad frames (a valid frame with one byte spoiled so
 * that its checksum or its length is wrong) and random valid requests, in virtual time, through
 * the real ECU links.
 */
class ResyncAfterBadFrameProperties {

    private static final int KWP_ECU = 0x40;
    private static final int TESTER = 0xF1;
    private static final KwpTiming KWP = KwpTiming.standard();
    private static final Ds2Timing DS2 = Ds2Timing.typical();

    /** What a protocol's link saw: the requests the application got and the drops the link reported. */
    private static final class Seen {
        final List<String> requests = new ArrayList<>();
        final List<LinkEvent.FrameDropped> dropped = new ArrayList<>();

        void event(LinkEvent e) {
            if (e instanceof LinkEvent.FrameDropped d) {
                dropped.add(d);
            }
        }
    }

    // ---- DS2 ---------------------------------------------------------------------------------

    @Property(tries = 300)
    void ds2ValidTelegramRightBehindABadOneIsNotAnswered(
            @ForAll("ds2Bad") byte[] bad,
            @ForAll("ds2Requests") byte[] data,
            @ForAll @IntRange(min = 0, max = 5) int gapMs) {
        ds2Case(bad, data, gapMs * MS);
    }

    @Example
    void ds2TheIssuesCaseInOneWrite() {
        // 00 04 00 51 (checksum wrong) and IDENT 00 04 00 04 in one write: no pause at all.
        ds2Case(Hex.parse("00 04 00 51"), new byte[] {0x00}, 0);
    }

    private static void ds2Case(byte[] bad, byte[] data, long gap) {
        VirtualClock clock = new VirtualClock();
        VirtualLine line = new VirtualLine(clock, true);
        Seen seen = new Seen();
        new Ds2EcuLink(
                clock,
                line.ecu(),
                LineConditions.bench(),
                0x00,
                DS2,
                (d, now) -> {
                    seen.requests.add(Hex.of(d));
                    return Reply.answer((byte) 0xA0);
                },
                seen::event);
        byte[] good = new Ds2Telegram(0x00, data).encode();
        Assume.that(noFrameIn(new Ds2Decoder(DS2.testerInterByteMax()), concat(bad, good)));
        long t = send(clock, line, S, MS, bad);
        send(clock, line, t + gap, MS, good);
        clock.advanceBy(S);
        assertThat(seen.requests).as("answered after %s", Hex.of(bad)).isEmpty();
        assertThat(ecuSent(line)).isZero();
        assertThat(seen.dropped).as("the link says what it dropped").isNotEmpty();

        send(clock, line, clock.nanos(), MS, good);
        clock.advanceBy(S);
        assertThat(seen.requests).containsExactly(Hex.of(data));
    }

    @Provide
    Arbitrary<byte[]> ds2Requests() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<byte[]> ds2Bad() {
        return FrameDecoderProperties.spoiled(Combinators.combine(
                                Arbitraries.of(0x00, 0x12, 0x80),
                                Arbitraries.bytes()
                                        .array(byte[].class)
                                        .ofMinSize(1)
                                        .ofMaxSize(8))
                        .as((address, d) -> new Ds2Telegram(address, d).encode()))
                .filter(b -> noFrameIn(new Ds2Decoder(DS2.testerInterByteMax()), b));
    }

    // ---- KWP2000 -----------------------------------------------------------------------------

    @Property(tries = 300)
    void kwpValidFrameRightBehindABadOneIsNotAnswered(
            @ForAll("kwpBad") byte[] bad,
            @ForAll("kwpRequests") byte[] data,
            @ForAll @IntRange(min = 0, max = 5) int gapMs) {
        kwpCase(bad, data, gapMs * MS);
    }

    @Example
    void kwpTheIssuesCase() {
        // A frame with a bad checksum, then ReadDataByLocalIdentifier 21 01 right behind it.
        byte[] bad =
                KwpFrame.physical(KWP_ECU, TESTER, (byte) 0x21, (byte) 0x01).encode();
        bad[bad.length - 1]++;
        kwpCase(bad, new byte[] {0x21, 0x01}, 0);
    }

    private static void kwpCase(byte[] bad, byte[] data, long gap) {
        VirtualClock clock = new VirtualClock();
        VirtualLine line = new VirtualLine(clock, true);
        Seen seen = new Seen();
        new KwpEcuLink(
                clock,
                line.ecu(),
                LineConditions.bench(),
                KWP_ECU,
                new KeyBytes(0xEF, 0x8F),
                KWP,
                (d, now) -> {
                    seen.requests.add(Hex.of(d));
                    return Reply.answer((byte) ((d[0] & 0xFF) + 0x40));
                },
                seen::event);
        clock.advanceTo(S);
        line.tester().sendLow(KWP.tiniL().nominal());
        long t = send(
                clock,
                line,
                S + KWP.tWup().nominal(),
                KWP.p4().min(),
                KwpFrame.physical(KWP_ECU, TESTER, (byte) 0x81).encode());
        clock.advanceTo(t + 200 * MS);
        int keyBytesAnswer = ecuSent(line);
        assertThat(keyBytesAnswer).as("StartCommunication answered").isPositive();
        seen.requests.clear();
        seen.dropped.clear();

        byte[] good = KwpFrame.physical(KWP_ECU, TESTER, data).encode();
        Assume.that(noFrameIn(new KwpFrameDecoder(KWP.p4().max()), concat(bad, good)));
        t = send(clock, line, clock.nanos(), KWP.p4().min(), bad);
        send(clock, line, t + gap, KWP.p4().min(), good);
        clock.advanceBy(200 * MS);
        assertThat(seen.requests).as("answered after %s", Hex.of(bad)).isEmpty();
        assertThat(ecuSent(line)).isEqualTo(keyBytesAnswer);
        assertThat(seen.dropped).as("the link says what it dropped").isNotEmpty();

        send(clock, line, clock.nanos(), KWP.p4().min(), good);
        clock.advanceBy(200 * MS);
        assertThat(seen.requests).containsExactly(Hex.of(data));
    }

    @Provide
    Arbitrary<byte[]> kwpRequests() {
        // Not StartCommunication, StopCommunication or AccessTimingParameters: the link
        // answers those itself, the application never sees them.
        return Arbitraries.bytes()
                .array(byte[].class)
                .ofMinSize(1)
                .ofMaxSize(KwpFrame.MAX_DATA_IN_FMT)
                .filter(d -> (d[0] & 0xFF) < 0x81 || (d[0] & 0xFF) > AccessTimingParameters.SID);
    }

    @Provide
    Arbitrary<byte[]> kwpBad() {
        return FrameDecoderProperties.spoiled(Arbitraries.bytes()
                        .array(byte[].class)
                        .ofMinSize(1)
                        .ofMaxSize(KwpFrame.MAX_DATA_IN_FMT)
                        .map(d -> KwpFrame.physical(KWP_ECU, TESTER, d).encode()))
                .filter(b -> noFrameIn(new KwpFrameDecoder(KWP.p4().max()), b));
    }

    // ---- shared ------------------------------------------------------------------------------

    /**
     * Whether an ECU's decoder finds no valid frame at the start of {@code bytes}: a changed
     * length byte can, once in 256, make a frame whose checksum happens to fit, shorter than the
     * bad one or reaching into the valid frame behind it. Either is a valid frame on the wire,
     * which a module must answer: such cases are not bad frames and are left out.
     */
    private static <F> boolean noFrameIn(FrameDecoder<F> decoder, byte[] bytes) {
        Recorder<F> rec = Recorder.on(decoder.resyncByIdle());
        for (int i = 0; i < bytes.length; i++) {
            decoder.feed(bytes[i] & 0xFF, S + i * MS);
        }
        decoder.expire(10 * S);
        return rec.frames().isEmpty();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static long send(VirtualClock clock, VirtualLine line, long at, long gap, byte[] bytes) {
        long t = at;
        for (byte b : bytes) {
            clock.advanceTo(t);
            line.tester().send(b & 0xFF);
            t += gap;
        }
        return t - gap;
    }

    private static int ecuSent(VirtualLine line) {
        return (int)
                line.trace().stream().filter(e -> e.from() == Direction.ECU).count();
    }
}
