package io.klinebench.dcan;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.dcan.IsoTpFrame.ConsecutiveFrame;
import io.klinebench.dcan.IsoTpFrame.FirstFrame;
import io.klinebench.dcan.IsoTpFrame.FlowControl;
import io.klinebench.dcan.IsoTpReceiver.Outcome;
import io.klinebench.dcan.IsoTpSender.Step;
import io.klinebench.time.Durations;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sender and the receiver together, pure, with time passed in: every message length that
 * changes the frame count (1..6 single, 7, 11, 12, ..., a sequence number wrap, 255, 4095) under
 * every block size 0..4 and several STmin values arrives whole and exact; noise in front (a
 * stray consecutive frame, a flow control, a message cut by a wrong sequence number) is said
 * and the next message still arrives. The timers at their limit and 1 ns beyond.
 */
class IsoTpTransferTest {

    static final long START = Durations.S;
    /** 8 data bytes at 500 kbit/s, worst-case stuffing. */
    static final long FRAME = CanBitTiming.D_CAN.frameNanos(new CanFrame(0x6F1, new byte[8]));

    static final IsoTpTiming TIMING = IsoTpTiming.standard();

    /** One transfer's frames as they went, with the time each ended. */
    record Sent(IsoTpFrame frame, long firstAt, long at) {}

    /** Runs the transfer of {@code message} to its end; the frames in {@code log}; the receiver's last outcome back. */
    static Outcome transfer(IsoTpReceiver receiver, byte[] message, long start, List<Sent> log) {
        IsoTpSender sender = new IsoTpSender(0x40, message, TIMING);
        Step step = sender.start(start);
        long busFree = start;
        Outcome last = new Outcome.Nothing();
        while (step instanceof Step.Send s) {
            long first = Math.max(busFree, s.notBefore());
            long end = first + FRAME;
            log.add(new Sent(s.frame(), first, end));
            busFree = end;
            last = receiver.receive(s.frame(), end);
            step = sender.sent(end);
            if (last instanceof Outcome.SendFlowControl fc) {
                long fcEnd = busFree + FRAME;
                log.add(new Sent(fc.flowControl(), busFree, fcEnd));
                busFree = fcEnd;
                receiver.flowControlSent(fcEnd);
                assertThat(step).isInstanceOf(Step.AwaitFlowControl.class);
                step = sender.flowControl(fc.flowControl(), fcEnd);
            }
        }
        assertThat(step).as("the sender's end").isInstanceOf(Step.Done.class);
        return last;
    }

    static byte[] message(int length) {
        byte[] m = new byte[length];
        for (int i = 0; i < length; i++) {
            m[i] = (byte) (i * 7 + 1);
        }
        return m;
    }

    @Test
    void everyLengthArrivesWholeUnderEveryBlockSizeAndSeparation() {
        int[] lengths = {1, 2, 5, 6, 7, 8, 11, 12, 13, 17, 95, 96, 97, 98, 255, 4095};
        SeparationTime[] stMins = {SeparationTime.NONE, new SeparationTime(0xF5), new SeparationTime(2)};
        for (int length : lengths) {
            for (int bs = 0; bs <= 4; bs++) {
                for (SeparationTime st : stMins) {
                    IsoTpReceiver receiver = new IsoTpReceiver(bs, st, TIMING);
                    List<Sent> log = new ArrayList<>();
                    byte[] m = message(length);
                    Outcome out = transfer(receiver, m, START, log);
                    String where = length + " bytes, BS " + bs + ", STmin " + st.code() + ": " + log;
                    assertThat(out).as(where).isInstanceOf(Outcome.Message.class);
                    assertThat(((Outcome.Message) out).data()).as(where).isEqualTo(m);
                    assertThat(receiver.busy()).as(where).isFalse();
                    int dataFrames = length <= 6 ? 1 : 1 + (length - 5 + 5) / 6;
                    int flowControls = length <= 6 ? 0 : 1 + (bs == 0 ? 0 : (dataFrames - 2) / bs);
                    assertThat(log).as(where).hasSize(dataFrames + flowControls);
                    assertSeparationKept(log, st.nanos(), where);
                }
            }
        }
    }

