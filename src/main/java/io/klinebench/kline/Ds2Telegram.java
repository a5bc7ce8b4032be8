package io.klinebench.kline;

import io.klinebench.line.Hex;
import java.util.Arrays;
import java.util.Objects;

/**
 * A BMW DS2 telegram.
 *
 * <pre>
 *  +------+-----+-------------------+-----+
 *  | ADDR | LEN | data ...          | CHK |
 *  +------+-----+-------------------+-----+
 *   LEN counts every byte, ADDR, LEN and CHK included (4..255)
 *   CHK: XOR of all preceding bytes
 *   answers carry a status byte first in data: A0 ok, A1 busy, A2 rejected,
 *   B0 bad parameter, B1 bad function, B2 bad number, FF not acknowledged
 * </pre>
 *
 * @param address ECU address (0x00 for the body controller)
 * @param data    1..252 bytes
 */
public record Ds2Telegram(int address, byte[] data) {

    public static final int MIN_LENGTH = 4;

    /** The status byte a positive answer starts with (BMW's job result tables: A0 OK); anything else is a refusal. */
    public static final int STATUS_OK = 0xA0;

    public static final int MAX_LENGTH = 255;

    public Ds2Telegram {
        if (address < 0 || address > 255) {
            throw new IllegalArgumentException("address must be 0..255, not " + address);
        }
        Objects.requireNonNull(data, "data");
        data = data.clone();
        if (data.length < 1 || data.length > MAX_LENGTH - 3) {
            throw new IllegalArgumentException("data must be 1.." + (MAX_LENGTH - 3) + " bytes, not " + data.length);
        }
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public byte[] encode() {
        byte[] out = new byte[data.length + 3];
        out[0] = (byte) address;
        out[1] = (byte) out.length;
        System.arraycopy(data, 0, out, 2, data.length);
        out[out.length - 1] = (byte) xor(out, 0, out.length - 1);
        return out;
    }

    public static int xor(byte[] bytes, int from, int to) {
        int x = 0;
        for (int i = from; i < to; i++) {
            x ^= bytes[i] & 0xFF;
        }
        return x;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ds2Telegram t && t.address == address && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * address + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Ds2Telegram[" + Hex.of(encode()) + "]";
    }
}
