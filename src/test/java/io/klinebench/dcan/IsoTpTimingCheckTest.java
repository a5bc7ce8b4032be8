package io.klinebench.dcan;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.kline.Violation;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.time.Durations;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every ISO-TP timer the judge knows, at its limit (no violation) and 1 ns beyond (one, with
 * the value, the limit, the side and the frames), for a transfer from either side: the tester
 * (the cable, 6F1 to the CAS) and the vehicle (the CAS, 640 to the tester).
 */
class IsoTpTimingCheckTest {

    static final long FRAME = IsoTpTransferTest.FRAME;
    static final IsoTpTiming TIMING = IsoTpTiming.standard();
    static final long T0 = Durations.S;

    /** Who sends the message; the other side sends the flow control. */
    enum Side {
        TESTER(0xF1, 0x40, Direction.TESTER),
        VEHICLE(0x40, 0xF1, Direction.ECU);

        final int sender;
        final int receiver;
        final Direction by;

        Side(int sender, int receiver, Direction by) {
            this.sender = sender;
            this.receiver = receiver;
            this.by = by;
        }
    }

    /** A trace written frame by frame, each asked for at its first bit unless said. */
    static final class Trace {
        final Side side;
        final List<CanTraceEntry> entries = new ArrayList<>();
        long at = T0;

        Trace(Side side) {
            this.side = side;
        }

        /** The sender's frame, starting {@code gap} after the last one's end, asked for {@code queued} before its first bit. */
        Trace data(String bytes, long gap, long queued) {
            return add(side.sender, side.by, bytes, gap, queued);
        }

        Trace flow(String bytes, long gap) {
            return add(side.receiver, side.by.other(), bytes, gap, 0);
        }

        private Trace add(int from, Direction by, String bytes, long gap, long queued) {
            long first = at + gap;
            at = first + FRAME;
            entries.add(new CanTraceEntry(first - queued, first, at, by, new CanFrame(0x600 | from, Hex.parse(bytes))));
            return this;
        }

        List<Violation> judge() {
            return IsoTpTimingCheck.judge(entries, TIMING);
        }

        String to() {
            return String.format("%02X", side.receiver);
        }

        String back() {
            return String.format("%02X", side.sender);
        }
    }

    /** A 20-byte message: FF, then 3 CFs; {@code fcGap} before the FC, {@code cfGap} before each CF; BS and STmin as given. */
    static Trace message(Side side, long fcGap, long cfGap, int bs, int stMin) {
        Trace t = new Trace(side);
        t.data(t.to() + " 10 14 01 02 03 04 05", 0, 0);
        t.flow(String.format("%s 30 %02X %02X 00 00 00 00", t.back(), bs, stMin), fcGap);
        for (int i = 1; i <= 3; i++) {
            t.data(t.to() + " 2" + i + " 06 07 08 09 0A 0B", cfGap, 0);
        }
        return t;
    }

