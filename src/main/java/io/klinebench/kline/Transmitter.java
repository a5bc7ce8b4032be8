package io.klinebench.kline;

import io.klinebench.line.LineEndpoint;
import io.klinebench.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

/**
 * Sends a frame byte by byte at its instants on the clock (the first after a delay, the
 * rest one gap apart), and recognises the echo of those bytes coming back on a line that
 * echoes (a real K-line). Shared by both ends of both protocols.
 */
final class Transmitter {

    private final Clock clock;
    private final LineEndpoint line;
    private final ArrayDeque<Integer> expectedEcho = new ArrayDeque<>();
    private long lastByteAt = Long.MIN_VALUE;
    private final List<Clock.Scheduled> pending = new ArrayList<>();

    private final boolean hearsOwnBytes;

    /** @param hearsOwnBytes whether this end hears its own bytes (a real K-line does) */
    Transmitter(Clock clock, LineEndpoint line, boolean hearsOwnBytes) {
        this.clock = clock;
        this.line = line;
        this.hearsOwnBytes = hearsOwnBytes;
    }

    /**
     * Schedules {@code bytes}: the first at {@code firstAt}, each next one {@code gap} later.
     * {@code done} runs after the last byte is on the line, with its instant.
     */
    void send(byte[] bytes, long firstAt, long gap, LongConsumer done) {
        long[] at = new long[bytes.length];
        for (int i = 0; i < at.length; i++) {
            at[i] = firstAt + i * gap;
        }
        send(bytes, at, done);
    }

    /**
     * Schedules {@code bytes}, each at its own instant {@code at[i]} (an answer with a fault
     * made in it); {@code done} as above. Nothing to send: {@code done} is not run.
     */
    void send(byte[] bytes, long[] at, LongConsumer done) {
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            boolean last = i == bytes.length - 1;
            pending.add(clock.schedule(at[i], () -> {
                if (hearsOwnBytes) {
                    expectedEcho.add(b);
                }
                lastByteAt = clock.nanos();
                line.send(b);
                if (last) {
                    pending.clear();
                    done.accept(clock.nanos());
                }
            }));
        }
    }

    /** Stops a frame half-way (a new init or the session ending while we talk). */
    void abort() {
        for (Clock.Scheduled s : pending) {
            s.cancel();
        }
        pending.clear();
    }

    /** True while a frame of ours is scheduled or going out. */
    boolean busy() {
        return !pending.isEmpty();
    }

    long lastByteAt() {
        return lastByteAt;
    }

    /**
     * Offers a received byte: returns true if it was the echo of ours (and swallows it),
     * false if it came from the other side. A byte that arrives where our echo was due but
     * differs is a collision, reported through {@code collision}.
     */
    boolean isEcho(int value, IntConsumer collision) {
        Integer head = expectedEcho.peek();
        if (head == null) {
            return false;
        }
        expectedEcho.poll();
        if (head != value) {
            collision.accept(head);
            return false;
        }
        return true;
    }
}
