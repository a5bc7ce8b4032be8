package io.klinebench.dcan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.bench.Bench;
import io.klinebench.bench.CarSetup;
import io.klinebench.bench.KeySpec;
import io.klinebench.config.ConfigException;
import io.klinebench.kline.Fault;
import io.klinebench.kline.FaultTrigger;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.Violation;
import io.klinebench.line.Bytes;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.VirtualLine;
import io.klinebench.time.Clock;
import io.klinebench.time.Durations;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each fault on the R56's D-CAN path in virtual time, every instant exact: the real profile's
 * car and services behind the JBE, the cable's serial side on a virtual line, and
 * {@link DCanTester} on the other end reacting as EDIABAS does. Where a fault breaks a timer,
 * the fault is made on the limit (kept) and 1 ns beyond (broken, judged by
 * {@link IsoTpTimingCheck} and given up by the node that owns the timer).
 *
 * <p>The request is sent at 0; its telegram's last byte is at {@link #REQUEST_END}. {@code 21 01}
 * is answered in one single frame; {@code 1A 80} (14 bytes) in frames 1 (first frame), 2 and 3
 * (consecutive frames), with the cable's flow control between 1 and 2:
 *
 * <pre>
 *   SF 6F1  REQUEST_END .. +270 µs;  answer due 10 ms later (DUE)
 *   FF 640  DUE .. FF_END;  FC 6F1 .. FC_END;  CF1 640 .. CF1_END;  CF2 640 .. +270 µs
 * </pre>
 */
class DCanFaultsTest {

    static final long FRAME = 270 * Durations.US;
    static final long BYTE = DCanTiming.standard().serialByte();
    static final long S = Durations.S;
    static final long REQUEST_END = 5 * BYTE;
    static final long DUE = REQUEST_END + FRAME + DCanTiming.standard().ecuP2();
    static final long FF_END = DUE + FRAME;
    static final long FC_END = FF_END + FRAME;
    static final long CF1_END = FC_END + FRAME;
    /** When the answer to 21 01 (a 10-byte telegram) ends on the serial side, without faults. */
    static final long SHORT_ANSWER_END = DUE + FRAME + 9 * BYTE;

    static final IsoTpTiming ISO = IsoTpTiming.standard();

    Bench bench;
    Clock clock;
    VirtualLine line;
    DCanEcuLink link;
    DCanTester tester;
    final List<LinkEvent> events = new ArrayList<>();

    @BeforeEach
    void car() throws ConfigException {
        bench = Bench.of("r56-2007-2013", CarSetup.of(KeySpec.remoteKey("A", 0x1A2B3C, 0)));
        clock = bench.rig().clock();
        line = new VirtualLine(clock, true);
        link = new DCanEcuLink(
                clock,
                line.ecu(),
                LineConditions.bench(),
                0x40,
                0xF1,
                DCanTiming.standard(),
                bench.rig().diagnostics().orElseThrow().application(),
                events::add);
        tester = new DCanTester(
                clock, line.tester(), LineConditions.bench(), 0x40, 0xF1, DCanTiming.standard(), events::add);
    }

    /** Arms {@code fault} for the next answer, sends {@code request} at 0 and lets 5 s pass. */
    void run(Fault fault, String request) {
        link.faults().arm(fault, new FaultTrigger.After(0));
        tester.send(Hex.parse(request));
        bench.advance("5s");
    }

    <T extends LinkEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<String> ignored() {
        return all(LinkEvent.Ignored.class).stream()
                .map(i -> i.at() + " " + i.what() + ": " + i.why())
                .toList();
    }

    List<Violation> judged(long until) {
        return IsoTpTimingCheck.judge(link.canTrace(), ISO, until);
    }

