package io.klinebench.kline;

import io.klinebench.line.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A telegram of BMW's KWP2000* (EDIABAS concept 0x010D, "KWP2000 star"), the protocol of the
 * R50/R53 engine controller (EMS2000) on OBD pin 7: ISO 14230's header with the length always
 * in its own byte, and DS2's XOR checksum.
 *
 * <pre>
 *  +-----+-----+-----+-----+-------------------+-----+
 *  | FMT | TGT | SRC | LEN | data ...          | CHK |
 *  +-----+-----+-----+-----+-------------------+-----+
 *   FMT 0x80 (physical addressing, length in LEN)
 *   LEN counts the data bytes (1..255); the telegram is LEN + 5 bytes
 *   CHK: XOR of all preceding bytes
 * </pre>
 *
 * Source: ediabaslib EdInterfaceObd.cs, concept 0x010D: TelLengthKwp2000S takes the length
 * from the fourth byte (+4 header bytes), CalcChecksumKWP2000S is an XOR; a target of 0xEF is
 * sent as a broadcast (several modules may answer); parity even.
 *
 * @param target the receiver's address
 * @param source the sender's address
 * @param data   1..255 bytes (a service id first)
 */
public record KwpStarTelegram(int target, int source, byte[] data) {

    /** The format byte: physical addressing, the length in the LEN byte. */
    public static final int FORMAT = 0x80;

    /** The target EDIABAS sends a broadcast to (ediabaslib TransKwp2000S: {@code sendData[1] == 0xEF}). */
    public static final int BROADCAST = 0xEF;

    public static final int MAX_DATA = 255;

    public static final int MAX_LENGTH = MAX_DATA + 5;

    public KwpStarTelegram {
        if (target < 0 || target > 255 || source < 0 || source > 255) {
            throw new IllegalArgumentException("addresses are bytes, 00..FF");
        }
        Objects.requireNonNull(data, "data");
        data = data.clone();
        if (data.length < 1 || data.length > MAX_DATA) {
            throw new IllegalArgumentException("data must be 1.." + MAX_DATA + " bytes, not " + data.length);
        }
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public byte[] encode() {
        byte[] out = new byte[data.length + 5];
        out[0] = (byte) FORMAT;
        out[1] = (byte) target;
        out[2] = (byte) source;
        out[3] = (byte) data.length;
        System.arraycopy(data, 0, out, 4, data.length);
        out[out.length - 1] = (byte) Ds2Telegram.xor(out, 0, out.length - 1);
        return out;
    }

    /**
     * {@code bytes} read as telegrams back to back, each whole with its checksum right; empty when
     * they are not (a bad format byte, length or checksum, a byte left over). A DS2 module on a
     * wire bridged to this protocol's hears these telegrams and cannot read them: this says what
     * they were.
     */
    public static List<KwpStarTelegram> wholeTelegrams(byte[] bytes) {
        List<KwpStarTelegram> out = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            if (bytes.length - at < 6 || (bytes[at] & 0xFF) != FORMAT || bytes[at + 3] == 0) {
                return List.of();
            }
            int length = (bytes[at + 3] & 0xFF) + 5;
            if (at + length > bytes.length
                    || Ds2Telegram.xor(bytes, at, at + length - 1) != (bytes[at + length - 1] & 0xFF)) {
                return List.of();
            }
            out.add(new KwpStarTelegram(
                    bytes[at + 1] & 0xFF, bytes[at + 2] & 0xFF, Arrays.copyOfRange(bytes, at + 4, at + length - 1)));
            at += length;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KwpStarTelegram t
                && t.target == target
                && t.source == source
                && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(target, source, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "KwpStarTelegram[" + Hex.of(encode()) + "]";
    }
}
