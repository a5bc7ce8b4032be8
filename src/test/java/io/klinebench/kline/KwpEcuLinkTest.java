package io.klinebench.kline;

import static io.klinebench.time.Durations.MS;
import static io.klinebench.time.Durations.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.LineEvent;
import io.klinebench.line.TraceEntry;
import io.klinebench.line.VirtualLine;
import io.klinebench.time.CpuStop;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Uncertainty;
import io.klinebench.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The KWP2000 ECU link in virtual time, exact to the nanosecond: every timing parameter the
 * ECU applies, at its limit and one nanosecond beyond, and the answer bytes' instants.
 */
class KwpEcuLinkTest {

    private static final int ECU = 0x40;
    private static final int TESTER = 0xF1;
    private static final KwpTiming T = KwpTiming.standard();

    /** A line whose inits are taken as testers make them on a pty, with exact stamps. */
    private static final LineConditions LENIENT = new LineConditions(true, Uncertainty.NONE, false);

    private final VirtualClock clock = new VirtualClock();
    private final VirtualLine line = new VirtualLine(clock, true);
    private final List<LinkEvent> events = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();
    private DiagnosticApplication app = (data, now) -> {
        requests.add(Hex.of(data));
        return Reply.answer((byte) ((data[0] & 0xFF) + 0x40));
    };
    private final LineEndpoint tester = line.tester();

    private KwpEcuLink link() {
        return new KwpEcuLink(
                clock,
                line.ecu(),
                LineConditions.bench(),
                ECU,
                new KeyBytes(0xEF, 0x8F),
                T,
                (d, n) -> app.onRequest(d, n),
                events::add);
    }

    /** Sends bytes from the tester, the first at {@code at}, then {@code gap} apart; returns the last instant. */
    private long sendAt(long at, long gap, byte... bytes) {
        long t = at;
        for (byte b : bytes) {
            clock.advanceTo(t);
            tester.send(b & 0xFF);
            t += gap;
        }
        return t - gap;
    }