    @Test
    void silentLeavesTheTesterWaitingItsTimeoutOnTheLimitThenItSendsAgainAndIsAnswered() throws ConfigException {
        run(new Fault.Silent(), "21 01");
        assertThat(all(LinkEvent.FaultInjected.class)).singleElement().satisfies(f -> {
            assertThat(f.at()).isEqualTo(DUE);
            assertThat(f.until()).isEqualTo(DUE);
            assertThat(f.fault()).isEqualTo("silent");
        });
        long gaveUp = REQUEST_END + DCanTester.ANSWER_TIMEOUT + 1;
        assertThat(all(LinkEvent.TesterGaveUp.class)).singleElement().satisfies(g -> {
            assertThat(g.at()).isEqualTo(gaveUp);
            assertThat(g.waitedNanos()).isEqualTo(DCanTester.ANSWER_TIMEOUT + 1);
            assertThat(g.why()).isEqualTo("no answer within 1.2s");
            assertThat(g.next()).isEqualTo("sends the request again (repeat 1 of 1)");
        });
        assertThat(all(LinkEvent.TesterReceived.class)).singleElement().satisfies(r -> {
            assertThat(r.data()).hasToString("61 01 00 00 00 03");
            assertThat(r.at()).isEqualTo(gaveUp + SHORT_ANSWER_END);
        });
    }

    /** The tester's 1200 ms: an answer whose last byte ends on it is taken; 1 ns later the tester has given up. */
    @Test
    void anAnswerLateToTheTestersTimeoutIsTakenOneNanosecondMoreIsNot() throws ConfigException {
        long onTheLimit = REQUEST_END + DCanTester.ANSWER_TIMEOUT - SHORT_ANSWER_END;
        run(new Fault.Late(onTheLimit), "21 01");
        assertThat(all(LinkEvent.TesterGaveUp.class)).isEmpty();
        assertThat(all(LinkEvent.TesterReceived.class))
                .singleElement()
                .satisfies(r -> assertThat(r.at()).isEqualTo(REQUEST_END + DCanTester.ANSWER_TIMEOUT));

        car();
        run(new Fault.Late(onTheLimit + 1), "21 01");
        assertThat(all(LinkEvent.TesterGaveUp.class))
                .first()
                .satisfies(g -> assertThat(g.at()).isEqualTo(REQUEST_END + DCanTester.ANSWER_TIMEOUT + 1));
    }

    @Test
    void aStormOfThreeResponsePendingIsWaitedOutAndAFourthMakesTheTesterGiveUp() throws ConfigException {
        run(new Fault.Pending(3), "21 01");
        assertThat(all(LinkEvent.TesterReceived.class))
                .extracting(r -> r.data().toString())
                .containsExactly("7F 21 78", "7F 21 78", "7F 21 78", "61 01 00 00 00 03");
        assertThat(all(LinkEvent.TesterGaveUp.class)).isEmpty();
        assertThat(all(LinkEvent.Answered.class))
                .extracting(LinkEvent.Answered::at)
                .containsExactly(DUE, DUE + 10 * Durations.MS, DUE + 20 * Durations.MS, DUE + 30 * Durations.MS);

        car();
        run(new Fault.Pending(4), "21 01");
        assertThat(all(LinkEvent.TesterGaveUp.class)).singleElement().satisfies(g -> {
            assertThat(g.why()).isEqualTo("responsePending 4 times in a row; it takes at most 3");
            assertThat(g.next()).isEqualTo("gives the request up");
        });
        assertThat(ignored()).singleElement().asString().endsWith("an answer after the tester gave up on 21 01");
    }

    /** A frame lost: N_As at the module, N_Cr at the cable, both 1 ns after their second; judged at the second and 1 ns later. */
    @Test
    void aLostConsecutiveFrameRunsOutNAsAndNCrAndIsJudged() throws ConfigException {
        run(new Fault.LoseFrame(3), "1A 80");
        long out = CF1_END + S + 1;
        assertThat(ignored())
                .startsWith(
                        out + " message from 40: the cable: N_Cr: no consecutive frame within 1s",
                        out + " message to F1: the module: N_As: frame 3 was not on the bus within 1s");
        assertThat(judged(CF1_END + S)).isEmpty();
        assertThat(judged(CF1_END + S + 1)).singleElement().satisfies(v -> {
            assertThat(v.parameter()).isEqualTo(IsoTpTimingCheck.N_CR);
            assertThat(v.by()).isEqualTo(Direction.ECU);
            assertThat(v.measuredNanos() - v.limitNanos()).isEqualTo(1);
        });
        assertThat(all(LinkEvent.TesterGaveUp.class))
                .first()
                .satisfies(g -> assertThat(g.why()).isEqualTo("no answer within 1.2s"));
        assertThat(all(LinkEvent.TesterReceived.class)).singleElement();
    }

