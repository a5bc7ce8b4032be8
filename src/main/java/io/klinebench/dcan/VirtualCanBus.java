package io.klinebench.dcan;

import io.klinebench.line.Direction;
import io.klinebench.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A CAN bus in virtual time: one frame at a time, each taking its worst-case duration
 * ({@link CanBitTiming}); when several wait, the lowest identifier wins arbitration (ISO
 * 11898-1), and among equal ones the first asked for. At a frame's end every listener hears
 * it and its sender gets the confirmation. Single-threaded on the clock.
 *
 * <p>On a real bus (through a CAN adapter) this is the local end of it: the frames of this
 * side's nodes still go one at a time and take their worst-case duration here, and each is
 * handed to {@link #goingOut} at its end, before its sender's confirmation: so no answer to it
 * can come back before our side has it sent (the real bus then takes its own time: our frames
 * reach it one frame's duration late, 270 µs at most at 500 kbit/s, the safe side); a frame
 * another node put on the real bus comes in through {@link #heard}, at the instant it arrived.
 */
public final class VirtualCanBus {

    private record Waiting(CanFrame frame, Direction by, long requestedAt, LongConsumer confirmed) {}

    private final Clock clock;
    private final CanBitTiming bits;
    private final List<Consumer<CanTraceEntry>> listeners = new ArrayList<>();
    private final List<Waiting> waiting = new ArrayList<>();
    private final ArrayDeque<CanTraceEntry> trace = new ArrayDeque<>();
    private long forgotten;
    private Consumer<CanFrame> outside = f -> {};
    private boolean busy;

    public VirtualCanBus(Clock clock, CanBitTiming bits) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bits = Objects.requireNonNull(bits, "bits");
    }

    /** Hears every frame at its end, its own included (a node ignores what it sent). */
    public void listen(Consumer<CanTraceEntry> listener) {
        listeners.add(listener);
    }

    /** Each frame of this side's nodes also goes to {@code out} at its end here: to a real bus. */
    public void goingOut(Consumer<CanFrame> out) {
        this.outside = Objects.requireNonNull(out, "out");
    }

    /**
     * A frame another node put on the real bus, its end heard at {@code at} (now); its first bit
     * is reckoned back from its worst-case duration. Every listener hears it now.
     */
    public void heard(CanFrame frame, Direction by, long at) {
        long first = at - bits.frameNanos(frame);
        deliver(new CanTraceEntry(first, first, at, by, frame));
    }

    /**
     * How many of the latest frames the bus keeps for {@link #trace}: a sim on a port runs for
     * hours, and what it keeps must stay bounded (a request and its answer are a few frames; a
     * bench run or a test keeps all of its frames well below this).
     */
    public static final int KEEP = 20_000;

    /** The frames the bus carried, in order: all of them, or the latest {@link #KEEP}. */
    public List<CanTraceEntry> trace() {
        return List.copyOf(trace);
    }

    /** How many of the earliest frames {@link #trace} no longer holds (0 until the bus carried more than {@link #KEEP}). */
    public long forgotten() {
        return forgotten;
    }

    /** Asks for {@code frame} to be sent now; {@code confirmed} gets the instant of its end. */
    public void send(CanFrame frame, Direction by, LongConsumer confirmed) {
        waiting.add(new Waiting(frame, by, clock.nanos(), confirmed));
        if (!busy) {
            next();
        }
    }

    private void next() {
        if (waiting.isEmpty()) {
            busy = false;
            return;
        }
        Waiting w = waiting.get(0);
        for (Waiting o : waiting) {
            if (o.frame().id() < w.frame().id()) {
                w = o;
            }
        }
        waiting.remove(w);
        busy = true;
        long first = clock.nanos();
        long end = first + bits.frameNanos(w.frame());
        Waiting sending = w;
        clock.schedule(end, () -> {
            outside.accept(sending.frame());
            deliver(new CanTraceEntry(sending.requestedAt(), first, end, sending.by(), sending.frame()));
            sending.confirmed().accept(end);
            next();
        });
    }

    private void deliver(CanTraceEntry e) {
        trace.addLast(e);
        if (trace.size() > KEEP) {
            trace.removeFirst();
            forgotten++;
        }
        for (Consumer<CanTraceEntry> l : List.copyOf(listeners)) {
            l.accept(e);
        }
    }
}
