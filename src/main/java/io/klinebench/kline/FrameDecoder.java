package io.klinebench.kline;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongBinaryOperator;

/**
 * The part every K-line frame decoder shares: a buffer of timestamped bytes, the inter-byte
 * timeout that truncates a frame, and re-synchronisation after a bad frame (the first byte
 * is dropped and the rest is read again, so a good frame behind garbage is still found).
 * Pure: no I/O, no clock; time comes with each byte. Subclasses say how long a frame is and
 * how to check and build it.
 *
 * @param <F> the frame type
 */
public abstract class FrameDecoder<F> {

    private final long interByteMaxNanos;
    private final byte[] buf;
    private final long[] times;
    private int size;
    /** Set after a bad frame was dropped one byte at a time, until a frame or a timeout. */
    private boolean resyncing;
    /** Re-synchronise by waiting for the line to go idle instead of sliding byte by byte. */
    private boolean resyncByIdle;
    /** Waiting for idle after a bad frame: bytes are collected and dropped, never read. */
    private boolean discarding;
    /**
     * When the last byte came, kept or dropped. The idle time that ends discarding counts from
     * it: the buffer is empty right after the bad frame itself was dropped, so it cannot say.
     */
    private long lastByteAt;

    /**
     * Sliding past a bad frame, byte by byte: the bytes slid past so far, reported as one
     * dropped run (with the reason of its first byte) when a frame is found after them or the
     * line goes quiet, not as one event per byte: one bad frame is one event.
     */
    private final byte[] slid;

    private int slidSize;
    private long slidFirst;
    private long slidLast;
    private Decoded.Reason slidReason;

    private Consumer<Decoded<F>> out = d -> {};

    /** How much longer than the limit a gap from..to may be without cutting the frame (the machine's stops). */
    private LongBinaryOperator stretch = (from, to) -> 0;

    /** How soon whoever times a decoder looks again at a frame kept past its deadline by a stretched gap. */
    public static final long LOOK_AGAIN = 2_000_000;

    protected FrameDecoder(long interByteMaxNanos, int maxFrame) {
        this.interByteMaxNanos = interByteMaxNanos;
        this.buf = new byte[maxFrame];
        this.times = new long[maxFrame];
        this.slid = new byte[maxFrame];
    }

    /**
     * How an ECU re-synchronises: after a bad frame it drops everything until the line has
     * been idle longer than the inter-byte limit, and reads the next frame after that. Sliding
     * one byte at a time (the default, for reading captures) can find a frame inside a
     * corrupted one ({@code 84 40 F1 10 01 F9 FA ..} holds {@code 01 F9 FA}); an ECU must not
     * answer that, and a tester that keeps P3 never sends a frame right behind garbage.
     */
    public FrameDecoder<F> resyncByIdle() {
        this.resyncByIdle = true;
        return this;
    }

    /**
     * Lets a gap in a frame run longer than the limit by what {@code stretch} gives for it (from
     * the stamp before the gap to the one after, or to now): on a real line, the machine's stops
     * in the gap ({@link LineConditions#tolerance(long, long)}), which held the byte, not the
     * sender. Asked only for a gap beyond the limit.
     */
    public FrameDecoder<F> stretchGaps(LongBinaryOperator stretch) {
        this.stretch = stretch;
        return this;
    }

    /** Where decoded frames and dropped bytes go. */
    public void onDecoded(Consumer<Decoded<F>> listener) {
        this.out = listener;
    }

    /** The longest gap between two bytes of one frame. */
    public long interByteMax() {
        return interByteMaxNanos;
    }

    /** True when no partial frame is buffered. */
    public boolean idle() {
        return size == 0;
    }

    /**
     * When the buffered partial frame times out, or the discarding after a bad frame ends (the
     * last byte + the limit + 1 ns), or -1.
     */
    public long deadline() {
        if (discarding) {
            return lastByteAt + interByteMaxNanos + 1;
        }
        if (size == 0) {
            // bytes slid past a bad frame with nothing after them are reported when the line goes quiet
            return slidSize == 0 ? -1 : slidLast + interByteMaxNanos + 1;
        }
        return times[size - 1] + interByteMaxNanos + 1;
    }

    /** One byte, received at {@code at}. */
    public void feed(int value, long at) {
        if (discarding) {
            if (at - lastByteAt <= interByteMaxNanos) {
                if (size == buf.length) {
                    drop(Decoded.Reason.RESYNC, size);
                }
                append(value, at);
                return;
            }
            endDiscarding();
        } else if (size > 0 && beyondLimit(times[size - 1], at)) {
            timedOut();
        } else if (size == 0 && slidSize > 0 && at - slidLast > interByteMaxNanos) {
            reportSlid();
            resyncing = false;
        }
        append(value, at);
        scan();
    }

