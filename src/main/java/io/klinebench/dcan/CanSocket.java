package io.klinebench.dcan;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A real CAN interface as the rest of the bench sees it: frames out, frames heard, nothing of
 * the library behind it. {@link SocketCan} is the Linux one (a raw SocketCAN socket); an slcan
 * adapter is reached over its serial line instead ({@link SlcanPort}), and the bench joins a
 * CAN socket to that same path by presenting it as an slcan adapter (sim's CanSocketLine), so
 * that both carry the same frames and are judged the same way.
 */
public interface CanSocket extends AutoCloseable {

    /** For messages: {@code socketcan:can0}. */
    String name();

    /**
     * Opens the interface; throws with one line a user can act on (the interface and the cause:
     * no SocketCAN in the kernel, no such interface, the interface down...).
     */
    void open() throws IOException;

    /** Puts {@code frame} on the bus now. */
    void send(CanFrame frame) throws IOException;

    /** Blocks until a frame arrives; empty once the socket is closed or gone. */
    Optional<Heard> receive();

    /** Closes; unblocks {@link #receive}. Never throws. */
    @Override
    void close();

    /**
     * A classic frame as the bus carried it, whatever its kind: D-CAN's (an 11-bit data frame,
     * {@link #dCan}) or another (29 bits, a remote frame), which D-CAN's nodes do not take.
     *
     * @param id       the identifier, 11 or 29 bits
     * @param extended whether the identifier is 29 bits (ISO 11898-1 extended format)
     * @param remote   a remote frame (RTR): a length and no data
     * @param length   the DLC, 0..8
     * @param data     the data bytes; none for a remote frame
     */
    record Heard(int id, boolean extended, boolean remote, int length, byte[] data) {

        public Heard {
            if (id < 0 || id > (extended ? 0x1FFFFFFF : 0x7FF)) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "a %s CAN identifier is 0..%X, not %X",
                        extended ? "29-bit" : "11-bit",
                        extended ? 0x1FFFFFFF : 0x7FF,
                        id));
            }
            if (length < 0
                    || length > CanFrame.MAX_DATA
                    || (!remote && data.length != length)
                    || (remote && data.length != 0)) {
                throw new IllegalArgumentException(
                        "a classic CAN frame's length is 0..8 and its data as long (none when remote), not " + length
                                + " with " + data.length + " bytes");
            }
            data = data.clone();
        }

        /** D-CAN's frame. */
        public static Heard of(CanFrame frame) {
            return new Heard(frame.id(), false, false, frame.length(), frame.data());
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        /** The frame as D-CAN carries it: present for an 11-bit data frame. */
        public Optional<CanFrame> dCan() {
            return extended || remote ? Optional.empty() : Optional.of(new CanFrame(id, data));
        }

        /**
         * As an slcan adapter would write it, carriage return included: {@code t} (11-bit data),
         * {@code T} (29-bit), {@code r}/{@code R} (remote). A D-CAN frame's line is {@link Slcan#line}'s.
         */
        public String slcanLine() {
            StringBuilder s = new StringBuilder();
            char kind = remote ? 'r' : 't';
            s.append(extended ? Character.toUpperCase(kind) : kind);
            s.append(String.format(Locale.ROOT, extended ? "%08X" : "%03X", id)).append(length);
            for (byte b : data) {
                s.append(String.format(Locale.ROOT, "%02X", b & 0xFF));
            }
            return s.append('\r').toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Heard h
                    && h.id == id
                    && h.extended == extended
                    && h.remote == remote
                    && h.length == length
                    && Arrays.equals(h.data, data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data) * 31 + id * 4 + (extended ? 2 : 0) + (remote ? 1 : 0);
        }

        @Override
        public String toString() {
            return slcanLine().trim();
        }
    }
}
