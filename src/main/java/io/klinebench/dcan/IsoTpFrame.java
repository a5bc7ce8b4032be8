package io.klinebench.dcan;

import io.klinebench.line.Hex;
import java.util.Arrays;
import java.util.Objects;

/**
 * One ISO 15765-2 (ISO-TP) frame with extended addressing, as D-CAN carries it: the first
 * data byte is the target address (N_TA), the second the protocol control information (PCI).
 *
 * <pre>
 *  byte    0     1            2         3 .. 7
 *  SF     TA   0L            data (L = 1..6 bytes)
 *  FF     TA   1H            LL        data (5 bytes)      length HLL = 7..4095
 *  CF     TA   2N            data (up to 6 bytes)          N = sequence number 0..F
 *  FC     TA   3S            BS        STmin               S = flow status
 * </pre>
 *
 * A K+DCAN cable sends every frame with 8 data bytes, padded with 00 (CanAdapter.c); frames
 * are encoded that way here. A consecutive frame does not say how many of its bytes are
 * data: the receiver knows from the first frame's length, so {@link ConsecutiveFrame#data}
 * holds all bytes after the PCI, padding included.
 */
public sealed interface IsoTpFrame {

    /** The most data a single frame carries with extended addressing. */
    int SINGLE_MAX = 6;
    /** The data in a first frame with extended addressing. */
    int FIRST_DATA = 5;
    /** The most data a consecutive frame carries with extended addressing. */
    int CONSECUTIVE_MAX = 6;
    /** The longest message a first frame can announce (12 bits). */
    int MAX_MESSAGE = 0xFFF;
    /** What the cable pads its frames with. */
    int PADDING = 0x00;

    /** The target address, the frame's first data byte. */
    int target();

    /** The frame's bytes from the PCI on, unpadded. */
    byte[] payload();

    /** As CAN frame {@code id}, padded to 8 bytes with {@link #PADDING}. */
    default CanFrame encode(int id) {
        byte[] p = payload();
        byte[] data = new byte[CanFrame.MAX_DATA];
        Arrays.fill(data, (byte) PADDING);
        data[0] = (byte) target();
        System.arraycopy(p, 0, data, 1, p.length);
        return new CanFrame(id, data);
    }