    /** Time passes with no byte: a partial frame older than the limit is dropped, and discarding ends. */
    public void expire(long now) {
        if (discarding) {
            if (now - lastByteAt > interByteMaxNanos) {
                endDiscarding();
            }
        } else if (size > 0 && beyondLimit(times[size - 1], now)) {
            timedOut();
        } else if (size == 0 && slidSize > 0 && now - slidLast > interByteMaxNanos) {
            reportSlid();
            resyncing = false;
        }
    }

    private boolean beyondLimit(long last, long at) {
        long gap = at - last;
        return gap > interByteMaxNanos && gap > interByteMaxNanos + stretch.applyAsLong(last, at);
    }

    private void append(int value, long at) {
        buf[size] = (byte) value;
        times[size] = at;
        size++;
        lastByteAt = at;
    }

    private void endDiscarding() {
        if (size > 0) {
            drop(Decoded.Reason.RESYNC, size);
        }
        discarding = false;
    }

    /**
     * The buffered bytes will get no successor. Normally they are one truncated frame and go
     * as a whole: re-reading a truncated frame could find a false frame inside it. But after
     * a bad frame was dropped byte by byte, a good frame may sit right behind it, with a
     * length field of the garbage in front still waiting for bytes that never come: then the
     * buffer is searched for a complete frame before what is left is dropped.
     */
    private void timedOut() {
        if (!resyncing) {
            drop(Decoded.Reason.INTER_BYTE_TIMEOUT, size);
            return;
        }
        while (size > 0) {
            int length = frameLength(buf, size);
            if (length > 0 && size >= length && checksumOk(buf, length)) {
                emitFrame(length);
            } else {
                slide(Decoded.Reason.INTER_BYTE_TIMEOUT);
            }
        }
        reportSlid();
        resyncing = false;
    }

    /** Forgets any partial frame without reporting it (a new init). */
    public void reset() {
        size = 0;
        slidSize = 0;
        resyncing = false;
        discarding = false;
    }

    /**
     * The total frame length once enough of the header is known, -1 while it is not, or
     * 0 when the header cannot be right.
     */
    protected abstract int frameLength(byte[] buf, int available);

    /** Whether the checksum of a complete frame of {@code length} bytes is right. */
    protected abstract boolean checksumOk(byte[] buf, int length);

    /** Builds the frame from its bytes (checksum already checked). */
    protected abstract F build(byte[] frame);

    private void scan() {
        while (size > 0) {
            int length = frameLength(buf, size);
            if (length == 0) {
                if (badFrame(Decoded.Reason.BAD_LENGTH, size)) {
                    return;
                }
                continue;
            }
            if (length < 0 || size < length) {
                return;
            }
            if (!checksumOk(buf, length)) {
                if (badFrame(Decoded.Reason.BAD_CHECKSUM, length)) {
                    return;
                }
                continue;
            }
            emitFrame(length);
            resyncing = false;
        }
    }

    /**
     * Drops a bad frame: one byte to slide past it, or (re-synchronising by idle) the whole
     * frame, after which bytes are collected until the line goes idle. Returns true when
     * scanning must stop.
     */
    private boolean badFrame(Decoded.Reason reason, int length) {
        if (resyncByIdle) {
            drop(reason, length);
            discarding = true;
            // What already followed the bad frame without a pause is discarded too.
            return true;
        }
        resyncing = true;
        slide(reason);
        return false;
    }

    /** Slides one byte past a bad frame; reported with the others slid past ({@link #reportSlid}). */
    private void slide(Decoded.Reason reason) {
        if (slidSize == slid.length) {
            reportSlid();
        }
        if (slidSize == 0) {
            slidReason = reason;
            slidFirst = times[0];
        }
        slidLast = times[0];
        slid[slidSize++] = buf[0];
        consume(1);
    }

    private void reportSlid() {
        if (slidSize > 0) {
            byte[] raw = Arrays.copyOf(slid, slidSize);
            slidSize = 0;
            out.accept(new Decoded.Dropped<>(slidReason, raw, slidFirst, slidLast));
        }
    }

    private void emitFrame(int length) {
        reportSlid();
        byte[] raw = Arrays.copyOf(buf, length);
        long first = times[0];
        long last = times[length - 1];
        long longestGap = 0;
        for (int i = 1; i < length; i++) {
            longestGap = Math.max(longestGap, times[i] - times[i - 1]);
        }
        consume(length);
        out.accept(new Decoded.Frame<>(build(raw), raw, first, last, longestGap));
    }

    /** Reports and removes the first {@code n} bytes; the rest is scanned again by the caller. */
    private void drop(Decoded.Reason reason, int n) {
        byte[] raw = Arrays.copyOf(buf, n);
        long first = times[0];
        long last = times[n - 1];
        consume(n);
        out.accept(new Decoded.Dropped<>(reason, raw, first, last));
    }

    private void consume(int n) {
        System.arraycopy(buf, n, buf, 0, size - n);
        System.arraycopy(times, n, times, 0, size - n);
        size -= n;
    }
}
