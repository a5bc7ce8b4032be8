package io.klinebench.dcan;

/**
 * How long a classic CAN data frame with an 11-bit identifier takes on the bus, at the worst
 * case of bit stuffing, the intermission included:
 *
 * <pre>
 *   bits(n) = 34 + 8n  +  13  +  floor((34 + 8n - 1) / 4)
 *             ^ SOF, identifier, RTR, IDE, r0, DLC, data, CRC: the stuffed part
 *                         ^ CRC delimiter 1, ACK 2, end of frame 7, intermission 3
 *                                ^ at most one stuff bit per 4 bits after the first
 * </pre>
 *
 * (Davis, Burns, Bril and Lukkien, "Controller Area Network (CAN) schedulability analysis:
 * Refuted, revisited and revised", Real-Time Systems 35, 2007, equation for standard
 * identifiers; the field widths are ISO 11898-1's.) 8 data bytes: 135 bits, 270 µs at 500
 * kbit/s, the rate of D-CAN (BMW service information; ediabaslib's adapter firmware, CAN mode
 * 1 = 500 kbit/s). The virtual bus uses the worst case so that every time it shows is one a
 * real bus can reach; without stuffing the same frame takes 111 bits, 222 µs.
 *
 * @param bitsPerSecond the bus's bit rate
 */
public record CanBitTiming(long bitsPerSecond) {

    /** D-CAN: 500 kbit/s. */
    public static final CanBitTiming D_CAN = new CanBitTiming(500_000);

    public CanBitTiming {
        if (bitsPerSecond <= 0 || 1_000_000_000L % bitsPerSecond != 0) {
            throw new IllegalArgumentException(
                    "a bit rate that divides a second into whole nanoseconds, not " + bitsPerSecond);
        }
    }

    /** The bits of a frame with {@code dataBytes} data bytes, worst-case stuffing and intermission included. */
    public static int frameBits(int dataBytes) {
        if (dataBytes < 0 || dataBytes > CanFrame.MAX_DATA) {
            throw new IllegalArgumentException("0..8 data bytes, not " + dataBytes);
        }
        int stuffed = 34 + 8 * dataBytes;
        return stuffed + 13 + (stuffed - 1) / 4;
    }

    /** The bits of the same frame with no stuff bit at all. */
    public static int frameBitsUnstuffed(int dataBytes) {
        return 34 + 8 * dataBytes + 13;
    }

    public long bitNanos() {
        return 1_000_000_000L / bitsPerSecond;
    }

    /** How long {@code frame} takes on the bus, first bit to the end of the intermission. */
    public long frameNanos(CanFrame frame) {
        return frameBits(frame.length()) * bitNanos();
    }
}
