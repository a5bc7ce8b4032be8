package io.klinebench.kline;

import java.util.Arrays;

/**
 * Bytes as they cross the line, each with its own arrival time (nanoseconds). Built in
 * order: {@code startingAt(t).spacing(s).then(frame).gap(g).then(more)}; a byte follows the
 * one before it by the spacing, the first byte after {@link #gap} by the gap.
 */
final class LineBytes {

    private byte[] values = new byte[64];
    private long[] times = new long[64];
    private int size;
    private long nextAt;
    private long spacing;

    private LineBytes(long firstAt) {
        this.nextAt = firstAt;
    }

    static LineBytes startingAt(long firstAt) {
        return new LineBytes(firstAt);
    }

    /** The time between one byte and the next from here on. */
    LineBytes spacing(long nanos) {
        this.spacing = nanos;
        if (size > 0) {
            nextAt = times[size - 1] + nanos;
        }
        return this;
    }

    /** The next byte comes this long after the last one (then the spacing applies again). */
    LineBytes gap(long nanos) {
        nextAt = times[size - 1] + nanos;
        return this;
    }

    LineBytes then(byte[] bytes) {
        for (byte b : bytes) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                times = Arrays.copyOf(times, size * 2);
            }
            values[size] = b;
            times[size] = nextAt;
            size++;
            nextAt += spacing;
        }
        return this;
    }

    int size() {
        return size;
    }

    int value(int i) {
        return values[i] & 0xFF;
    }

    long at(int i) {
        return times[i];
    }

    long lastAt() {
        return times[size - 1];
    }

    byte[] bytes() {
        return Arrays.copyOf(values, size);
    }

    /** Feeds every byte, one by one, with its time. */
    <F> void feedTo(FrameDecoder<F> decoder) {
        for (int i = 0; i < size; i++) {
            decoder.feed(value(i), at(i));
        }
    }

    /**
     * Feeds the bytes in chunks of {@code chunk}, as a serial port hands them over. Between
     * chunks the transport looks at the decoder once more, just before the next chunk's first
     * byte arrives: {@code expire(next byte's time - 1)}, which drops a partial frame only
     * when the gap before that byte is over the limit.
     */
    <F> void feedInChunks(FrameDecoder<F> decoder, int chunk) {
        for (int from = 0; from < size; from += chunk) {
            int to = Math.min(size, from + chunk);
            for (int i = from; i < to; i++) {
                decoder.feed(value(i), at(i));
            }
            if (to < size) {
                decoder.expire(at(to) - 1);
            }
        }
    }
}
