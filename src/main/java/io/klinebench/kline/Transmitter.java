package io.klinebench.kline;

import io.klinebench.line.LineEndpoint;
import io.klinebench.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Sends a frame byte by byte at its instants on the clock (the first after a delay, the
 * rest one gap apart), and recognises the echo of those bytes coming back on a line that
 * echoes (a real K-line). Shared by both ends of both protocols.
 *
 * <p>On a line other modules share ({@link LineEndpoint#shared()}), a module's frame keeps its
 * own response delay from the last byte anyone else put on the line: when another module talks
 * before our first byte is out, the whole frame moves so that its first byte comes that delay
 * after the other's last byte (ISO 14230-2 measures P2 from the end of the request or of the
 * previous module's answer). Once our first byte is out the frame goes as planned.
 */
final class Transmitter {

    private final Clock clock;
    private final LineEndpoint line;
    private final ArrayDeque<Integer> expectedEcho = new ArrayDeque<>();
    private long lastByteAt = Long.MIN_VALUE;
    private final List<Clock.Scheduled> pending = new ArrayList<>();

    private final boolean hearsOwnBytes;
    /** Our response delay on a shared line, or null where the line is ours alone. */
    private LongSupplier holdOff;

    private long lastOtherAt = Long.MIN_VALUE;
    /** The frame going out: its bytes, their instants (moved when held off) and what runs after it. */
    private byte[] frameBytes;

    private long[] frameAt;
    private LongConsumer frameDone;
    private boolean firstOut;
    private long frameFirstAt = Long.MIN_VALUE;

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
        if (bytes.length == 0) {
            return;
        }
        long[] when = at.clone();
        if (holdOff != null && lastOtherAt != Long.MIN_VALUE) {
            shift(when, lastOtherAt + holdOff.getAsLong() - when[0]);
        }
        frameBytes = bytes.clone();
        frameAt = when;
        frameDone = done;
        firstOut = false;
        schedule();
    }

    /**
     * On a shared line, holds our frames until the line has been quiet for {@code responseDelay}
     * (read at each frame: a session may change it); nothing on a line that is ours alone.
     */
    void holdOffOnSharedLine(LongSupplier responseDelay) {
        if (line.shared()) {
            this.holdOff = responseDelay;
        }
    }

    /** The instant the first byte of the last frame went (or goes) out, after any hold-off. */
    long frameFirstAt() {
        return frameFirstAt;
    }

    private static void shift(long[] at, long by) {
        if (by <= 0) {
            return;
        }
        for (int i = 0; i < at.length; i++) {
            at[i] += by;
        }
    }

    /** Someone else's byte at {@code at}: on a shared line a frame of ours not yet begun waits. */
    private void heardOther(long at) {
        lastOtherAt = at;
        if (holdOff == null || pending.isEmpty() || firstOut) {
            return;
        }
        long by = at + holdOff.getAsLong() - frameAt[0];
        if (by > 0) {
            for (Clock.Scheduled s : pending) {
                s.cancel();
            }
            pending.clear();
            shift(frameAt, by);
            schedule();
        }
    }

    private void schedule() {
        byte[] bytes = frameBytes;
        long[] at = frameAt;
        LongConsumer done = frameDone;
        frameFirstAt = at[0];
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            boolean last = i == bytes.length - 1;
            pending.add(clock.schedule(at[i], () -> {
                if (hearsOwnBytes) {
                    expectedEcho.add(b);
                }
                lastByteAt = clock.nanos();
                firstOut = true;
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
        firstOut = false;
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
            heardOther(clock.nanos());
            return false;
        }
        expectedEcho.poll();
        if (head != value) {
            collision.accept(head);
            heardOther(clock.nanos());
            return false;
        }
        return true;
    }
}
