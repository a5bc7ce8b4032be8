package io.klinebench.dcan;

import io.klinebench.dcan.IsoTpFrame.ConsecutiveFrame;
import io.klinebench.dcan.IsoTpFrame.FirstFrame;
import io.klinebench.dcan.IsoTpFrame.FlowControl;
import io.klinebench.dcan.IsoTpFrame.SingleFrame;
import io.klinebench.time.Durations;
import java.util.Objects;

/**
 * Puts one sender's ISO 15765-2 frames back together into messages: a single frame is a
 * message; a first frame is answered with a flow control (our block size and STmin), then
 * consecutive frames are taken in sequence, a flow control after every block, until the
 * announced length is there. Pure: the caller sends the flow control frames it is given and
 * says when they were on the bus ({@link #flowControlSent}), and lets time run out
 * ({@link #expire}). As the standard says: a wrong sequence number or N_Cr running out abort
 * the message; a first or single frame in the middle of one abandons it and starts anew; a
 * consecutive frame with no message under way is ignored.
 */
public final class IsoTpReceiver {

    /** What one received frame (or the passing of time) came to. */
    public sealed interface Outcome {
        /** Send {@code flowControl} now; {@code abandoned} a message cut short by this frame, or empty. */
        record SendFlowControl(FlowControl flowControl, String abandoned) implements Outcome {}

        /** A consecutive frame was taken; the next is due by {@code deadline} (N_Cr, inclusive). */
        record Continue(long deadline) implements Outcome {}

        /** A whole message; {@code abandoned} as above. */
        record Message(int target, byte[] data, long at, String abandoned) implements Outcome {
            public Message {
                data = data.clone();
            }

            @Override
            public byte[] data() {
                return data.clone();
            }
        }

        /** The message under way was aborted, and why. */
        record Aborted(long at, String why) implements Outcome {}

        /** The frame meant nothing here, and why (a stray consecutive frame, a flow control). */
        record Ignored(String why) implements Outcome {}

        /** Nothing happened. */
        record Nothing() implements Outcome {}
    }

    private final int blockSize;
    private final SeparationTime stMin;
    private final IsoTpTiming timing;

    /** The message under way, or null. */
    private byte[] buffer;

    private int target;
    private int received;
    private int expectedSequence;
    private int blockLeft;
    /** When the next consecutive frame is due at the latest, or -1 when none is awaited yet. */
    private long deadline = -1;

    /**
     * @param blockSize how many consecutive frames between our flow controls (0: all; a K+DCAN
     *                  cable asks for 0 by default, CanAdapter.c CAN_BLOCK_SIZE)
     * @param stMin     the separation we ask for
     */
    public IsoTpReceiver(int blockSize, SeparationTime stMin, IsoTpTiming timing) {
        if (blockSize < 0 || blockSize > 0xFF) {
            throw new IllegalArgumentException("a block size is a byte, 00..FF, not " + blockSize);
        }
        this.blockSize = blockSize;
        this.stMin = Objects.requireNonNull(stMin, "stMin");
        this.timing = Objects.requireNonNull(timing, "timing");
    }

    /** True while a message is under way. */
    public boolean busy() {
        return buffer != null;
    }

    /** When the awaited consecutive frame is overdue (the deadline + 1 ns), or -1. */
    public long deadline() {
        return buffer == null || deadline < 0 ? -1 : deadline + 1;
    }

    public Outcome receive(IsoTpFrame frame, long at) {
        String lateAbort = "";
        if (buffer != null && deadline >= 0 && at > deadline) {
            Outcome.Aborted late = (Outcome.Aborted) expire(at);
            if (frame instanceof ConsecutiveFrame) {
                return late;
            }
            lateAbort = late.why();
        }
        if (frame instanceof SingleFrame sf) {
            String abandoned = lateAbort + abandon();
            return new Outcome.Message(sf.target(), sf.data(), at, abandoned);
        }
        if (frame instanceof FirstFrame ff) {
            String abandoned = lateAbort + abandon();
            buffer = new byte[ff.length()];
            System.arraycopy(ff.data(), 0, buffer, 0, IsoTpFrame.FIRST_DATA);
            received = IsoTpFrame.FIRST_DATA;
            target = ff.target();
            expectedSequence = 1;
            blockLeft = blockSize;
            deadline = -1;
            return new Outcome.SendFlowControl(flowControl(), abandoned);
        }
        if (frame instanceof ConsecutiveFrame cf) {
            return consecutive(cf, at);
        }
        return new Outcome.Ignored("a flow control frame, and this end sends no message");
    }

    /** The message under way is given up at {@code at}, and why (our flow control never went out: N_Ar). */
    public Outcome abort(long at, String why) {
        if (buffer == null) {
            return new Outcome.Nothing();
        }
        buffer = null;
        deadline = -1;
        return new Outcome.Aborted(at, why);
    }

    /** Our flow control went out at {@code at}: the next consecutive frame is due within N_Cr. */
    public void flowControlSent(long at) {
        if (buffer != null) {
            deadline = at + timing.nCr();
        }
    }

    /** Time has come to {@code now}: a message whose next frame is overdue is aborted. */
    public Outcome expire(long now) {
        if (buffer != null && deadline >= 0 && now > deadline) {
            long due = deadline;
            buffer = null;
            deadline = -1;
            return new Outcome.Aborted(due + 1, "N_Cr: no consecutive frame within " + Durations.format(timing.nCr()));
        }
        return new Outcome.Nothing();
    }

    private Outcome consecutive(ConsecutiveFrame cf, long at) {
        if (buffer == null) {
            return new Outcome.Ignored("a consecutive frame with no message under way");
        }
        if (deadline < 0) {
            return new Outcome.Ignored("a consecutive frame before our flow control went out");
        }
        if (cf.sequence() != expectedSequence) {
            buffer = null;
            deadline = -1;
            return new Outcome.Aborted(
                    at,
                    "wrong sequence number " + Integer.toHexString(cf.sequence()) + ", expected "
                            + Integer.toHexString(expectedSequence));
        }
        byte[] d = cf.data();
        int n = Math.min(d.length, buffer.length - received);
        System.arraycopy(d, 0, buffer, received, n);
        received += n;
        expectedSequence = (expectedSequence + 1) & 0xF;
        if (received == buffer.length) {
            byte[] message = buffer;
            buffer = null;
            deadline = -1;
            return new Outcome.Message(target, message, at, "");
        }
        if (blockSize > 0 && --blockLeft == 0) {
            blockLeft = blockSize;
            deadline = -1;
            return new Outcome.SendFlowControl(flowControl(), "");
        }
        deadline = at + timing.nCr();
        return new Outcome.Continue(deadline);
    }

    /** The flow control we send; its target is the sender's address, which the caller sets. */
    private FlowControl flowControl() {
        return new FlowControl(0, FlowStatus.CONTINUE_TO_SEND, blockSize, stMin);
    }

    private String abandon() {
        if (buffer == null) {
            return "";
        }
        String why = "a message of " + buffer.length + " bytes abandoned after " + received + " (a new one began)";
        buffer = null;
        deadline = -1;
        return why;
    }
}
