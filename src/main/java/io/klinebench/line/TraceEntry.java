package io.klinebench.line;

/**
 * One byte (or line state) on the K-line, as a trace records it: when, who sent it, what.
 *
 * @param at    clock time in nanoseconds
 * @param from  who sent it
 * @param kind  BYTE, LOW (wake-up/break, {@code value} unused) or SLOW (a 5-baud byte)
 * @param value the byte, or -1 for LOW
 * @param durationNanos for LOW and SLOW: how long the line was busy; 0 for a byte
 */
public record TraceEntry(long at, Direction from, Kind kind, int value, long durationNanos) {

    public enum Kind {
        BYTE,
        LOW,
        SLOW
    }

    public static TraceEntry ofByte(long at, Direction from, int value) {
        return new TraceEntry(at, from, Kind.BYTE, value, 0);
    }

    public static TraceEntry of(Direction from, LineEvent e) {
        if (e instanceof LineEvent.Byte b) {
            return new TraceEntry(b.at(), from, Kind.BYTE, b.value(), 0);
        }
        if (e instanceof LineEvent.Low l) {
            return new TraceEntry(l.at(), from, Kind.LOW, -1, l.durationNanos());
        }
        LineEvent.SlowByte s = (LineEvent.SlowByte) e;
        return new TraceEntry(s.at(), from, Kind.SLOW, s.value(), s.durationNanos());
    }

    @Override
    public String toString() {
        return switch (kind) {
            case BYTE -> String.format("%d %s %02X", at, from, value);
            case LOW -> String.format("%d %s LOW %dns", at, from, durationNanos);
            case SLOW -> String.format("%d %s SLOW %02X", at, from, value);
        };
    }
}