    @Test
    void aLateConsecutiveFrameOnNCrIsTakenOneNanosecondMoreIsTooLate() throws ConfigException {
        run(new Fault.LateFrame(3, S - FRAME), "1A 80");
        assertThat(IsoTpTimingCheck.judge(link.canTrace(), ISO))
                .extracting(Violation::parameter)
                .containsExactly(IsoTpTimingCheck.N_CS); // the sender's performance limit, 0.9 N_Cr
        assertThat(all(LinkEvent.TesterReceived.class)).singleElement();
        assertThat(all(LinkEvent.TesterGaveUp.class)).isEmpty();

        car();
        run(new Fault.LateFrame(3, S - FRAME + 1), "1A 80");
        assertThat(IsoTpTimingCheck.judge(link.canTrace(), ISO)).first().satisfies(v -> {
            assertThat(v.parameter()).isEqualTo(IsoTpTimingCheck.N_CR);
            assertThat(v.measuredNanos() - v.limitNanos()).isEqualTo(1);
        });
        assertThat(ignored())
                .contains(CF1_END + S + 1 + " message from 40: the cable: N_Cr: no consecutive frame within 1s")
                .anyMatch(i -> i.endsWith("the cable: a consecutive frame with no message under way"));
    }

    @Test
    void aWrongSequenceNumberAbortsTheMessageAtTheCable() throws ConfigException {
        run(new Fault.WrongSequence(3), "1A 80");
        assertThat(ignored())
                .startsWith(CF1_END + FRAME + " message from 40: the cable: wrong sequence number 3, expected 2");
        assertThat(link.canTrace().get(4).frame()).hasToString("640 [F1 23 00 FF 14 00 00 00]");
        assertThat(all(LinkEvent.TesterGaveUp.class))
                .first()
                .satisfies(g -> assertThat(g.next()).isEqualTo("sends the request again (repeat 1 of 1)"));
    }

    @Test
    void aFrameFaultBeyondTheAnswersFramesIsSaidAsNotMade() throws ConfigException {
        run(new Fault.WrongSequence(5), "1A 80");
        assertThat(ignored())
                .contains(CF1_END + FRAME + " fault wrong-sequence 5: the module: not made: the message to F1 ended"
                        + " after 3 frame(s)");
        assertThat(all(LinkEvent.TesterReceived.class)).singleElement();
    }

    @Test
    void aLostFlowControlRunsOutNArAtTheCableAndNBsAtTheModule() throws ConfigException {
        run(new Fault.LoseFlowControl(), "1A 80");
        long out = FF_END + S + 1;
        assertThat(ignored())
                .startsWith(
                        out + " message from 40: the cable: N_Ar: our flow control was not on the bus within 1s"
                                + " (fault lose-flow-control)",
                        out + " message to F1: the module: N_Bs: no flow control within 1s");
        assertThat(judged(FF_END + S)).isEmpty();
        assertThat(judged(FF_END + S + 1)).singleElement().satisfies(v -> {
            assertThat(v.parameter()).isEqualTo(IsoTpTimingCheck.N_BS);
            assertThat(v.by()).as("the cable owed the flow control").isEqualTo(Direction.TESTER);
            assertThat(v.measuredNanos() - v.limitNanos()).isEqualTo(1);
        });
    }

    @Test
    void aLateFlowControlOnNBsIsTakenOneNanosecondMoreIsTooLate() throws ConfigException {
        run(new Fault.LateFlowControl(S - FRAME), "1A 80");
        assertThat(IsoTpTimingCheck.judge(link.canTrace(), ISO))
                .extracting(Violation::parameter)
                .containsExactly(IsoTpTimingCheck.N_BR); // the receiver's performance limit, 0.9 N_Bs
        assertThat(all(LinkEvent.TesterReceived.class)).singleElement();

        car();
        run(new Fault.LateFlowControl(S - FRAME + 1), "1A 80");
        assertThat(IsoTpTimingCheck.judge(link.canTrace(), ISO)).first().satisfies(v -> {
            assertThat(v.parameter()).isEqualTo(IsoTpTimingCheck.N_BS);
            assertThat(v.measuredNanos() - v.limitNanos()).isEqualTo(1);
        });
        assertThat(ignored())
                .startsWith(FF_END + S + 1 + " message to F1: the module: N_Bs: no flow control within 1s");
    }

