package io.klinebench.dcan;

import io.klinebench.line.Hex;
import java.util.Arrays;

/**
 * A BMW-FAST telegram, as an EDIABAS-style tester writes it to a K+DCAN cable in D-CAN mode
 * and as the cable writes the module's answer back (ediabaslib, CanAdapter.c and
 * EdInterfaceBase.TelLengthBmwFast): the ISO 14230-2 header with address bytes.
 *
 * <pre>
 *  +-----+-----+-----+-------+---------------------+----+
 *  | FMT | TGT | SRC | [LEN] | SID  data ...       | CS |
 *  +-----+-----+-----+-------+---------------------+----+
 *   FMT: 0x80 | data length 1..63, or 0x80 and a LEN byte 64..255 follows SRC
 *   TGT: the module (0x40 the CAS)   SRC: the tester (0xF1)   CS: sum of all bytes mod 256
 * </pre>
 *
 * The cable forwards 1..255 data bytes (an ISO-TP first frame longer than 0xFF is dropped by
 * its firmware); EDIABAS's two-byte length form ({@code LEN 00 LH LL}) is not taken here, and
 * a LEN byte of 0 is a bad length. The cable writes data of up to 63 bytes in FMT; a tester may
 * still use a LEN byte for short data (EDIABAS reads both), so the form is part of the value.
 *
 * @param target     the addressed module (0..255)
 * @param source     the sender (0..255)
 * @param lengthByte whether the length travels in a LEN byte (required above 63 data bytes)
 * @param data       service id and parameters, 1..255 bytes
 */
public record BmwFastTelegram(int target, int source, boolean lengthByte, byte[] data) {

    /** FMT bits 7-6 of every BMW-FAST telegram: physical addressing with address bytes. */
    public static final int FORMAT = 0x80;
    /** Longest data field the cable carries. */
    public static final int MAX_DATA = 255;
    /** Longest data field in FMT's six length bits. */
    public static final int MAX_DATA_IN_FMT = 63;
    /** Longest telegram: FMT TGT SRC LEN + 255 data + CS. */
    public static final int MAX_TELEGRAM = 4 + MAX_DATA + 1;

    public BmwFastTelegram {
        checkByte(target, "target");
        checkByte(source, "source");
        if (data.length < 1 || data.length > MAX_DATA) {
            throw new IllegalArgumentException("a BMW-FAST telegram carries 1..255 data bytes, not " + data.length);
        }
        if (data.length > MAX_DATA_IN_FMT && !lengthByte) {
            throw new IllegalArgumentException("more than 63 data bytes need a LEN byte");
        }
        data = data.clone();
    }

    /** In the cable's form: the length in FMT up to 63 data bytes, in a LEN byte above. */
    public BmwFastTelegram(int target, int source, byte[] data) {
        this(target, source, data.length > MAX_DATA_IN_FMT, data);
    }

    private static void checkByte(int value, String what) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("the " + what + " address is a byte, 00..FF, not " + value);
        }
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The whole telegram as it travels, checksum last. */
    public byte[] encode() {
        int header = lengthByte() ? 4 : 3;
        byte[] out = new byte[header + data.length + 1];
        out[0] = (byte) (FORMAT | (lengthByte() ? 0 : data.length));
        out[1] = (byte) target;
        out[2] = (byte) source;
        if (lengthByte()) {
            out[3] = (byte) data.length;
        }
        System.arraycopy(data, 0, out, header, data.length);
        out[out.length - 1] = (byte) checksum(out, 0, out.length - 1);
        return out;
    }

    /** Sum of {@code length} bytes from {@code from}, mod 256. */
    public static int checksum(byte[] b, int from, int length) {
        int sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += b[i] & 0xFF;
        }
        return sum & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BmwFastTelegram t
                && t.target == target
                && t.source == source
                && t.lengthByte == lengthByte
                && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * target + source) + Boolean.hashCode(lengthByte)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return String.format("BmwFastTelegram[%02X <- %02X: %s]", target, source, Hex.of(data));
    }
}
