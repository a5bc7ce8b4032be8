package io.klinebench.kline;

import io.klinebench.line.Direction;
import io.klinebench.line.InitCues;
import io.klinebench.line.LineEvent;
import io.klinebench.line.TraceEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongBinaryOperator;

/**
 * A listener's view of a K-line that it never writes to: one stream of stamped bytes, split
 * into the tester's frames and the module's. Pure: time comes with each byte.
 *
 * <pre>
 *   byte ──&gt; (no partial frame, protocol has inits) InitRecognition ──&gt; Heard.Init (a wake-up, a 5-baud address)
 *        └─&gt; the protocol's own FrameDecoder (length, checksum, inter-byte timeout, resync)
 *              ├─ Frame   ──&gt; SideRule (addresses, service id, the turn) ──&gt; Heard.Frame
 *              └─ Dropped ──&gt; (a run of drops merged, the first one's reason) ──&gt; Heard.Unattributed
 * </pre>
 *
 * The decoder is the one the link layers read with, sliding byte by byte after a bad frame
 * (as for captures), so a good frame right behind garbage is still found. It consumes its bytes
 * from the front in arrival order, so each frame's bytes are the oldest pending stamps.
 */
public final class SideSplitter {

    private final FrameDecoder<?> decoder;
    private final SideRule rule;
    private final InitCues cues;
    private final long wakeUpLow;
    private final ArrayDeque<TraceEntry> pending = new ArrayDeque<>();
    private final List<TraceEntry> dropped = new ArrayList<>();
    private Decoded.Reason dropReason;
    private Optional<Direction> dropSide = Optional.empty();
    private Consumer<Heard> out = h -> {};
    private Direction previous;
    private long previousEnd;
    private long lastByteAt = Long.MIN_VALUE / 2;

    /**
     * @param decoder   the protocol's frame decoder, its inter-byte limit the longer of both sides' plus the stamps' uncertainty
     * @param cues      how a wake-up or 5-baud address shows in the bytes, or null for a protocol without inits
     * @param wakeUpLow how long K is taken to be low for a break the UART reports (TiniL)
     */
    public SideSplitter(FrameDecoder<?> decoder, SideRule rule, InitCues cues, long wakeUpLow) {
        this.decoder = decoder;
        this.rule = rule;
        this.cues = cues;
        this.wakeUpLow = wakeUpLow;
        decoder.onDecoded(this::decoded);
    }

    /**
     * Lets a gap in a frame run longer than the limit by what {@code stretch} gives for it (the
     * machine's stops in it, as {@link FrameDecoder#stretchGaps} has it): one framing for the
     * listener and the link.
     */
    public SideSplitter stretchGaps(LongBinaryOperator stretch) {
        decoder.stretchGaps(stretch);
        return this;
    }

    /** Where what was heard goes, in the order it was on the line. */
    public void onHeard(Consumer<Heard> listener) {
        this.out = listener;
    }

    /**
     * One byte, stamped {@code at}; {@code alone} when it came in a read of its own (a 5-baud
     * address does, on a line that cannot show its slowness).
     */
    public void feed(int value, long at, boolean alone) {
        long idle = at - lastByteAt;
        lastByteAt = at;
        if (idle > decoder.interByteMax()) {
            // a pause ends whatever garbage came before it: said as one piece, apart from what follows
            decoder.expire(at);
            flushDropped();
        }
        if (cues != null && decoder.idle() && (value == 0x00 || alone)) {
            LineEvent e = InitRecognition.classify(value, at, idle, alone, cues, null);
            if (!(e instanceof LineEvent.Byte)) {
                init(TraceEntry.of(Direction.TESTER, e));
                return;
            }
        }
        pending.add(TraceEntry.ofByte(at, Direction.TESTER, value)); // the side is settled when framed
        decoder.feed(value, at);
    }

    /** The UART reported a break (K held low): a tester's fast-init wake-up, ending at {@code at}. */
    public void breakAt(long at) {
        lastByteAt = at;
        init(new TraceEntry(at - wakeUpLow, Direction.TESTER, TraceEntry.Kind.LOW, -1, wakeUpLow));
    }

    /** Time passes with no byte: a partial frame older than the inter-byte limit is cut off. */
    public void expire(long now) {
        decoder.expire(now);
        if (decoder.idle()) {
            flushDropped();
        }
    }

    /** When a partial frame will be cut off if no byte comes, or -1. */
    public long deadline() {
        return decoder.deadline();
    }

    /** What the gap from a frame of {@code from} to one of {@code to} is called in this protocol (P2, P3...). */
    public String gapName(Direction from, Direction to) {
        return rule.gapName(from, to);
    }

    /** The line is no longer heard: what is pending is said as it stands. */
    public void end() {
        expire(Long.MAX_VALUE / 2);
    }

    private void init(TraceEntry e) {
        decoder.expire(Long.MAX_VALUE / 2); // a partial frame before an init was cut off by it
        flushDropped();
        decoder.reset();
        out.accept(new Heard.Init(e));
        previous = Direction.TESTER;
        previousEnd = e.at() + e.durationNanos();
    }

    private void decoded(Decoded<?> d) {
        int n = d.raw().length;
        List<TraceEntry> bytes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            bytes.add(pending.poll());
        }
        Optional<SideRule.Told> told = rule.sideOf(d.raw(), previous, d.firstAt() - previousEnd);
        if (d instanceof Decoded.Frame) {
            flushDropped();
            Direction side = told.map(SideRule.Told::side).orElse(turn());
            String by = told.map(SideRule.Told::by).orElse("the turn");
            out.accept(new Heard.Frame(side, by, sided(bytes, side)));
            previous = side;
            previousEnd = d.lastAt();
            return;
        }
        Decoded.Reason why = ((Decoded.Dropped<?>) d).reason();
        // a cut or garbled frame's header may name its side (the decoder reports the bytes a
        // resync slid past as one run, from the bad frame's first byte); a byte or two cannot
        Optional<Direction> side = n >= 3 ? told.map(SideRule.Told::side) : Optional.empty();
        if (!dropped.isEmpty() && side.isPresent()) {
            flushDropped(); // a cut frame whose header names its side is a piece of its own
        }
        if (dropped.isEmpty()) {
            dropReason = why;
            dropSide = side;
        }
        dropped.addAll(bytes);
    }

    private void flushDropped() {
        if (dropped.isEmpty()) {
            return;
        }
        Direction side = dropSide.orElse(turn());
        out.accept(new Heard.Unattributed(dropReason, dropSide, sided(dropped, side)));
        if (dropSide.isPresent()) {
            previous = side;
            previousEnd = dropped.get(dropped.size() - 1).at();
        }
        dropped.clear();
        dropSide = Optional.empty();
    }

    /** Whose turn it is: the other side's after a frame, the tester's at the start. */
    private Direction turn() {
        return previous == null ? Direction.TESTER : previous.other();
    }

    private static List<TraceEntry> sided(List<TraceEntry> bytes, Direction side) {
        List<TraceEntry> out = new ArrayList<>(bytes.size());
        for (TraceEntry e : bytes) {
            out.add(TraceEntry.ofByte(e.at(), side, e.value()));
        }
        return out;
    }
}
