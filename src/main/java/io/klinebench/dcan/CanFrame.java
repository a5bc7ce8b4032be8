package io.klinebench.dcan;

import io.klinebench.line.Hex;
import java.util.Arrays;

/**
 * A classic CAN data frame with an 11-bit identifier (ISO 11898-1 base format), as D-CAN
 * carries it: 0..8 data bytes.
 *
 * @param id   the identifier, 0x000..0x7FF (D-CAN diagnostics: 0x600 | sender's address)
 * @param data 0..8 bytes
 */
public record CanFrame(int id, byte[] data) {

    /** The most data bytes in a classic CAN frame. */
    public static final int MAX_DATA = 8;

    public CanFrame {
        if (id < 0 || id > 0x7FF) {
            throw new IllegalArgumentException(String.format("an 11-bit CAN identifier is 000..7FF, not %X", id));
        }
        if (data.length > MAX_DATA) {
            throw new IllegalArgumentException("a classic CAN frame carries 0..8 data bytes, not " + data.length);
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Data byte {@code i}, 0..255. */
    public int at(int i) {
        return data[i] & 0xFF;
    }

    public int length() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanFrame f && f.id == id && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * id + Arrays.hashCode(data);
    }

    /** E.g. {@code 6F1 [40 02 22 00 00 00 00 00]}. */
    @Override
    public String toString() {
        return String.format("%03X [%s]", id, Hex.of(data));
    }
}
