package io.klinebench.dcan;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * The text of the slcan protocol, both ways. A data frame is {@code t}, three hex digits of
 * identifier, one digit of length (0..8), two hex digits per data byte, and, when the adapter
 * was told {@code Z1}, four hex digits of timestamp (milliseconds, wrapping at 60000); every
 * line ends with a carriage return. {@code T} frames carry eight identifier digits (29 bits),
 * {@code r} and {@code R} are remote frames. Adapters answer a command with a carriage return
 * (done) or BEL (error). Hex digits are read in either case and written in upper case, as
 * CANable's firmware writes them. (Lawicel's CAN232 and CANUSB manuals; the CANable firmware,
 * slcan.c and slcan.h; Linux's drivers/net/can/slcan; firmware-notes/dcan.md.)
 */
public final class Slcan {

    /** Ends every line. */
    public static final int CR = '\r';
    /** An adapter's "error". */
    public static final int BEL = 0x07;
    /** The longest line: an extended frame with 8 bytes and a timestamp, 30 characters (CANable's SLCAN_MTU). */
    public static final int LONGEST_LINE = 1 + 8 + 1 + 16 + 4;

    private Slcan() {}

    /** {@code frame} as a line, carriage return included: {@code t6F18400221010000000000\r}... */
    public static String line(CanFrame frame) {
        return text(frame) + '\r';
    }

    /** {@code frame} as an adapter writes it with timestamps on ({@code Z1}). */
    public static String line(CanFrame frame, int stampMs) {
        return text(frame) + String.format(Locale.ROOT, "%04X", stampMs % 60_000) + '\r';
    }

    private static String text(CanFrame frame) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "t%03X%d", frame.id(), frame.length()));
        for (int i = 0; i < frame.length(); i++) {
            s.append(String.format(Locale.ROOT, "%02X", frame.at(i)));
        }
        return s.toString();
    }

    /** Reads one line, without its carriage return. */
    public static SlcanMessage parse(String line) {
        if (line.isEmpty()) {
            return new SlcanMessage.Ok();
        }
        char c = line.charAt(0);
        if ((c == 'z' || c == 'Z') && line.length() == 1) {
            return new SlcanMessage.Transmitted();
        }
        switch (c) {
            case 't':
                return frame(line, 3, false);
            case 'T':
                return frame(line, 8, false);
            case 'r':
                return frame(line, 3, true);
            case 'R':
                return frame(line, 8, true);
            default:
                break;
        }
        if (c < 0x21 || c > 0x7E) {
            return new SlcanMessage.Bad(line, 1, "'" + printable(String.valueOf(c)) + "' is not an slcan command");
        }
        for (int i = 1; i < line.length(); i++) {
            char a = line.charAt(i);
            if (a < 0x20 || a > 0x7E) {
                return new SlcanMessage.Bad(
                        line, i + 1, "'" + printable(String.valueOf(a)) + "' is not printable ASCII");
            }
        }
        return new SlcanMessage.Command(c, line.substring(1));
    }

    private static SlcanMessage frame(String line, int idDigits, boolean remote) {
        int lengthAt = 1 + idDigits;
        if (line.length() <= lengthAt) {
            return new SlcanMessage.Bad(
                    line,
                    line.length() + 1,
                    "ends before its length digit (" + idDigits + " identifier digits, then the length)");
        }
        for (int i = 1; i < lengthAt; i++) {
            if (Character.digit(line.charAt(i), 16) < 0) {
                return notHex(line, i);
            }
        }
        long id = Long.parseLong(line.substring(1, lengthAt), 16);
        long maxId = idDigits == 3 ? 0x7FF : 0x1FFFFFFF;
        if (id > maxId) {
            return new SlcanMessage.Bad(
                    line, 2, String.format("identifier %X is beyond %X (%d bits)", id, maxId, idDigits == 3 ? 11 : 29));
        }
        int length = Character.digit(line.charAt(lengthAt), 16);
        if (length < 0 || length > CanFrame.MAX_DATA) {
            return new SlcanMessage.Bad(
                    line,
                    lengthAt + 1,
                    "the length digit '" + printable(String.valueOf(line.charAt(lengthAt))) + "' is not 0..8");
        }
        int dataDigits = remote ? 0 : 2 * length;
        int plain = lengthAt + 1 + dataDigits;
        if (line.length() != plain && line.length() != plain + 4) {
            return new SlcanMessage.Bad(
                    line,
                    Math.min(line.length(), plain) + 1,
                    String.format(
                            "%s with %d data bytes is %d characters (%d with a timestamp), not %d",
                            remote ? "a remote frame" : "a frame",
                            remote ? 0 : length,
                            plain,
                            plain + 4,
                            line.length()));
        }
        for (int i = lengthAt + 1; i < line.length(); i++) {
            if (Character.digit(line.charAt(i), 16) < 0) {
                return notHex(line, i);
            }
        }
        OptionalInt stamp = line.length() == plain
                ? OptionalInt.empty()
                : OptionalInt.of(Integer.parseInt(line.substring(plain), 16));
        if (stamp.isPresent() && stamp.getAsInt() >= 60_000) {
            return new SlcanMessage.Bad(
                    line, plain + 1, String.format("timestamp %04X is beyond 59999 ms (EA5F)", stamp.getAsInt()));
        }
        if (remote || idDigits == 8) {
            return new SlcanMessage.NotForDCan(
                    line,
                    (remote ? "a remote frame" : "an extended (29-bit) frame")
                            + ": D-CAN carries standard data frames only");
        }
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            int at = lengthAt + 1 + 2 * i;
            data[i] = (byte) Integer.parseInt(line.substring(at, at + 2), 16);
        }
        return new SlcanMessage.Frame(new CanFrame((int) id, data), stamp);
    }

    private static SlcanMessage notHex(String line, int index) {
        return new SlcanMessage.Bad(
                line, index + 1, "'" + printable(String.valueOf(line.charAt(index))) + "' is not a hex digit");
    }

    /** The text with control characters shown as {@code \xNN}. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c > 0x7E) {
                b.append(String.format(Locale.ROOT, "\\x%02X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
