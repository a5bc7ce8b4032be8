package io.klinebench.line;

import io.klinebench.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An in-memory K-line with several modules on it, on the clock: one tester end and one end per
 * module. The K-line is a single wire: every byte any end sends reaches every other end at the
 * same instant, and comes back to its sender when {@code echo} is on, as on the real wire. A
 * wake-up (K low) reaches every module when it ends; a 5-baud byte after its two seconds.
 *
 * <p>The bus only carries bytes: which module answers is each module's link layer's own
 * decision (its address), and when is too: a module's end says it is {@link
 * LineEndpoint#shared()}, so its link holds an answer until the line has been quiet for the
 * module's response delay (P2 measured from the end of the previous frame on the line, ISO
 * 14230-2's definition of P2: from the end of the tester's request, or of another module's
 * answer). Two modules that start at the same instant collide, as they would on the wire, and
 * their links say so.
 *
 * <p>A bus may be cut in segments (the R50/R53's pin 7 and pin 8): an end hears the ends on
 * its own segment, and those on another segment only while the two are {@link #bridge bridged}
 * (a K+DCAN cable's switch joins pins 7 and 8 into one wire). The tester's end is on the
 * first segment.
 *
 * <p>Delivery is always a task on the clock, never a nested call. Every byte and line state
 * goes into the trace once, with its sender's side; {@link #sender} says which end.
 */
public final class KLineBus {

    private final Clock clock;
    private final boolean echo;
    /** The wire is outside (a K-line cable on a port, whose echo brings every byte back): modules' bytes go to the tester's end alone. */
    private final boolean wireOutside;
    /** Whether the bus keeps its trace ({@link #trace}); a simulator that runs for days does not. */
    private final boolean keepsTrace;

    private final End tester;
    private final Map<String, End> modules = new LinkedHashMap<>();
    private final List<End> testers = new ArrayList<>();
    private final java.util.Set<String> bridged = new java.util.HashSet<>();
    private final List<TraceEntry> trace = new ArrayList<>();
    private final List<String> senders = new ArrayList<>();
    private Consumer<TraceEntry> traceListener = t -> {};

    /** A bus of one segment. */
    public KLineBus(Clock clock, boolean echo) {
        this(clock, echo, "line");
    }

    /** A bus whose tester's end is on segment {@code testerSegment} ("pin 7"). */
    public KLineBus(Clock clock, boolean echo, String testerSegment) {
        this(clock, echo, testerSegment, false, true);
    }

    private KLineBus(Clock clock, boolean echo, String testerSegment, boolean wireOutside, boolean keepsTrace) {
        this.clock = clock;
        this.echo = echo;
        this.wireOutside = wireOutside;
        this.keepsTrace = keepsTrace;
        this.tester = new End("tester", Direction.TESTER, testerSegment);
        testers.add(tester);
    }

    /**
     * A bus whose tester is on a port (a pty, a K-line cable), in real time: what arrives from
     * the port is put on the bus with {@link #fromTester}, and what reaches the tester's end is
     * for the port to write. It keeps no trace (the port's is the one that counts).
     *
     * @param portEchoes whether the port brings every byte written to it back (a K-line cable:
     *     the K wire is outside, and its echo, arriving through {@link #fromTester}, is how every
     *     module hears the others and itself); otherwise (a pty) the bus carries the modules'
     *     bytes to each other and no module hears its own
     */
    public static KLineBus behindPort(Clock clock, String testerSegment, boolean portEchoes) {
        return new KLineBus(clock, false, testerSegment, portEchoes, false);
    }

    /**
     * Puts on the bus what the tester on a port did ({@link #behindPort}), at its own instants:
     * it reaches every module on a segment joined to the tester's, as if the tester's end had
     * sent it, never the tester's end itself (the port has its own echo).
     */
    public void fromTester(LineEvent e) {
        record(tester, TraceEntry.of(Direction.TESTER, e));
        long at = e instanceof LineEvent.Low low
                ? low.at() + low.durationNanos()
                : e instanceof LineEvent.SlowByte s ? s.at() + s.durationNanos() : e.at();
        for (End m : modules.values()) {
            if (bridged(m.segment, tester.segment)) {
                m.deliver(e, at);
            }
        }
    }

    /** The tester's end (the diagnostic socket's K pin). */
    public LineEndpoint tester() {
        return tester;
    }

    /**
     * A new module's end, named for the trace and for errors (e.g. "KOMBI 80").
     *
     * @throws IllegalArgumentException when a module of that name is on the bus already
     */
    public LineEndpoint attach(String module) {
        return attach(module, tester.segment);
    }

    /** A new module's end on segment {@code segment}. */
    public LineEndpoint attach(String module, String segment) {
        if (modules.containsKey(module) || testers.stream().anyMatch(t -> t.name.equals(module))) {
            throw new IllegalArgumentException("a module called '" + module + "' is on this line already");
        }
        End end = new End(module, Direction.ECU, segment);
        modules.put(module, end);
        return end;
    }

    /**
     * A further tester's end beside the tester's, on its segment (a second tool on the same
     * cable, such as a module search): it hears and is heard as the tester's end is.
     */
    public LineEndpoint plugTester(String name) {
        if (modules.containsKey(name) || testers.stream().anyMatch(t -> t.name.equals(name))) {
            throw new IllegalArgumentException("'" + name + "' is on this line already");
        }
        End end = new End(name, Direction.TESTER, tester.segment);
        testers.add(end);
        return end;
    }

    /** Joins segments {@code a} and {@code b} into one wire, or parts them again. */
    public void bridge(String a, String b, boolean joined) {
        if (joined) {
            bridged.add(key(a, b));
        } else {
            bridged.remove(key(a, b));
        }
    }

    /** Whether segments {@code a} and {@code b} are one wire now. */
    public boolean bridged(String a, String b) {
        return a.equals(b) || bridged.contains(key(a, b));
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    /** The modules on the line, in the order they were attached. */
    public List<String> modules() {
        return List.copyOf(modules.keySet());
    }

    public boolean echoes() {
        return echo;
    }

    /** Every byte and line state, in the order sent, each with its side. */
    public List<TraceEntry> trace() {
        return Collections.unmodifiableList(trace);
    }

    /** Who sent trace entry {@code index}: "tester" or the module's name. */
    public String sender(int index) {
        return senders.get(index);
    }

    public void onTrace(Consumer<TraceEntry> listener) {
        this.traceListener = listener;
    }

    private void record(End from, TraceEntry t) {
        if (keepsTrace) {
            trace.add(t);
            senders.add(from.name);
        }
        traceListener.accept(t);
    }

    /** Every end on a segment joined to {@code from}'s but {@code from} (and {@code from} too when its own bytes come back). */
    private void deliverToAll(End from, LineEvent e, long at, boolean toSender) {
        if (wireOutside && from.side == Direction.ECU) {
            if (bridged(tester.segment, from.segment)) {
                tester.deliver(e, at); // to the port; its echo brings it to every module
            }
            return;
        }
        for (End t : testers) {
            if (t != from && bridged(t.segment, from.segment)) {
                t.deliver(e, at);
            }
        }
        for (End m : modules.values()) {
            if (m != from && bridged(m.segment, from.segment)) {
                m.deliver(e, at);
            }
        }
        if (toSender) {
            from.deliver(e, at);
        }
    }

    private final class End implements LineEndpoint {
        private final String name;
        private final Direction side;
        private final String segment;
        private Consumer<LineEvent> listener = e -> {};

        End(String name, Direction side, String segment) {
            this.name = name;
            this.side = side;
            this.segment = segment;
        }

        @Override
        public void send(int value) {
            LineEvent.Byte b = new LineEvent.Byte(clock.nanos(), value & 0xFF);
            record(this, TraceEntry.of(side, b));
            deliverToAll(this, b, b.at(), echo);
        }

        @Override
        public void sendLow(long durationNanos) {
            LineEvent.Low low = new LineEvent.Low(clock.nanos(), durationNanos);
            record(this, TraceEntry.of(side, low));
            deliverToAll(this, low, low.at() + durationNanos, false);
        }

        @Override
        public void sendSlow(int value) {
            long now = clock.nanos();
            LineEvent.SlowByte s = new LineEvent.SlowByte(now, LineEvent.SlowByte.DURATION, value & 0xFF);
            record(this, TraceEntry.of(side, s));
            deliverToAll(this, s, now + LineEvent.SlowByte.DURATION, echo);
        }

        @Override
        public void onReceive(Consumer<LineEvent> l) {
            this.listener = l;
        }

        /** A module's end is shared: others talk on this wire too. The tester's end needs no hold-off. */
        @Override
        public boolean shared() {
            return side == Direction.ECU;
        }

        void deliver(LineEvent e, long at) {
            clock.schedule(at, () -> listener.accept(e));
        }
    }
}