    private long fastInit(long at) {
        clock.advanceTo(at);
        tester.sendLow(T.tiniL().nominal());
        return sendAt(
                at + T.tWup().nominal(),
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x81).encode());
    }

    /** Lets the ECU's answer to a request ending at {@code end} go out, and no further. */
    private long settle(long end) {
        clock.advanceTo(end + T.ecuP2() + 20 * T.ecuP1());
        return ecuBytes().get(ecuBytes().size() - 1).at();
    }

    /** Advances in 1 ms steps until the ECU has sent {@code n} bytes. */
    private void untilEcuSent(int n) {
        while (ecuBytes().size() < n) {
            clock.advanceBy(MS);
        }
    }

    private List<TraceEntry> ecuBytes() {
        return line.trace().stream().filter(t -> t.from() == Direction.ECU).toList();
    }

    private <E extends LinkEvent> List<E> of(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void fastInitIsAnsweredWithTheKeyBytesAtP2AndP1() {
        link();
        long end = fastInit(S);
        clock.advanceBy(S);
        List<TraceEntry> answer = ecuBytes();
        assertThat(answer).extracting(TraceEntry::value).containsExactly(0x83, 0xF1, 0x40, 0xC1, 0xEF, 0x8F, 0xF3);
        for (int i = 0; i < answer.size(); i++) {
            assertThat(answer.get(i).at()).isEqualTo(end + T.ecuP2() + i * T.ecuP1());
        }
        assertThat(of(LinkEvent.SessionStarted.class)).hasSize(1);
    }

    @Test
    void wakeUpLowTimeIsCheckedAgainstTiniLAndItsTolerance() {
        link();
        clock.advanceTo(S);
        tester.sendLow(T.tiniL().nominal() + T.tiniL().tolerance()); // at the tolerance: accepted
        sendAt(
                S + T.tWup().nominal(),
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x81).encode());
        clock.advanceBy(S);
        assertThat(of(LinkEvent.SessionStarted.class)).hasSize(1);

        events.clear();
        clock.advanceBy(6 * S); // session timed out
        long at = clock.nanos();
        tester.sendLow(T.tiniL().nominal() + T.tiniL().tolerance() + 1); // one ns beyond: no wake-up
        sendAt(
                at + T.tWup().nominal(),
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x81).encode());
        clock.advanceBy(S);
        assertThat(of(LinkEvent.SessionStarted.class)).isEmpty();
        assertThat(of(LinkEvent.Ignored.class))
                .first()
                .extracting(LinkEvent.Ignored::why)
                .asString()
                .contains("TiniL");
    }

    @Test
    void idleBeforeTheFirstFastInitMustBeIdleAfterPowerOn() {
        link();
        fastInit(T.idleAfterPowerOn() - 1);
        clock.advanceBy(S);
        assertThat(of(LinkEvent.SessionStarted.class)).isEmpty();
        assertThat(of(LinkEvent.Ignored.class))
                .first()
                .extracting(LinkEvent.Ignored::why)
                .asString()
                .contains("idle");
    }

    @Test
    void aTesterGapOfP4maxKeepsTheFrameAndOneNanosecondMoreDropsIt() {
        link();
        long end = fastInit(S);
        long start = end + T.ecuP2() + 6 * T.ecuP1() + T.p3().min();
        sendAt(start, T.p4().max(), KwpFrame.physical(ECU, TESTER, (byte) 0x3E).encode());
        clock.advanceBy(S);
        assertThat(requests).containsExactly("3E");

        long next = clock.nanos();
        sendAt(
                next,
                T.p4().max() + 1,
                KwpFrame.physical(ECU, TESTER, (byte) 0x3E).encode());
        clock.advanceBy(S);
        assertThat(requests).containsExactly("3E");
        assertThat(of(LinkEvent.FrameDropped.class))
                .extracting(LinkEvent.FrameDropped::reason)
                .contains("inter_byte_timeout");
    }

    @Test
    void aRequestAtP3minIsAnsweredAndOneNanosecondEarlierIsNot() {
        link();
        long answerEnd = settle(fastInit(S));
        long end = sendAt(
                answerEnd + T.p3().min(),
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x3E).encode());
        answerEnd = settle(end);
        assertThat(requests).containsExactly("3E");

        sendAt(
                answerEnd + T.p3().min() - 1,
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x3E).encode());
        clock.advanceBy(S);
        assertThat(requests).containsExactly("3E");
        assertThat(of(LinkEvent.Ignored.class))
                .last()
                .extracting(LinkEvent.Ignored::why)
                .asString()
                .contains("P3min");
    }

    @Test
    void theSessionEndsSilentlyOneNanosecondAfterP3max() {
        link();
        fastInit(S);
        clock.advanceBy(S / 2);
        long answerEnd = ecuBytes().get(ecuBytes().size() - 1).at();
        clock.advanceTo(answerEnd + T.p3().max());
        assertThat(of(LinkEvent.SessionEnded.class)).isEmpty();
        clock.advanceTo(answerEnd + T.p3().max() + 1);
        assertThat(of(LinkEvent.SessionEnded.class))
                .singleElement()
                .extracting(LinkEvent.SessionEnded::at)
                .isEqualTo(answerEnd + T.p3().max() + 1);
        int ecuBytesBefore = ecuBytes().size();
        sendAt(
                clock.nanos() + S,
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x3E).encode());
        clock.advanceBy(S);
        assertThat(ecuBytes()).hasSize(ecuBytesBefore);
        assertThat(requests).isEmpty();
    }

    @Test
    void badChecksumOtherAddressAndTruncatedFramesGetNoAnswerAndTheNextGoodOneDoes() {
        link();
        fastInit(S);
        clock.advanceBy(S);
        int before = ecuBytes().size();
        byte[] good = KwpFrame.physical(ECU, TESTER, (byte) 0x3E).encode();
        byte[] badSum = good.clone();
        badSum[badSum.length - 1]++;
        sendAt(clock.nanos(), T.p4().min(), badSum);
        clock.advanceBy(200 * MS);
        sendAt(
                clock.nanos(),
                T.p4().min(),
                KwpFrame.physical(0x12, TESTER, (byte) 0x3E).encode());
        clock.advanceBy(200 * MS);
        sendAt(clock.nanos(), T.p4().min(), (byte) 0x82, (byte) 0x40, (byte) 0xF1, (byte) 0x21);
        clock.advanceBy(200 * MS);
        assertThat(ecuBytes()).hasSize(before);
        sendAt(clock.nanos(), T.p4().min(), good);
        clock.advanceBy(200 * MS);
        assertThat(requests).containsExactly("3E");
    }

    @Test
    void echoOfOurOwnBytesIsNeverTakenForARequest() {
        link();
        fastInit(S);
        clock.advanceBy(S);
        assertThat(of(LinkEvent.FrameReceived.class)).hasSize(1);
        assertThat(of(LinkEvent.Collision.class)).isEmpty();
    }

    @Test
    void responsePendingThenTheAnswerWithinP2Star() {
        app = (data, now) -> new Reply.Pending(2 * S, () -> Reply.answer((byte) 0x71, (byte) 0x01));
        link();
        fastInit(S);
        clock.advanceBy(S);
        long end = sendAt(
                clock.nanos(),
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x31, (byte) 0x01).encode());
        clock.advanceBy(5 * S);
        List<LinkEvent.Answered> answers = of(LinkEvent.Answered.class);
        assertThat(answers).extracting(a -> a.data().toString()).containsExactly("C1 EF 8F", "7F 31 78", "71 01");
        assertThat(answers.get(1).p2()).isEqualTo(T.ecuP2());
        LinkEvent.FrameSent last = of(LinkEvent.FrameSent.class).stream()
                .filter(f -> f.from() == Direction.ECU)
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(last.firstAt()).isEqualTo(end + 2 * S);
    }

    @Test
    void aRequestWhileTheAnswerIsPendingIsIgnoredAndSaysSo() {
        app = (data, now) -> data[0] == 0x31
                ? new Reply.Pending(2 * S, () -> Reply.answer((byte) 0x71, (byte) 0x01))
                : Reply.answer((byte) ((data[0] & 0xFF) + 0x40));
        link();
        fastInit(S);
        clock.advanceBy(S);
        long end = sendAt(
                clock.nanos(),
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x31, (byte) 0x01).encode());
        clock.advanceBy(S); // responsePending is out; the final answer is due at end + 2 s
        sendAt(
                clock.nanos(),
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x3E).encode());
        clock.advanceBy(5 * S);

        assertThat(of(LinkEvent.Answered.class))
                .extracting(a -> a.data().toString())
                .containsExactly("C1 EF 8F", "7F 31 78", "71 01");
        assertThat(of(LinkEvent.Ignored.class))
                .extracting(LinkEvent.Ignored::why)
                .containsExactly("arrived while our answer to 31 is pending (responsePending sent); not answered");
        LinkEvent.FrameSent last = of(LinkEvent.FrameSent.class).stream()
                .filter(f -> f.from() == Direction.ECU)
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(last.firstAt()).isEqualTo(end + 2 * S);
    }

    @Test
    void theSessionStaysOpenWhileAnAnswerIsPendingLongerThanP3max() {
        app = (data, now) -> data[0] == 0x31
                ? new Reply.Pending(3 * S, () -> Reply.answer((byte) 0x71, (byte) 0x01))
                : Reply.answer((byte) ((data[0] & 0xFF) + 0x40), (byte) 0x03);
        link();
        fastInit(S);
        clock.advanceBy(S);
        setP3maxTo1000ms(); // so the pending 3 s outlasts it
        clock.advanceBy(S / 2);
        long end = sendAt(
                clock.nanos(),
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x31, (byte) 0x01).encode());
        clock.advanceTo(end + 3 * S + S / 2);

        assertThat(of(LinkEvent.Answered.class))
                .extracting(a -> a.data().toString())
                .containsExactly("C1 EF 8F", "C3 03", "7F 31 78", "71 01");
        assertThat(of(LinkEvent.SessionEnded.class)).isEmpty();
        long answerEnd = ecuBytes().get(ecuBytes().size() - 1).at();
        clock.advanceTo(answerEnd + 1000 * MS + 1);
        assertThat(of(LinkEvent.SessionEnded.class)).hasSize(1);
    }

    @Test
    void stopCommunicationEndsTheSessionAndTheNextInitNeedsIdleAfterStop() {
        link();
        long answerEnd = settle(fastInit(S));
        long stopEnd = settle(sendAt(
                answerEnd + T.p3().min(),
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x82).encode()));
        assertThat(of(LinkEvent.SessionEnded.class))
                .extracting(LinkEvent.SessionEnded::why)
                .containsExactly("StopCommunication");
        clock.advanceTo(stopEnd + T.idleAfterStop() - 1);
        fastInit(clock.nanos());
        clock.advanceBy(S);
        assertThat(of(LinkEvent.SessionStarted.class)).hasSize(1);
        fastInit(clock.nanos() + S);
        clock.advanceBy(S);
        assertThat(of(LinkEvent.SessionStarted.class)).hasSize(2);
    }

    @Test
    void stopCommunicationWithParametersIsAnInvalidFormatAndTheSessionStays() {
        link();
        long answerEnd = settle(fastInit(S));
        long end = settle(sendAt(
                answerEnd + T.p3().min(),
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x82, (byte) 0x03, (byte) 0x94)
                        .encode()));
        assertThat(of(LinkEvent.Answered.class))
                .last()
                .extracting(a -> Hex.of(a.data().toArray()))
                .isEqualTo("7F 82 12");
        assertThat(of(LinkEvent.SessionEnded.class)).isEmpty();
        sendAt(
                end + T.p3().min(),
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x3E).encode());
        clock.advanceBy(S);
        assertThat(requests).containsExactly("3E");
    }

    @Test
    void accessTimingParametersSetValuesChangesP3max() {
        link();
        fastInit(S);
        clock.advanceBy(S);
        setP3maxTo1000ms();
        clock.advanceBy(S / 2);
        assertThat(of(LinkEvent.Answered.class))
                .last()
                .extracting(a -> a.data().toString())
                .isEqualTo("C3 03");
        long answerEnd = ecuBytes().get(ecuBytes().size() - 1).at();
        clock.advanceTo(answerEnd + 1000 * MS + 1);
        assertThat(of(LinkEvent.SessionEnded.class))
                .singleElement()
                .extracting(LinkEvent.SessionEnded::at)
                .isEqualTo(answerEnd + 1000 * MS + 1);
    }

    @Test
    void fiveBaudInitRunsTheKeyByteHandshakeWithinW1toW4() {
        link();
        clock.advanceTo(S);
        tester.sendSlow(ECU);
        long addrEnd = S + LineEvent.SlowByte.DURATION;
        untilEcuSent(3);
        List<TraceEntry> sync = ecuBytes();
        assertThat(sync).extracting(TraceEntry::value).containsExactly(0x55, 0xEF, 0x8F);
        assertThat(sync.get(0).at() - addrEnd).isBetween(T.w1().min(), T.w1().max());
        assertThat(sync.get(1).at() - sync.get(0).at()).isBetween(T.w2().min(), T.w2().max());
        assertThat(sync.get(2).at() - sync.get(1).at()).isBetween(T.w3().min(), T.w3().max());
        sendAt(sync.get(2).at() + T.w4().max(), 0, (byte) 0x70); // ~8F at W4max: accepted
        clock.advanceBy(S);
        assertThat(ecuBytes()).extracting(TraceEntry::value).endsWith(~ECU & 0xFF);
        assertThat(of(LinkEvent.SessionStarted.class))
                .extracting(LinkEvent.SessionStarted::how)
                .containsExactly("5-baud init");
    }

    @Test
    void fiveBaudInverseKeyByteOneNanosecondAfterW4maxIsRefused() {
        link();
        clock.advanceTo(S);
        tester.sendSlow(ECU);
        untilEcuSent(3);
        long kb2At = ecuBytes().get(2).at();
        sendAt(kb2At + T.w4().max() + 1, 0, (byte) 0x70);
        clock.advanceBy(S);
        assertThat(of(LinkEvent.SessionStarted.class)).isEmpty();
    }

    /**
     * A tester's ~KB2 100 ms after W4max and a pty's 25 ms: refused on a pty whose delivery ran
     * on, taken (and said, with the stall) when the kernel's pty delivery stalled 100 ms after our
     * KB2, which held our KB2 from the tester or its ~KB2 from us as long. Later still, the
     * handshake ends saying how much longer it waited for the stall.
     */
    @Test
    void aLateInverseKeyByteIsTakenWhenThePtyDeliveryStalledAfterOurKeyByte2() {
        long late = T.w4().max() + 25 * MS + 90 * MS;
        assertThat(fiveBaudWithInverseKeyByte2After(late, true))
                .anySatisfy(e -> assertThat(e.toString())
                        .contains("Tolerated")
                        .contains("inverted KB2 after 165ms, outside W4")
                        .contains("the machine: the kernel delivered no pty byte for 100ms"))
                .anySatisfy(e -> assertThat(e).isInstanceOf(LinkEvent.SessionStarted.class));
        assertThat(fiveBaudWithInverseKeyByte2After(late, false))
                .noneMatch(e -> e instanceof LinkEvent.SessionStarted)
                .anySatisfy(e -> assertThat(e.toString())
                        .contains("no inverted KB2 from the tester within W4max and the line's uncertainty,"
                                + " +-25ms (a pty)")
                        .doesNotContain("waited"));
        assertThat(fiveBaudWithInverseKeyByte2After(late + 20 * MS, true))
                .as("too late even so")
                .noneMatch(e -> e instanceof LinkEvent.SessionStarted)
                .anySatisfy(e -> assertThat(e.toString())
                        .contains("within W4max and the line's uncertainty, +-25ms (a pty) (waited 100ms longer for"
                                + " the machine's stops: the kernel delivered no pty byte for 100ms)"));
    }

    /** The events of a 5-baud init on a pty-like line whose ~KB2 comes {@code after} our KB2. */
    private List<LinkEvent> fiveBaudWithInverseKeyByte2After(long after, boolean stalled) {
        events.clear();
        List<CpuStop> seen = new ArrayList<>();
        VirtualClock own = new VirtualClock();
        VirtualLine pty = new VirtualLine(own, true);
        LineEndpoint testerSide = pty.tester();
        new KwpEcuLink(
                own,
                pty.ecu(),
                onAPty((from, to) ->
                        seen.stream().filter(s -> s.overlaps(from, to)).toList()),
                ECU,
                new KeyBytes(0xEF, 0x8F),
                T,
                (d, n) -> app.onRequest(d, n),
                events::add);
        own.advanceTo(S);
        testerSide.sendSlow(ECU);
        while (pty.trace().stream().filter(t -> t.from() == Direction.ECU).count() < 3) {
            own.advanceBy(MS);
        }
        long kb2At = pty.trace().get(pty.trace().size() - 1).at();
        if (stalled) {
            seen.add(new CpuStop(CpuStop.PTY_DELIVERY, kb2At + 5 * MS, kb2At + 105 * MS));
        }
        own.advanceTo(kb2At + after);
        testerSide.send(0x70);
        own.advanceBy(S);
        return List.copyOf(events);
    }

    /**
     * A wake-up whose StartCommunication comes 250 ms after the low began, past TWuP, five P4max
     * and a pty's 25 ms: the link gives the wake-up up and says so, unless the kernel's pty
     * delivery stalled 200 ms meanwhile (a StartCommunication it held may still come); then the
     * wake-up waits on, and its StartCommunication opens the session.
     */
    @Test
    void aWakeUpWaitsLongerForItsStartCommunicationByThePtyStallsMeanwhile() {
        assertThat(wakeUpWithStartCommunicationAfter(250 * MS, true))
                .noneMatch(e -> e.toString().contains("no StartCommunication within TWuP"))
                .anySatisfy(e -> assertThat(e).isInstanceOf(LinkEvent.SessionStarted.class));
        assertThat(wakeUpWithStartCommunicationAfter(250 * MS, false))
                .anySatisfy(e ->
                        assertThat(e.toString()).contains("no StartCommunication within TWuP; waiting for a new init"));
        assertThat(wakeUpWithStartCommunicationAfter(450 * MS, true))
                .as("too late even so")
                .anySatisfy(e -> assertThat(e.toString())
                        .contains("no StartCommunication within TWuP (waited 200ms longer for the machine's stops:"
                                + " the kernel delivered no pty byte for 200ms); waiting for a new init"));
    }

    private List<LinkEvent> wakeUpWithStartCommunicationAfter(long after, boolean stalled) {
        events.clear();
        VirtualClock own = new VirtualClock();
        VirtualLine pty = new VirtualLine(own, true);
        LineEndpoint testerSide = pty.tester();
        CpuStops stops = stalled
                ? CpuStops.of(List.of(new CpuStop(CpuStop.PTY_DELIVERY, S + 30 * MS, S + 230 * MS)))
                : CpuStops.NONE;
        new KwpEcuLink(
                own,
                pty.ecu(),
                onAPty(stops),
                ECU,
                new KeyBytes(0xEF, 0x8F),
                T,
                (d, n) -> app.onRequest(d, n),
                events::add);
        own.advanceTo(S);
        testerSide.sendLow(T.tiniL().nominal());
        long t = S + after;
        for (byte b : KwpFrame.physical(ECU, TESTER, (byte) 0x81).encode()) {
            own.advanceTo(t);
            testerSide.send(b & 0xFF);
            t += T.p4().min();
        }
        own.advanceBy(S);
        return List.copyOf(events);
    }

    /** A line whose inits are taken as testers make them on a pty: stamps within 25 ms, the machine watched by {@code stops}. */
    private static LineConditions onAPty(CpuStops stops) {
        return new LineConditions(true, new Uncertainty(25 * MS, "a pty"), false, stops);
    }

    @Test
    void fiveBaudAddressNeedsW5IdleBeforeIt() {
        link();
        clock.advanceTo(T.w5Min() - 1); // power-on is the last traffic
        tester.sendSlow(ECU);
        clock.advanceBy(3 * S);
        assertThat(ecuBytes()).isEmpty();
        assertThat(of(LinkEvent.Ignored.class))
                .first()
                .extracting(LinkEvent.Ignored::why)
                .asString()
                .contains("W5");

        events.clear();
        long at = clock.nanos(); // long idle now: W5 is met
        tester.sendSlow(ECU);
        untilEcuSent(1);
        assertThat(ecuBytes()).extracting(TraceEntry::value).containsExactly(0x55);
    }

    @Test
    void startCommunicationBeforeTWuPMinusItsToleranceIsRefused() {
        link();
        clock.advanceTo(S);
        tester.sendLow(T.tiniL().nominal());
        sendAt(
                S + T.tWup().nominal() - T.tWup().tolerance() - 1,
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x81).encode());
        clock.advanceBy(S);
        assertThat(of(LinkEvent.SessionStarted.class)).isEmpty();
        assertThat(of(LinkEvent.Ignored.class))
                .first()
                .extracting(LinkEvent.Ignored::why)
                .asString()
                .contains("TWuP");

        long at = clock.nanos();
        tester.sendLow(T.tiniL().nominal());
        sendAt(
                at + T.tWup().nominal() - T.tWup().tolerance(),
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x81).encode());
        clock.advanceBy(S);
        assertThat(of(LinkEvent.SessionStarted.class)).hasSize(1);
    }

    @Test
    void onALineWithoutWakeUpsStartCommunicationAfterTWuPOfSilenceIsAFastInit() {
        new KwpEcuLink(
                clock,
                line.ecu(),
                LENIENT,
                ECU,
                new KeyBytes(0xEF, 0x8F),
                T,
                (d, n) -> app.onRequest(d, n),
                events::add);
        sendAt(T.idleAfterPowerOn() + T.tWup().nominal() - 1, T.p4().min(), (byte)
                0x00); // a stray byte: silence before the frame
        long last = T.idleAfterPowerOn() + T.tWup().nominal() - 1;
        sendAt(
                last + T.tWup().nominal() - 1,
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x81).encode());
        clock.advanceBy(S);
        assertThat(of(LinkEvent.SessionStarted.class)).isEmpty(); // 1 ns short of TWuP of silence

        long quietFrom = clock.nanos();
        sendAt(
                quietFrom + T.tWup().nominal(),
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x81).encode());
        clock.advanceBy(S);
        assertThat(of(LinkEvent.SessionStarted.class)).hasSize(1);
        assertThat(of(LinkEvent.Answered.class))
                .last()
                .extracting(a -> a.data().toString())
                .isEqualTo("C1 EF 8F");
    }

    @Test
    void withoutThatOptionStartCommunicationNeedsAWakeUp() {
        link();
        sendAt(2 * S, T.p4().min(), KwpFrame.physical(ECU, TESTER, (byte) 0x81).encode());
        clock.advanceBy(S);
        assertThat(of(LinkEvent.SessionStarted.class)).isEmpty();
    }

    @Test
    void onARealLineAnEarlyStartCommunicationAfterTheLowTimeIsTaken() {
        new KwpEcuLink(
                clock,
                line.ecu(),
                LENIENT,
                ECU,
                new KeyBytes(0xEF, 0x8F),
                T,
                (d, n) -> app.onRequest(d, n),
                events::add);
        clock.advanceTo(S);
        tester.sendLow(T.tiniL().nominal());
        sendAt(
                S + T.tiniL().nominal() + 1,
                T.p4().min(),
                KwpFrame.physical(ECU, TESTER, (byte) 0x81).encode()); // far before TWuP
        clock.advanceBy(S);
        assertThat(of(LinkEvent.SessionStarted.class)).hasSize(1);
    }

    /** AccessTimingParameters set: P2min 25 ms, P2max 50 ms, P3min 55 ms, P3max 1000 ms (4 x 250), P4min 5 ms. */
    private void setP3maxTo1000ms() {
        sendAt(
                clock.nanos(),
                T.p4().min(),
                KwpFrame.physical(
                                ECU, TESTER, (byte) 0x83, (byte) 0x03, (byte) 50, (byte) 2, (byte) 110, (byte) 4, (byte)
                                        10)
                        .encode());
    }
}