    /** Between two consecutive frames with no flow control between them, at least STmin from end to first bit. */
    static void assertSeparationKept(List<Sent> log, long stMin, String where) {
        for (int i = 1; i < log.size(); i++) {
            if (log.get(i).frame() instanceof ConsecutiveFrame && log.get(i - 1).frame() instanceof ConsecutiveFrame) {
                assertThat(log.get(i).firstAt() - log.get(i - 1).at()).as(where).isEqualTo(stMin);
            }
        }
    }

    @Test
    void theSequenceNumberWrapsAfterF() {
        List<Sent> log = new ArrayList<>();
        transfer(new IsoTpReceiver(0, SeparationTime.NONE, TIMING), message(5 + 6 * 17), START, log);
        List<Integer> sequence = log.stream()
                .filter(s -> s.frame() instanceof ConsecutiveFrame)
                .map(s -> ((ConsecutiveFrame) s.frame()).sequence())
                .toList();
        assertThat(sequence).startsWith(1, 2, 3).contains(0xF).element(15).isEqualTo(0);
        assertThat(sequence).hasSize(17).endsWith(0, 1);
    }

    @Test
    void noiseInFrontIsSaidAndTheNextMessageStillArrives() {
        IsoTpReceiver receiver = new IsoTpReceiver(0, SeparationTime.NONE, TIMING);
        long t = START;
        assertThat(receiver.receive(new ConsecutiveFrame(0x40, 1, message(6)), t))
                .isEqualTo(new Outcome.Ignored("a consecutive frame with no message under way"));
        assertThat(receiver.receive(
                        new FlowControl(0x40, FlowStatus.CONTINUE_TO_SEND, 0, SeparationTime.NONE), t += FRAME))
                .isInstanceOf(Outcome.Ignored.class);
        assertThat(receiver.receive(new FirstFrame(0x40, 20, message(5)), t += FRAME))
                .isInstanceOf(Outcome.SendFlowControl.class);
        assertThat(receiver.receive(new ConsecutiveFrame(0x40, 1, message(6)), t += FRAME))
                .as("before our flow control went out")
                .isInstanceOf(Outcome.Ignored.class);
        receiver.flowControlSent(t += FRAME);
        Outcome wrong = receiver.receive(new ConsecutiveFrame(0x40, 2, message(6)), t += FRAME);
        assertThat(wrong).isEqualTo(new Outcome.Aborted(t, "wrong sequence number 2, expected 1"));
        assertThat(receiver.busy()).isFalse();

        Outcome next = transfer(receiver, message(40), t + FRAME, new ArrayList<>());
        assertThat(next).isInstanceOf(Outcome.Message.class);
        assertThat(((Outcome.Message) next).data()).isEqualTo(message(40));
        assertThat(((Outcome.Message) next).abandoned()).isEmpty();
    }

    @Test
    void aNewFirstFrameInTheMiddleAbandonsTheMessageAndSaysSo() {
        IsoTpReceiver receiver = new IsoTpReceiver(0, SeparationTime.NONE, TIMING);
        receiver.receive(new FirstFrame(0x40, 20, message(5)), START);
        receiver.flowControlSent(START + FRAME);
        Outcome again = receiver.receive(new FirstFrame(0x40, 9, message(5)), START + 2 * FRAME);
        assertThat(again).isInstanceOf(Outcome.SendFlowControl.class);
        assertThat(((Outcome.SendFlowControl) again).abandoned())
                .isEqualTo("a message of 20 bytes abandoned after 5 (a new one began)");
    }

    // --- the receiver's N_Cr, at the limit and 1 ns beyond ---------------------------------

    @Test
    void aConsecutiveFrameExactlyNCrAfterTheFlowControlIsTaken() {
        IsoTpReceiver receiver = afterFlowControlAt(START);
        assertThat(receiver.deadline()).isEqualTo(START + TIMING.nCr() + 1);
        assertThat(receiver.expire(START + TIMING.nCr())).isEqualTo(new Outcome.Nothing());
        Outcome out = receiver.receive(new ConsecutiveFrame(0x40, 1, message(6)), START + TIMING.nCr());
        assertThat(out).isEqualTo(new Outcome.Continue(START + 2 * TIMING.nCr()));
    }

