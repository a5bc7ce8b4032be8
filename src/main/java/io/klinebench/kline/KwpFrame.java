package io.klinebench.kline;

import io.klinebench.line.Hex;
import java.util.Arrays;
import java.util.Objects;

/**
 * An ISO 14230-2 (KWP2000 on K-line) message.
 *
 * <pre>
 *  +-----+-----+-----+-----+---------------------+----+
 *  | FMT | TGT | SRC | LEN | SID  data ...       | CS |
 *  +-----+-----+-----+-----+---------------------+----+
 *   FMT bits 7-6: addressing (00 none, 01 CARB, 10 physical, 11 functional)
 *   FMT bits 5-0: data length 1..63, or 0 when a LEN byte follows (1..255)
 *   TGT SRC: present unless addressing is "none"     CS: sum of all bytes mod 256
 * </pre>
 *
 * All four header forms round-trip: the form is part of the value.
 *
 * @param addressing  the FMT address mode
 * @param target      target address (0..255), ignored without address bytes
 * @param source      source address (0..255), ignored without address bytes
 * @param lengthByte  whether the length travels in a separate LEN byte
 * @param data        service id and parameters, 1..255 bytes
 */
public record KwpFrame(Addressing addressing, int target, int source, boolean lengthByte, byte[] data) {

    /** Longest data field (with a LEN byte). */
    public static final int MAX_DATA = 255;
    /** Longest data field that fits in FMT's six length bits. */
    public static final int MAX_DATA_IN_FMT = 63;
    /** Longest frame on the wire: FMT TGT SRC LEN + 255 data + CS. */
    public static final int MAX_FRAME = 4 + MAX_DATA + 1;

    public enum Addressing {
        NONE(0x00),
        CARB(0x40),
        PHYSICAL(0x80),
        FUNCTIONAL(0xC0);

        private final int bits;

        Addressing(int bits) {
            this.bits = bits;
        }

        public int bits() {
            return bits;
        }

        public boolean hasAddressBytes() {
            return this != NONE;
        }

        public static Addressing ofFormat(int fmt) {
            return values()[(fmt & 0xC0) >> 6];
        }
    }

    public KwpFrame {
        Objects.requireNonNull(addressing, "addressing");
        Objects.requireNonNull(data, "data");
        data = data.clone();
        if (data.length < 1 || data.length > MAX_DATA) {
            throw new IllegalArgumentException("data must be 1.." + MAX_DATA + " bytes, not " + data.length);
        }
        if (!lengthByte && data.length > MAX_DATA_IN_FMT) {
            throw new IllegalArgumentException(data.length + " data bytes need a LEN byte (FMT holds at most 63)");
        }
        if (addressing.hasAddressBytes()) {
            checkByte("target", target);
            checkByte("source", source);
        } else {
            target = -1;
            source = -1;
        }
    }

    /** A physically addressed request or response with the shortest header that fits. */
    public static KwpFrame physical(int target, int source, byte... data) {
        return new KwpFrame(Addressing.PHYSICAL, target, source, data.length > MAX_DATA_IN_FMT, data);
    }

    /** A functionally addressed message with the shortest header that fits. */
    public static KwpFrame functional(int target, int source, byte... data) {
        return new KwpFrame(Addressing.FUNCTIONAL, target, source, data.length > MAX_DATA_IN_FMT, data);
    }

    /**
     * The response of an ECU at {@code ecuAddress} to {@code request}: physically addressed back
     * to the request's source when the request had address bytes (also a functional one), without
     * address bytes when it had none; the length in a LEN byte when the request used one or the
     * data do not fit in FMT.
     */
    public static KwpFrame responseTo(KwpFrame request, int ecuAddress, byte[] data) {
        boolean addressed = request.addressing().hasAddressBytes();
        return new KwpFrame(
                addressed ? Addressing.PHYSICAL : Addressing.NONE,
                addressed ? request.source() : 0,
                ecuAddress,
                request.lengthByte() || data.length > MAX_DATA_IN_FMT,
                data);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The service id (first data byte). */
    public int sid() {
        return data[0] & 0xFF;
    }

    public int headerLength() {
        return 1 + (addressing.hasAddressBytes() ? 2 : 0) + (lengthByte ? 1 : 0);
    }

    /** The whole frame as sent, checksum included. */
    public byte[] encode() {
        byte[] out = new byte[headerLength() + data.length + 1];
        int i = 0;
        out[i++] = (byte) (addressing.bits() | (lengthByte ? 0 : data.length));
        if (addressing.hasAddressBytes()) {
            out[i++] = (byte) target;
            out[i++] = (byte) source;
        }
        if (lengthByte) {
            out[i++] = (byte) data.length;
        }
        System.arraycopy(data, 0, out, i, data.length);
        out[out.length - 1] = (byte) checksum(out, 0, out.length - 1);
        return out;
    }

    /** Sum of the bytes mod 256 (ISO 14230-2 CS). */
    public static int checksum(byte[] bytes, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += bytes[i] & 0xFF;
        }
        return sum & 0xFF;
    }

    private static void checkByte(String name, int v) {
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException(name + " must be 0..255, not " + v);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KwpFrame f
                && f.addressing == addressing
                && f.target == target
                && f.source == source
                && f.lengthByte == lengthByte
                && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(addressing, target, source, lengthByte, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "KwpFrame[" + Hex.of(encode()) + "]";
    }
}