    @Test
    void aFlowControlFaultOnASingleFrameAnswerIsSaidAsNotMade() throws ConfigException {
        run(new Fault.LoseFlowControl(), "21 01");
        assertThat(ignored())
                .containsExactly(DUE + " fault lose-flow-control: not made: the answer (6 bytes) fits one single frame,"
                        + " and no flow control is sent");
        assertThat(all(LinkEvent.TesterReceived.class)).singleElement();
    }

    @Test
    void aPowerDipSilencesTheModuleBehindTheJbeAndItAnswersAgainWhenBackWithoutAnInit() throws ConfigException {
        run(new Fault.PowerDip(2 * S), "21 01");
        long back = DUE + 2 * S;
        assertThat(all(LinkEvent.FaultInjected.class))
                .singleElement()
                .satisfies(f -> assertThat(f.until()).isEqualTo(back));
        // the tester's repeat came in the dip: not handed on, said when the power is back
        assertThat(ignored())
                .containsExactly(back + " 1 CAN frame(s) for the module: they came while the module was without power"
                        + " (fault power-dip 2s)");
        assertThat(all(LinkEvent.TesterGaveUp.class))
                .extracting(LinkEvent.TesterGaveUp::next)
                .containsExactly("sends the request again (repeat 1 of 1)", "gives the request up (no repeat left)");
        events.clear();
        tester.send(Hex.parse("21 01"));
        bench.advance("1s");
        assertThat(all(LinkEvent.TesterReceived.class)).singleElement();
    }

    @Test
    void aBadChecksumOnTheCablesSideIsDroppedAndTheTesterSendsAgainAtOnce() throws ConfigException {
        run(new Fault.BadChecksum(), "21 01");
        assertThat(all(LinkEvent.FrameDropped.class)).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo("bad_checksum");
            assertThat(d.hex()).hasToString("86 F1 40 61 01 00 00 00 03 E3");
        });
        assertThat(all(LinkEvent.TesterGaveUp.class)).singleElement().satisfies(g -> {
            assertThat(g.why()).isEqualTo("the answer's telegram was dropped (bad checksum)");
            assertThat(g.next()).isEqualTo("sends the request again (repeat 1 of 1)");
        });
        assertThat(all(LinkEvent.TesterReceived.class))
                .singleElement()
                .satisfies(r -> assertThat(r.data()).isEqualTo(Bytes.of(Hex.parse("61 01 00 00 00 03"))));
    }

    @Test
    void aBadChecksumOnAnAnswerThatNeverReachesTheCableGarblesNoOtherTelegram() throws ConfigException {
        link.faults().arm(new Fault.BadChecksum(), new FaultTrigger.After(0));
        run(new Fault.LoseFrame(1), "21 01"); // the answer with the bad checksum never gets on the bus
        assertThat(all(LinkEvent.FrameDropped.class))
                .as("no telegram of another answer garbled")
                .isEmpty();
        assertThat(all(LinkEvent.TesterReceived.class))
                .as("the request sent again is answered whole")
                .singleElement()
                .satisfies(r -> assertThat(r.data()).isEqualTo(Bytes.of(Hex.parse("61 01 00 00 00 03"))));
    }

    @Test
    void faultsThatHaveNoMeaningOnDCanAreRefusedWithTheReason() throws ConfigException {
        assertThatThrownBy(() -> link.faults().arm(new Fault.NoEcho(), new FaultTrigger.After(0)))
                .hasMessage("'fault no-echo' cannot be made: D-CAN has no echo to garble: a K+DCAN cable in D-CAN"
                        + " mode writes only answers");
        assertThatThrownBy(() -> link.faults().arm(new Fault.DropByte(2), new FaultTrigger.After(0)))
                .hasMessageStartingWith("'fault drop-byte 2' cannot be made: the answer crosses CAN in frames");
        assertThat(link.faults().isEmpty()).isTrue();
    }
}
