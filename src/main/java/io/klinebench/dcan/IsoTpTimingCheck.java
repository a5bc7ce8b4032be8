package io.klinebench.dcan;

import io.klinebench.dcan.IsoTpFrame.ConsecutiveFrame;
import io.klinebench.dcan.IsoTpFrame.FirstFrame;
import io.klinebench.dcan.IsoTpFrame.FlowControl;
import io.klinebench.kline.Violation;
import io.klinebench.line.Direction;
import io.klinebench.time.Durations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges the ISO 15765-2 timers on a CAN trace, as {@code TimingValidator} judges P1-P4 on a
 * K-line: every broken rule a {@link Violation} with value, limit, who broke it and the frames
 * around it. Limits are inclusive: on the limit is kept, 1 ns beyond is broken.
 *
 * <pre>
 *   N_As / N_Ar  each frame: asked for .. end                      &lt;= N_As (data), N_Ar (flow control)
 *   N_Bs         end of FF or a block's last CF .. end of the FC    &lt;= N_Bs      by the receiver
 *   N_Br         the same, as the receiver's performance limit      &lt;= 0.9 N_Bs  by the receiver
 *   N_Cr         end of FC or CF .. end of the next CF              &lt;= N_Cr      by the sender
 *   N_Cs         the same, as the sender's performance limit        &lt;= 0.9 N_Cr  by the sender
 *   STmin        end of a CF .. first bit of the next CF            &gt;= the FC's STmin, by the sender
 * </pre>
 *
 * A transfer is one sender's frames to one target (identifier 0x600 | sender, first data byte
 * the target) and the flow control coming back (0x600 | target, first byte the sender).
 *
 * <p>Judged up to an instant ({@link #judge(List, IsoTpTiming, long)}), a transfer still
 * waiting then for its flow control or its next consecutive frame beyond N_Bs or N_Cr breaks
 * that timer too: a frame that never came (lost) is judged as one that comes too late, its
 * value how long it had been awaited at that instant.
 */
public final class IsoTpTimingCheck {

    public static final String N_AS = "N_As";
    public static final String N_AR = "N_Ar";
    public static final String N_BS = "N_Bs";
    public static final String N_BR = "N_Br";
    public static final String N_CS = "N_Cs";
    public static final String N_CR = "N_Cr";
    public static final String ST_MIN = "STmin";

    /** One transfer under way: where it is and what it was told. */
    private static final class Transfer {
        /** Index of the frame the next one is measured from (FF, FC or CF). */
        int from;
        /** Waiting for a flow control (after FF, a block, or a WAIT). */
        boolean awaitingFlowControl;

        int blockSize;
        int blockLeft;
        long stMin;
        /** Index of the last CF, or -1 right after a flow control. */
        int lastCf = -1;

        int remaining;
    }

    private IsoTpTimingCheck() {}

    /** The trace's frames judged; a transfer left waiting at the trace's end is not (see below). */
    public static List<Violation> judge(List<CanTraceEntry> trace, IsoTpTiming timing) {
        return judge(trace, timing, Long.MIN_VALUE);
    }

    /**
     * As {@link #judge(List, IsoTpTiming)} for the frames ended by {@code until}, and a transfer still waiting then for its
     * flow control (N_Bs) or next consecutive frame (N_Cr) beyond the limit breaks it, by whoever
     * owed the frame.
     */
    public static List<Violation> judge(List<CanTraceEntry> whole, IsoTpTiming timing, long until) {
        List<Violation> out = new ArrayList<>();
        // the frames up to the instant (the trace is in time order: indices stay those of the whole)
        int n = 0;
        while (n < whole.size() && (until == Long.MIN_VALUE || whole.get(n).at() <= until)) {
            n++;
        }
        List<CanTraceEntry> trace = whole.subList(0, n);
        Map<Integer, Transfer> transfers = new HashMap<>();
        for (int i = 0; i < trace.size(); i++) {
            CanTraceEntry e = trace.get(i);
            if (!(IsoTpFrame.decode(e.frame()) instanceof IsoTpFrame.Ok ok)) {
                continue;
            }
            IsoTpFrame f = ok.frame();
            boolean fc = f instanceof FlowControl;
            long took = e.at() - e.requestedAt();
            atMost(out, trace, fc ? N_AR : N_AS, e, took, fc ? timing.nAr() : timing.nAs(), i, i);
            if (f instanceof FirstFrame ff) {
                Transfer t = new Transfer();
                t.from = i;
                t.awaitingFlowControl = true;
                t.remaining = ff.length() - IsoTpFrame.FIRST_DATA;
                transfers.put(key(e.sender(), ff.target()), t);
            } else if (f instanceof FlowControl flow) {
                Transfer t = transfers.get(key(flow.target(), e.sender()));
                if (t == null || !t.awaitingFlowControl) {
                    continue;
                }
                long gap = e.at() - trace.get(t.from).at();
                if (!atMost(out, trace, N_BS, e, gap, timing.nBs(), t.from, i)) {
                    atMost(out, trace, N_BR, e, gap, timing.nBrPlusNArMax(), t.from, i);
                }
                t.from = i;
                if (flow.status() == FlowStatus.CONTINUE_TO_SEND) {
                    t.awaitingFlowControl = false;
                    t.blockSize = flow.blockSize();
                    t.blockLeft = flow.blockSize();
                    t.stMin = flow.stMin().nanos();
                    t.lastCf = -1;
                } else if (flow.status() == FlowStatus.OVERFLOW) {
                    transfers.remove(key(flow.target(), e.sender()));
                }
            } else if (f instanceof ConsecutiveFrame cf) {
                int k = key(e.sender(), cf.target());
                Transfer t = transfers.get(k);
                if (t == null || t.awaitingFlowControl) {
                    continue;
                }
                long gap = e.at() - trace.get(t.from).at();
                if (!atMost(out, trace, N_CR, e, gap, timing.nCr(), t.from, i)) {
                    atMost(out, trace, N_CS, e, gap, timing.nCsPlusNAsMax(), t.from, i);
                }
                if (t.lastCf >= 0) {
                    long separation = e.firstAt() - trace.get(t.lastCf).at();
                    if (separation < t.stMin) {
                        out.add(violation(
                                trace, ST_MIN, e, separation, t.stMin, Violation.Bound.BELOW_MIN, t.lastCf, i));
                    }
                }
                t.from = i;
                t.lastCf = i;
                t.remaining -= Math.min(IsoTpFrame.CONSECUTIVE_MAX, t.remaining);
                if (t.remaining <= 0) {
                    transfers.remove(k);
                } else if (t.blockSize > 0 && --t.blockLeft == 0) {
                    t.awaitingFlowControl = true;
                }
            }
        }
        for (Transfer t : transfers.values()) {
            CanTraceEntry from = trace.get(t.from);
            long waited = until - from.at();
            long limit = t.awaitingFlowControl ? timing.nBs() : timing.nCr();
            if (until == Long.MIN_VALUE || waited <= limit) {
                continue;
            }
            // the frame owed: a flow control by the receiver; a consecutive frame by the sender,
            // which sent the last consecutive frame or received the flow control
            boolean fromSender =
                    !(IsoTpFrame.decode(from.frame()) instanceof IsoTpFrame.Ok ok && ok.frame() instanceof FlowControl);
            Direction by = t.awaitingFlowControl == fromSender ? other(from.by()) : from.by();
            out.add(new Violation(
                    t.awaitingFlowControl ? N_BS : N_CR,
                    by,
                    waited,
                    limit,
                    Violation.Bound.ABOVE_MAX,
                    t.from,
                    from.at() + limit + 1,
                    from.frame() + " | (none by " + Durations.format(until) + ")"));
        }
        out.sort(java.util.Comparator.comparingLong(Violation::at));
        return out;
    }

    private static Direction other(Direction d) {
        return d == Direction.TESTER ? Direction.ECU : Direction.TESTER;
    }

    private static int key(int sender, int target) {
        return sender << 8 | target;
    }

    /** Adds a violation when {@code value} is over {@code limit}; true when it did. */
    private static boolean atMost(
            List<Violation> out,
            List<CanTraceEntry> trace,
            String parameter,
            CanTraceEntry e,
            long value,
            long limit,
            int from,
            int to) {
        if (value <= limit) {
            return false;
        }
        out.add(violation(trace, parameter, e, value, limit, Violation.Bound.ABOVE_MAX, from, to));
        return true;
    }

    private static Violation violation(
            List<CanTraceEntry> trace,
            String parameter,
            CanTraceEntry e,
            long value,
            long limit,
            Violation.Bound bound,
            int from,
            int to) {
        String context = from == to
                ? trace.get(to).frame().toString()
                : trace.get(from).frame() + " | " + trace.get(to).frame();
        return new Violation(parameter, e.by(), value, limit, bound, to, e.at(), context);
    }
}
