package io.klinebench.dcan;

import io.klinebench.line.Direction;
import java.util.Objects;

/**
 * One CAN frame as the bus carried it: who sent it, when it was asked for, when its first bit
 * went out and when it was over (the sender's confirmation, the receivers' indication).
 *
 * @param requestedAt when the sender asked for it to be sent (N_As and N_Ar count from here)
 * @param firstAt     its first bit
 * @param at          its end
 * @param by          the tester's side (the cable) or the vehicle's (the gateway, a module)
 * @param frame       the frame
 */
public record CanTraceEntry(long requestedAt, long firstAt, long at, Direction by, CanFrame frame) {

    public CanTraceEntry {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(frame, "frame");
        if (requestedAt > firstAt || firstAt > at) {
            throw new IllegalArgumentException("asked for, first bit, end: in that order");
        }
    }

    /** The frame's sender address: the low byte of its identifier (0x600 | address). */
    public int sender() {
        return frame.id() & 0xFF;
    }
}
