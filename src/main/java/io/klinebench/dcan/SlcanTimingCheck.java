package io.klinebench.dcan;

import io.klinebench.kline.Violation;
import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Judges the ISO-TP timers of a conversation traced on an slcan line: each side's bytes are
 * read back into frames, each taken to end at its line's carriage return (its first bit a
 * worst-case frame duration before), and {@link IsoTpTimingCheck} judges them. A frame's true
 * end lies within a frame's duration (270 µs at 500 kbit/s) and the line's stated uncertainty
 * of that: callers hold the verdicts to the uncertainty ({@link Violation#beyond}). What is not
 * a frame on the line (commands, answers, bad lines) is not judged here; the link said it.
 */
public final class SlcanTimingCheck {

    private SlcanTimingCheck() {}

    public static List<Violation> judge(List<TraceEntry> trace, DCanTiming timing) {
        return IsoTpTimingCheck.judge(frames(trace, timing.bits()), timing.isoTp());
    }

    /** The CAN frames of an slcan trace, in the order their lines ended. */
    public static List<CanTraceEntry> frames(List<TraceEntry> trace, CanBitTiming bits) {
        List<CanTraceEntry> out = new ArrayList<>();
        for (Direction side : Direction.values()) {
            SlcanDecoder d = new SlcanDecoder(r -> {
                if (r.message() instanceof SlcanMessage.Frame f) {
                    long first = r.at() - bits.frameNanos(f.frame());
                    out.add(new CanTraceEntry(first, first, r.at(), side, f.frame()));
                }
            });
            for (TraceEntry e : trace) {
                if (e.from() == side && e.kind() == TraceEntry.Kind.BYTE) {
                    d.feed(e.value(), e.at());
                }
            }
        }
        out.sort(Comparator.comparingLong(CanTraceEntry::at));
        return out;
    }
}
