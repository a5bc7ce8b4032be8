package io.klinebench.dcan;

import io.klinebench.dcan.IsoTpFrame.ConsecutiveFrame;
import io.klinebench.dcan.IsoTpFrame.FirstFrame;
import io.klinebench.dcan.IsoTpFrame.FlowControl;
import io.klinebench.dcan.IsoTpFrame.SingleFrame;
import io.klinebench.time.Durations;
import java.util.Arrays;
import java.util.Objects;

/**
 * Sends one message as ISO 15765-2 frames with extended addressing: a single frame for up to
 * 6 bytes, else a first frame, then consecutive frames as the receiver's flow control allows
 * (block size, STmin, wait, overflow). Pure: no clock and no bus; the caller sends each
 * {@link Step.Send} no earlier than its instant, says when it was on the bus ({@link #sent}),
 * hands over flow control frames, and lets time run out ({@link #expire}).
 *
 * <pre>
 *   start --SF--> sent --> Done
 *   start --FF--> sent --> AwaitFlowControl(N_Bs) --CTS--> Send CF .. (STmin apart)
 *                                ^                  WAIT: AwaitFlowControl again
 *                                +-- block of BS CFs sent    OVERFLOW or N_Bs out: Failed
 * </pre>
 */
public final class IsoTpSender {

    /** What the sender wants next. */
    public sealed interface Step {
        /** Put {@code frame} on the bus, not before {@code notBefore}; then call {@link #sent}. */
        record Send(IsoTpFrame frame, long notBefore) implements Step {}

        /** Waiting for a flow control frame until {@code deadline} (N_Bs, inclusive). */
        record AwaitFlowControl(long deadline) implements Step {}

        /** The whole message is on the bus; {@code at} its last frame's end. */
        record Done(long at) implements Step {}

        /** The transfer was given up at {@code at}, and why (N_Bs, N_As, overflow). */
        record Failed(long at, String why) implements Step {}
    }

    private final int target;
    private final byte[] message;
    private final IsoTpTiming timing;

    private Step step;
    /** Bytes of the message already handed out in frames. */
    private int position;

    private int sequence;
    /** Consecutive frames left in this block; 0 with a block size of 0: no limit. */
    private int blockLeft;

    private int blockSize;
    private long stMin;
    /** When the frame in flight was asked for: N_As counts from it. */
    private long requestedAt;
    /** How many frames were asked for so far: the one in flight is this one (from 1). */
    private int frames;

    public IsoTpSender(int target, byte[] message, IsoTpTiming timing) {
        if (message.length < 1 || message.length > IsoTpFrame.MAX_MESSAGE) {
            throw new IllegalArgumentException("an ISO-TP message is 1..4095 bytes, not " + message.length);
        }
        this.target = target;
        this.message = message.clone();
        this.timing = Objects.requireNonNull(timing, "timing");
    }

    /** The step the sender is at. */
    public Step step() {
        return step;
    }

    /** The first frame to send, from {@code now}. */
    public Step start(long now) {
        if (step != null) {
            throw new IllegalStateException("already started");
        }
        IsoTpFrame first;
        if (message.length <= IsoTpFrame.SINGLE_MAX) {
            first = new SingleFrame(target, message);
            position = message.length;
        } else {
            first = new FirstFrame(target, message.length, Arrays.copyOf(message, IsoTpFrame.FIRST_DATA));
            position = IsoTpFrame.FIRST_DATA;
        }
        return send(first, now);
    }

    /** The frame of the last {@link Step.Send} was confirmed on the bus at {@code at}. */
    public Step sent(long at) {
        if (!(step instanceof Step.Send s)) {
            throw new IllegalStateException("nothing was being sent: " + step);
        }
        long took = at - Math.max(requestedAt, s.notBefore());
        if (took > timing.nAs()) {
            return step = new Step.Failed(at, "N_As: the frame took " + Durations.format(took) + " to go out");
        }
        if (position >= message.length) {
            return step = new Step.Done(at);
        }
        if (s.frame() instanceof FirstFrame) {
            return step = new Step.AwaitFlowControl(at + timing.nBs());
        }
        if (blockSize > 0 && --blockLeft == 0) {
            return step = new Step.AwaitFlowControl(at + timing.nBs());
        }
        return nextConsecutive(at + stMin);
    }

    /**
     * A flow control frame for this transfer arrived at {@code at}. Outside a wait for one it
     * changes nothing (the caller says it was ignored); the step is returned as it is.
     */
    public Step flowControl(FlowControl fc, long at) {
        if (!(step instanceof Step.AwaitFlowControl wait)) {
            return step;
        }
        if (at > wait.deadline()) {
            return step = new Step.Failed(wait.deadline(), "N_Bs: no flow control in time");
        }
        switch (fc.status()) {
            case WAIT:
                return step = new Step.AwaitFlowControl(at + timing.nBs());
            case OVERFLOW:
                return step =
                        new Step.Failed(at, "the receiver has no room for " + message.length + " bytes (overflow)");
            default:
                blockSize = fc.blockSize();
                blockLeft = blockSize;
                stMin = fc.stMin().nanos();
                return nextConsecutive(at);
        }
    }

    /**
     * Time has come to {@code now} with nothing received or confirmed: a flow control wait past
     * N_Bs fails, and so does a frame not confirmed on the bus within N_As of being asked for.
     */
    public Step expire(long now) {
        if (step instanceof Step.AwaitFlowControl wait && now > wait.deadline()) {
            return step = new Step.Failed(
                    wait.deadline() + 1, "N_Bs: no flow control within " + Durations.format(timing.nBs()));
        }
        if (step instanceof Step.Send && now > requestedAt + timing.nAs()) {
            return step = new Step.Failed(
                    requestedAt + timing.nAs() + 1,
                    "N_As: frame " + frames + " was not on the bus within " + Durations.format(timing.nAs()));
        }
        return step;
    }

    /** The number (from 1) of the frame the last {@link Step.Send} asks for: 1 the single or first frame. */
    public int frameNumber() {
        return frames;
    }

    /**
     * The frame of the last {@link Step.Send} asked for {@code nanos} later (a sender that is
     * slow to hand it on, an injected fault): returns the new step.
     */
    public Step delay(long nanos) {
        if (!(step instanceof Step.Send s) || nanos < 0) {
            throw new IllegalStateException("only a frame about to be sent can be delayed: " + step);
        }
        requestedAt = s.notBefore() + nanos;
        return step = new Step.Send(s.frame(), requestedAt);
    }

    private Step nextConsecutive(long notBefore) {
        sequence = (sequence + 1) & 0xF;
        int n = Math.min(IsoTpFrame.CONSECUTIVE_MAX, message.length - position);
        ConsecutiveFrame cf =
                new ConsecutiveFrame(target, sequence, Arrays.copyOfRange(message, position, position + n));
        position += n;
        return send(cf, notBefore);
    }

    private Step send(IsoTpFrame frame, long notBefore) {
        requestedAt = notBefore;
        frames++;
        return step = new Step.Send(frame, notBefore);
    }
}