    @Test
    void oneNanosecondBeyondNCrTheMessageIsAborted() {
        IsoTpReceiver late = afterFlowControlAt(START);
        Outcome out = late.receive(new ConsecutiveFrame(0x40, 1, message(6)), START + TIMING.nCr() + 1);
        assertThat(out)
                .isEqualTo(new Outcome.Aborted(START + TIMING.nCr() + 1, "N_Cr: no consecutive frame within 1s"));
        IsoTpReceiver quiet = afterFlowControlAt(START);
        assertThat(quiet.expire(START + TIMING.nCr() + 1)).isInstanceOf(Outcome.Aborted.class);
        assertThat(quiet.busy()).isFalse();
    }

    private static IsoTpReceiver afterFlowControlAt(long at) {
        IsoTpReceiver receiver = new IsoTpReceiver(0, SeparationTime.NONE, TIMING);
        receiver.receive(new FirstFrame(0x40, 20, message(5)), at - FRAME);
        receiver.flowControlSent(at);
        return receiver;
    }

    // --- the sender's N_Bs, WAIT and OVERFLOW ----------------------------------------------

    @Test
    void aFlowControlExactlyNBsAfterTheFirstFrameIsTakenOneNanosecondLaterTheSenderGivesUp() {
        FlowControl cts = new FlowControl(0xF1, FlowStatus.CONTINUE_TO_SEND, 0, SeparationTime.NONE);
        IsoTpSender onTime = firstFrameSentAt(START);
        assertThat(onTime.expire(START + TIMING.nBs())).isEqualTo(new Step.AwaitFlowControl(START + TIMING.nBs()));
        assertThat(onTime.flowControl(cts, START + TIMING.nBs())).isInstanceOf(Step.Send.class);

        IsoTpSender late = firstFrameSentAt(START);
        assertThat(late.flowControl(cts, START + TIMING.nBs() + 1)).isInstanceOf(Step.Failed.class);
        IsoTpSender quiet = firstFrameSentAt(START);
        assertThat(quiet.expire(START + TIMING.nBs() + 1))
                .isEqualTo(new Step.Failed(START + TIMING.nBs() + 1, "N_Bs: no flow control within 1s"));
    }

    @Test
    void waitRestartsNBsAndOverflowEndsTheTransfer() {
        IsoTpSender sender = firstFrameSentAt(START);
        long at = START + 500 * Durations.MS;
        assertThat(sender.flowControl(new FlowControl(0xF1, FlowStatus.WAIT, 0, SeparationTime.NONE), at))
                .isEqualTo(new Step.AwaitFlowControl(at + TIMING.nBs()));
        assertThat(sender.flowControl(new FlowControl(0xF1, FlowStatus.OVERFLOW, 0, SeparationTime.NONE), at + 1))
                .isInstanceOf(Step.Failed.class);
    }

    @Test
    void aFrameThatTakesLongerThanNAsFailsTheTransfer() {
        IsoTpSender onTime = new IsoTpSender(0x40, message(3), TIMING);
        onTime.start(START);
        assertThat(onTime.sent(START + TIMING.nAs())).isInstanceOf(Step.Done.class);
        IsoTpSender late = new IsoTpSender(0x40, message(3), TIMING);
        late.start(START);
        assertThat(late.sent(START + TIMING.nAs() + 1)).isInstanceOf(Step.Failed.class);
    }

    private static IsoTpSender firstFrameSentAt(long at) {
        IsoTpSender sender = new IsoTpSender(0x40, message(20), TIMING);
        sender.start(at - FRAME);
        assertThat(sender.sent(at)).isEqualTo(new Step.AwaitFlowControl(at + TIMING.nBs()));
        return sender;
    }

    @Test
    void frameDurationsAt500kbit() {
        assertThat(CanBitTiming.frameBits(8)).isEqualTo(135);
        assertThat(CanBitTiming.frameBitsUnstuffed(8)).isEqualTo(111);
        assertThat(CanBitTiming.frameBits(0)).isEqualTo(55);
        assertThat(FRAME).isEqualTo(270 * Durations.US);
    }
}
