package io.klinebench.kline;

import io.klinebench.line.Direction;
import java.util.Optional;

/**
 * How a listener tells who sent a frame, from the frame alone or from the turn of the
 * conversation: one member per protocol ({@link KwpSides}, {@link Ds2Sides}).
 */
public interface SideRule {

    /** What the frame tells of its side. */
    record Told(Direction side, String by) {}

    /**
     * Who sent {@code raw} (whole, or the first bytes of a broken frame), or empty when the
     * bytes do not say.
     *
     * @param previous the side of the frame before it, or null at the start
     * @param gap      time since the end of that frame
     */
    Optional<Told> sideOf(byte[] raw, Direction previous, long gap);

    /** What the gap from a frame of {@code from} to one of {@code to} is called (P2, P3...). */
    String gapName(Direction from, Direction to);
}
