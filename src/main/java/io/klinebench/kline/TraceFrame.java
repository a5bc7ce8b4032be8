package io.klinebench.kline;

import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import java.util.Arrays;

/**
 * The bytes of one frame as a trace shows them, for {@link TimingValidator}: who sent them,
 * each byte's time and trace index, and whether the frame is whole by its length field.
 * Checksums are not looked at: a frame with a bad checksum still took its time on the line.
 *
 * <p>A frame's length comes from its header (KWP FMT or LEN byte, DS2 LEN byte). A frame
 * whose header cannot be right (KWP LEN 0, DS2 LEN below 4), and the rest of a frame that
 * was cut by a too-long gap, have an open length: they end at the other side's next byte,
 * a line event, or a gap beyond the inter-byte maximum, and such an end is not a violation.
 */
final class TraceFrame {

    /** Total frame length from the first {@code available} bytes: -1 not known yet, 0 cannot be right. */
    interface Lengths {
        int of(byte[] buf, int available);
    }

    /** Longest hex run shown on either side of the place a context points at. */
    private static final int CONTEXT_BYTES = 16;

    final Direction from;
    /** The inter-byte maximum that applied while this frame was assembled. */
    final long interByteMax;
    /** The unfinished frame this is the rest of, after a gap beyond the maximum; null otherwise. */
    final TraceFrame cutFrom;

    private final Lengths lengths;
    private int[] indices = new int[16];
    private long[] times = new long[16];
    private byte[] bytes = new byte[16];
    private int size;
    private int expected;

    private TraceFrame(Direction from, long interByteMax, Lengths lengths, TraceFrame cutFrom) {
        this.from = from;
        this.interByteMax = interByteMax;
        this.lengths = lengths;
        this.cutFrom = cutFrom;
        this.expected = lengths == null ? 0 : -1;
    }

    /** A new frame whose length its header will tell. */
    static TraceFrame start(Direction from, long interByteMax, Lengths lengths) {
        return new TraceFrame(from, interByteMax, lengths, null);
    }

    /**
     * What follows an unfinished frame {@code cut} after a too-long gap: a new frame by its own
     * header, as a link layer reads it after dropping the cut one. Whole by its length, it was a
     * new frame; not whole, it was the rest of the cut one.
     */
    static TraceFrame afterCut(TraceFrame cut, long interByteMax, Lengths lengths) {
        return new TraceFrame(cut.from, interByteMax, lengths, cut);
    }

    /** Bytes that followed a cut frame and are no whole frame themselves: the cut frame's rest. */
    boolean isRest() {
        return cutFrom != null && !complete();
    }

    /** A single byte that is a unit of its own (a 5-baud init byte). */
    static TraceFrame single(Direction from, int index, long at, int value) {
        TraceFrame f = new TraceFrame(from, 0, (b, n) -> 1, null);
        f.add(index, at, value);
        return f;
    }

    void add(int index, long at, int value) {
        if (size == bytes.length) {
            indices = Arrays.copyOf(indices, size * 2);
            times = Arrays.copyOf(times, size * 2);
            bytes = Arrays.copyOf(bytes, size * 2);
        }
        indices[size] = index;
        times[size] = at;
        bytes[size] = (byte) value;
        size++;
        if (expected == -1) {
            expected = lengths.of(bytes, size);
        }
    }

    int size() {
        return size;
    }

    int index(int i) {
        return indices[i];
    }

    long time(int i) {
        return times[i];
    }

    long firstAt() {
        return times[0];
    }

    long lastAt() {
        return times[size - 1];
    }

    /** All bytes its length field announced are here. */
    boolean complete() {
        return expected > 0 && size >= expected;
    }

    /** Its header says (or will say) how long it is, and bytes are still missing. */
    boolean unfinished() {
        return expected == -1 || expected > 0 && size < expected;
    }

    /** The bytes, only for a complete frame; null otherwise. */
    byte[] bytesIfComplete() {
        return complete() ? Arrays.copyOf(bytes, size) : null;
    }

    /** Hex of the frame with " | " before byte {@code i}, shortened away from that place when long. */
    String hexSplitBefore(int i) {
        int from = Math.max(0, i - CONTEXT_BYTES);
        int to = Math.min(size, i + CONTEXT_BYTES);
        return (from > 0 ? "... " : "") + Hex.of(bytes, from, i) + " | " + Hex.of(bytes, i, to)
                + (to < size ? " ..." : "");
    }

    /** Hex of the frame's last bytes, for a context that ends with it. */
    String hexTail() {
        return size <= CONTEXT_BYTES ? Hex.of(bytes, 0, size) : "... " + Hex.of(bytes, size - CONTEXT_BYTES, size);
    }

    /** Hex of the frame's first bytes, for a context that starts with it. */
    String hexHead() {
        return size <= CONTEXT_BYTES ? Hex.of(bytes, 0, size) : Hex.of(bytes, 0, CONTEXT_BYTES) + " ...";
    }
}