    /** A whole message of 1..6 bytes. */
    record SingleFrame(int target, byte[] data) implements IsoTpFrame {
        public SingleFrame {
            checkAddress(target);
            if (data.length < 1 || data.length > SINGLE_MAX) {
                throw new IllegalArgumentException("a single frame carries 1..6 bytes here, not " + data.length);
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public byte[] payload() {
            byte[] p = new byte[1 + data.length];
            p[0] = (byte) data.length;
            System.arraycopy(data, 0, p, 1, data.length);
            return p;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SingleFrame f && f.target == target && Arrays.equals(f.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * target + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return String.format("SF[%02X: %s]", target, Hex.of(data));
        }
    }

    /** The start of a longer message: its whole length and the first 5 bytes. */
    record FirstFrame(int target, int length, byte[] data) implements IsoTpFrame {
        public FirstFrame {
            checkAddress(target);
            if (length <= SINGLE_MAX || length > MAX_MESSAGE) {
                throw new IllegalArgumentException("a first frame announces 7..4095 bytes here, not " + length);
            }
            if (data.length != FIRST_DATA) {
                throw new IllegalArgumentException("a first frame carries 5 bytes here, not " + data.length);
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public byte[] payload() {
            byte[] p = new byte[2 + FIRST_DATA];
            p[0] = (byte) (0x10 | (length >> 8));
            p[1] = (byte) length;
            System.arraycopy(data, 0, p, 2, FIRST_DATA);
            return p;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FirstFrame f && f.target == target && f.length == length && Arrays.equals(f.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * target + length) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return String.format("FF[%02X: length %d, %s]", target, length, Hex.of(data));
        }
    }

    /** The next bytes of a message, with its sequence number (1, 2, .. F, 0, 1, ..). */
    record ConsecutiveFrame(int target, int sequence, byte[] data) implements IsoTpFrame {
        public ConsecutiveFrame {
            checkAddress(target);
            if (sequence < 0 || sequence > 0xF) {
                throw new IllegalArgumentException("a sequence number is 0..F, not " + sequence);
            }
            if (data.length < 1 || data.length > CONSECUTIVE_MAX) {
                throw new IllegalArgumentException("a consecutive frame carries 1..6 bytes here, not " + data.length);
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public byte[] payload() {
            byte[] p = new byte[1 + data.length];
            p[0] = (byte) (0x20 | sequence);
            System.arraycopy(data, 0, p, 1, data.length);
            return p;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ConsecutiveFrame f
                    && f.target == target
                    && f.sequence == sequence
                    && Arrays.equals(f.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * target + sequence) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return String.format("CF[%02X: #%X %s]", target, sequence, Hex.of(data));
        }
    }

    /**
     * The receiver's answer to a first frame (and to each block): go on, wait, or overflow;
     * {@code blockSize} consecutive frames before the next flow control (0: all of them).
     */
    record FlowControl(int target, FlowStatus status, int blockSize, SeparationTime stMin) implements IsoTpFrame {
        public FlowControl {
            checkAddress(target);
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(stMin, "stMin");
            if (blockSize < 0 || blockSize > 0xFF) {
                throw new IllegalArgumentException("a block size is a byte, 00..FF, not " + blockSize);
            }
        }

        @Override
        public byte[] payload() {
            return new byte[] {(byte) (0x30 | status.code()), (byte) blockSize, (byte) stMin.code()};
        }

        @Override
        public String toString() {
            return String.format("FC[%02X: %s BS %d STmin %02X]", target, status, blockSize, stMin.code());
        }
    }

    /** What a CAN frame reads as: an ISO-TP frame, or why it is none. */
    sealed interface Parsed {}

    record Ok(IsoTpFrame frame) implements Parsed {}

    /** Not an ISO-TP frame with extended addressing; {@code why} in words. */
    record Bad(String why) implements Parsed {}

    /** Reads {@code can}'s data as an ISO-TP frame with extended addressing. */
    static Parsed decode(CanFrame can) {
        if (can.length() < 2) {
            return new Bad("no PCI: " + can.length() + " data bytes");
        }
        int target = can.at(0);
        int pci = can.at(1);
        int low = pci & 0x0F;
        byte[] d = can.data();
        switch (pci >> 4) {
            case 0:
                if (low < 1 || low > SINGLE_MAX || low > can.length() - 2) {
                    return new Bad("single frame length " + low + " in " + can.length() + " data bytes");
                }
                return new Ok(new SingleFrame(target, Arrays.copyOfRange(d, 2, 2 + low)));
            case 1:
                if (can.length() < CanFrame.MAX_DATA) {
                    return new Bad("a first frame has 8 data bytes, this " + can.length());
                }
                int length = low << 8 | can.at(2);
                if (length <= SINGLE_MAX) {
                    return new Bad("a first frame announcing " + length + " bytes (a single frame carries up to 6)");
                }
                return new Ok(new FirstFrame(target, length, Arrays.copyOfRange(d, 3, 8)));
            case 2:
                if (can.length() < 3) {
                    return new Bad("a consecutive frame without data");
                }
                return new Ok(new ConsecutiveFrame(target, low, Arrays.copyOfRange(d, 2, can.length())));
            case 3:
                FlowStatus status = FlowStatus.of(low);
                if (status == null) {
                    return new Bad("reserved flow status " + low);
                }
                if (can.length() < 4) {
                    return new Bad("a flow control frame has at least 4 data bytes here, this " + can.length());
                }
                return new Ok(new FlowControl(target, status, can.at(2), new SeparationTime(can.at(3))));
            default:
                return new Bad(String.format("reserved frame type %X", pci >> 4));
        }
    }

    private static void checkAddress(int target) {
        if (target < 0 || target > 0xFF) {
            throw new IllegalArgumentException("the target address is a byte, 00..FF, not " + target);
        }
    }
}