    static void assertOne(List<Violation> found, String parameter, Direction by, long measured, long limit) {
        assertThat(found).as(found.toString()).hasSize(1);
        Violation v = found.get(0);
        assertThat(v.parameter()).isEqualTo(parameter);
        assertThat(v.by()).isEqualTo(by);
        assertThat(v.measuredNanos()).isEqualTo(measured);
        assertThat(v.limitNanos()).isEqualTo(limit);
        assertThat(v.excessNanos()).isEqualTo(1);
        assertThat(v.context()).contains(" | ");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void flowControlAtNBrIsKeptOneNanosecondLaterItIsLateByTheReceiver(Side side) {
        long limit = TIMING.nBrPlusNArMax();
        assertThat(message(side, limit - FRAME, 0, 0, 0).judge()).isEmpty();
        assertOne(
                message(side, limit - FRAME + 1, 0, 0, 0).judge(),
                IsoTpTimingCheck.N_BR,
                side.by.other(),
                limit + 1,
                limit);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void flowControlAtNBsIsOnlyThePerformanceLimitOneNanosecondLaterTheSenderHasGivenUp(Side side) {
        long limit = TIMING.nBs();
        List<Violation> at = message(side, limit - FRAME, 0, 0, 0).judge();
        assertThat(at).extracting(Violation::parameter).containsExactly(IsoTpTimingCheck.N_BR);
        assertOne(
                message(side, limit - FRAME + 1, 0, 0, 0).judge(),
                IsoTpTimingCheck.N_BS,
                side.by.other(),
                limit + 1,
                limit);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void consecutiveFramesAtNCsAreKeptOneNanosecondLaterTheSenderIsLate(Side side) {
        long limit = TIMING.nCsPlusNAsMax();
        assertThat(message(side, 0, limit - FRAME, 0, 0).judge()).isEmpty();
        List<Violation> late = message(side, 0, limit - FRAME + 1, 0, 0).judge();
        assertThat(late).hasSize(3).allMatch(v -> v.parameter().equals(IsoTpTimingCheck.N_CS) && v.by() == side.by);
        assertOne(late.subList(0, 1), IsoTpTimingCheck.N_CS, side.by, limit + 1, limit);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void consecutiveFramesAtNCrAreOnlyThePerformanceLimitOneNanosecondLaterTheReceiverHasGivenUp(Side side) {
        long limit = TIMING.nCr();
        assertThat(message(side, 0, limit - FRAME, 0, 0).judge())
                .extracting(Violation::parameter)
                .containsOnly(IsoTpTimingCheck.N_CS);
        List<Violation> late = message(side, 0, limit - FRAME + 1, 0, 0).judge();
        assertOne(late.subList(0, 1), IsoTpTimingCheck.N_CR, side.by, limit + 1, limit);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void consecutiveFramesExactlySTminApartAreKeptOneNanosecondSoonerIsTooShort(Side side) {
        long stMin = 10 * Durations.MS;
        assertThat(message(side, 0, stMin, 0, 0x0A).judge()).isEmpty();
        List<Violation> soon = message(side, 0, stMin - 1, 0, 0x0A).judge();
        assertThat(soon).hasSize(2).allMatch(v -> v.parameter().equals(IsoTpTimingCheck.ST_MIN));
        Violation v = soon.get(0);
        assertThat(v.by()).isEqualTo(side.by);
        assertThat(v.bound()).isEqualTo(Violation.Bound.BELOW_MIN);
        assertThat(v.measuredNanos()).isEqualTo(stMin - 1);
        assertThat(v.limitNanos()).isEqualTo(stMin);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void withABlockSizeTheFlowControlAfterEachBlockIsJudgedToo(Side side) {
        Trace t = new Trace(side);
        long limit = TIMING.nBrPlusNArMax();
        t.data(t.to() + " 10 14 01 02 03 04 05", 0, 0);
        t.flow(t.back() + " 30 02 00 00 00 00 00", 0);
        t.data(t.to() + " 21 06 07 08 09 0A 0B", 0, 0);
        t.data(t.to() + " 22 06 07 08 09 0A 0B", 0, 0);
        t.flow(t.back() + " 30 02 00 00 00 00 00", limit - FRAME + 1);
        t.data(t.to() + " 23 06 07 08 09 0A 0B", 0, 0);
        assertOne(t.judge(), IsoTpTimingCheck.N_BR, side.by.other(), limit + 1, limit);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aFrameAskedForNAsBeforeItsEndIsKeptOneNanosecondMoreIsTooLong(Side side) {
        long limit = TIMING.nAs();
        Trace ok = new Trace(side).data("40 02 21 01 00 00 00 00", 0, limit - FRAME);
        assertThat(ok.judge()).isEmpty();
        List<Violation> late = new Trace(side)
                .data("40 02 21 01 00 00 00 00", 0, limit - FRAME + 1)
                .judge();
        assertThat(late).hasSize(1);
        assertThat(late.get(0).parameter()).isEqualTo(IsoTpTimingCheck.N_AS);
        assertThat(late.get(0).by()).isEqualTo(side.by);
        assertThat(late.get(0).excessNanos()).isEqualTo(1);
    }
}
