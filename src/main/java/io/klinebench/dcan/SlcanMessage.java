package io.klinebench.dcan;

import java.util.OptionalInt;

/**
 * One message of the slcan protocol (the Lawicel CAN232/CANUSB ASCII protocol that
 * CANable-style USB adapters and Linux's slcan driver speak), as read from the serial line:
 * a line up to its carriage return, or a lone BEL.
 */
public sealed interface SlcanMessage {

    /**
     * A standard (11-bit) data frame, {@code tIIILDD..[TTTT]}: received from the bus (from an
     * adapter) or to be sent on it (from a host).
     *
     * @param stampMs the adapter's timestamp (milliseconds, 0..59999) when it adds them ({@code Z1})
     */
    record Frame(CanFrame frame, OptionalInt stampMs) implements SlcanMessage {}

    /** A well-formed extended ({@code T}) or remote ({@code r}, {@code R}) frame, which D-CAN does not carry. */
    record NotForDCan(String line, String why) implements SlcanMessage {}

    /** A command ({@code S6}, {@code O}, {@code C}, {@code Z1}, {@code V}...) or an answer with content ({@code V1013}). */
    record Command(char code, String argument) implements SlcanMessage {}

    /** An empty line: "done" (a carriage return alone). */
    record Ok() implements SlcanMessage {}

    /** BEL (0x07): "error", the adapter refused the last command. */
    record Error() implements SlcanMessage {}

    /** {@code z} or {@code Z} alone: the adapter took a frame to send (Lawicel's CAN232 and CANUSB). */
    record Transmitted() implements SlcanMessage {}

    /**
     * A line that is not slcan.
     *
     * @param line   the line as read, without its carriage return
     * @param column where it goes wrong, 1 for its first character
     * @param why    what is wrong there
     */
    record Bad(String line, int column, String why) implements SlcanMessage {
        /** E.g. {@code slcan line "t6F1A": column 5: ...}. */
        public String describe() {
            return "slcan line \"" + Slcan.printable(line) + "\": column " + column + ": " + why;
        }
    }
}
