package io.klinebench.line;

import io.klinebench.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * An in-memory K-line on the clock, with a tester end and an ECU end. A byte sent at t
 * reaches the other end at t (byte duration is not modelled: timing values are gaps between
 * byte instants), and, when {@code echo} is on, comes back to its sender too, as the single
 * K wire does. A wake-up (K low) reaches the ECU when it ends; a 5-baud byte after its two
 * seconds. Delivery is always a task on the clock, never a nested call. Every byte and line
 * state goes into the trace once, with its sender.
 */
public final class VirtualLine {

    private final Clock clock;
    private final boolean echo;
    private final End tester = new End(Direction.TESTER);
    private final End ecu = new End(Direction.ECU);
    private final List<TraceEntry> trace = new ArrayList<>();
    private Consumer<TraceEntry> traceListener = t -> {};
    private EchoShaper testerEcho = EchoShaper.AS_SENT;

    public VirtualLine(Clock clock, boolean echo) {
        this.clock = clock;
        this.echo = echo;
    }

    public LineEndpoint tester() {
        return tester;
    }

    public LineEndpoint ecu() {
        return ecu;
    }

    public boolean echoes() {
        return echo;
    }

    public List<TraceEntry> trace() {
        return Collections.unmodifiableList(trace);
    }

    /** What the tester hears of its own bytes (an injected echo fault); as sent unless told. */
    public void shapeTesterEcho(EchoShaper shaper) {
        this.testerEcho = shaper;
    }

    public void onTrace(Consumer<TraceEntry> listener) {
        this.traceListener = listener;
    }

    private End other(End e) {
        return e == tester ? ecu : tester;
    }

    private void record(TraceEntry t) {
        trace.add(t);
        traceListener.accept(t);
    }

    private final class End implements LineEndpoint {
        private final Direction who;
        private Consumer<LineEvent> listener = e -> {};

        End(Direction who) {
            this.who = who;
        }

        @Override
        public void send(int value) {
            long now = clock.nanos();
            LineEvent.Byte b = new LineEvent.Byte(now, value & 0xFF);
            record(TraceEntry.of(who, b));
            deliver(other(this), b, now);
            if (echo) {
                int back = this == tester ? testerEcho.echoOf(b.value()) : b.value();
                if (back != EchoShaper.NONE) {
                    deliver(this, back == b.value() ? b : new LineEvent.Byte(now, back), now);
                }
            }
        }

        @Override
        public void sendLow(long durationNanos) {
            long now = clock.nanos();
            LineEvent.Low low = new LineEvent.Low(now, durationNanos);
            record(TraceEntry.of(who, low));
            deliver(other(this), low, now + durationNanos);
        }

        @Override
        public void sendSlow(int value) {
            long now = clock.nanos();
            LineEvent.SlowByte s = new LineEvent.SlowByte(now, LineEvent.SlowByte.DURATION, value & 0xFF);
            record(TraceEntry.of(who, s));
            deliver(other(this), s, now + LineEvent.SlowByte.DURATION);
            if (echo) {
                deliver(this, s, now + LineEvent.SlowByte.DURATION);
            }
        }

        @Override
        public void onReceive(Consumer<LineEvent> l) {
            this.listener = l;
        }

        private void deliver(End to, LineEvent e, long at) {
            clock.schedule(at, () -> to.listener.accept(e));
        }
    }
}
