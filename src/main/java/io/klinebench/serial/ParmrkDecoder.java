package io.klinebench.serial;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes what a Linux tty delivers with {@code PARMRK} set (and {@code -ignbrk -brkint inpck
 * -ignpar -istrip}): line conditions arrive in-band, marked with 0xFF.
 * <pre>
 *   FF FF     -> the data byte FF
 *   FF 00 00  -> a break (the line was held low for longer than a character)
 *   FF 00 xx  -> a framing (or parity) error on the byte xx
 * </pre>
 * Pure and not thread-safe: one decoder per reader thread. Each {@link #feed} is the raw bytes
 * of one read with the instant that read returned; a sequence split across reads (at any point)
 * decodes the same, stamped with the read that completed it. An incomplete sequence at the end
 * of a read stays pending until the next read.
 *
 * <p>A stray {@code FF} followed by anything else than {@code FF} or {@code 00} cannot come from
 * the kernel (with PARMRK and without ISTRIP every 0xFF data byte is doubled). Should it happen
 * anyway (a misconfigured port), the decoder is lenient: the stray FF is taken as the data byte
 * FF and the byte after it is decoded afresh (it may itself start a new sequence). Nothing is
 * lost and nothing is invented.
 */
public final class ParmrkDecoder {

    /** What one read decoded into. */
    public sealed interface Item {
        /** The instant of the read that completed it. */
        long at();
    }

    /** A data byte, 0..255. */
    public record Data(long at, int value) implements Item {}

    /** A break: the line went back high at (about) {@code at}. */
    public record Break(long at) implements Item {}

    /** A byte received with a framing or parity error. */
    public record FramingError(long at, int value) implements Item {}

    private static final int IDLE = 0;
    private static final int MARK = 1; // seen FF
    private static final int MARK_ZERO = 2; // seen FF 00

    private int state = IDLE;

    /** Decodes {@code length} bytes of one read returned at {@code at}. */
    public List<Item> feed(long at, byte[] bytes, int length) {
        List<Item> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xFF;
            switch (state) {
                case IDLE -> {
                    if (b == 0xFF) {
                        state = MARK;
                    } else {
                        out.add(new Data(at, b));
                    }
                }
                case MARK -> {
                    if (b == 0xFF) {
                        out.add(new Data(at, 0xFF));
                        state = IDLE;
                    } else if (b == 0x00) {
                        state = MARK_ZERO;
                    } else {
                        out.add(new Data(at, 0xFF)); // stray FF: see the class comment
                        out.add(new Data(at, b));
                        state = IDLE;
                    }
                }
                default -> {
                    out.add(b == 0x00 ? new Break(at) : new FramingError(at, b));
                    state = IDLE;
                }
            }
        }
        return out;
    }

    /** Convenience: all of {@code bytes}. */
    public List<Item> feed(long at, byte[] bytes) {
        return feed(at, bytes, bytes.length);
    }

    /** Whether an incomplete sequence waits for the next read. */
    public boolean pending() {
        return state != IDLE;
    }
}
