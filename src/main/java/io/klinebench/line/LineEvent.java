package io.klinebench.line;

import io.klinebench.time.Durations;

/**
 * What a K-line endpoint observes on the wire, stamped with clock time. Bytes are stamped
 * when they arrive. Line states that are not bytes (the tester holding K low for a fast-init
 * wake-up, a break) and bytes sent at 5 baud (the address of a 5-baud init, two seconds on
 * the wire) have their own events, so transports that can see them report them faithfully
 * and transports that cannot (a pty) simply never produce them.
 */
public sealed interface LineEvent {

    /** When the event began (for a byte: its arrival). */
    long at();

    /** One byte, 0..255. */
    record Byte(long at, int value) implements LineEvent {
        public Byte {
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("a byte is 0..255, not " + value);
            }
        }
    }

    /** K held low from {@code at} for {@code durationNanos} (wake-up pattern or break). */
    record Low(long at, long durationNanos) implements LineEvent {}

    /** A byte sent at 5 baud (the 5-baud init address), from {@code at} for {@code durationNanos}. */
    record SlowByte(long at, long durationNanos, int value) implements LineEvent {
        /** Ten bits (start, eight data bits, stop) at 5 baud. */
        public static final long DURATION = 2 * Durations.S;
    }
}
