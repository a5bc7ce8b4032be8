package io.klinebench.serial;

import java.io.IOException;
import java.util.Optional;

/**
 * A byte pipe to a serial port, as {@link SerialPipe} needs it: blocking reads from one
 * reader thread, single-byte writes from the clock's thread. Faked in a few lines in tests;
 * jSerialComm ({@link JSerialCommChannel}) and a pty master ({@link PtyPair#master()}) are
 * the real ones.
 */
public interface PortChannel extends AutoCloseable {

    /** A name for messages: the port's path. */
    String name();

    /** Opens (or re-opens after the port vanished); throws with a message a user can act on. */
    void open() throws IOException;

    /**
     * Why this port, once gone, can never be the same port again, so that opening its name again
     * would open something else; empty for a port that can come back (an adapter plugged in
     * again, a link its owner points at a new pty).
     */
    default Optional<String> cannotComeBack() {
        return Optional.empty();
    }

    /** Closes; unblocks a reader blocked in {@link #read}. Never throws. */
    @Override
    void close();

    /**
     * Blocks until at least one byte arrived and returns how many were put in {@code buffer},
     * or -1 when the port is gone (unplugged, other end closed, or closed by us).
     */
    int read(byte[] buffer);

    /**
     * Whether reads deliver line conditions in-band, PARMRK-style ({@code FF FF} = FF,
     * {@code FF 00 00} = break, {@code FF 00 xx} = framing error): see {@link ParmrkDecoder}.
     */
    default boolean parmrk() {
        return false;
    }

    /**
     * Holds the line low (a break) while {@code on}; false when this port cannot (a pty
     * carries no break: jSerialComm's setBreak succeeds there and nothing arrives).
     */
    default boolean setBreak(boolean on) {
        return false;
    }

    /**
     * Sets the port's baud rate now (a tester's 0x00 at 360 baud as its wake-up); false when
     * this port cannot.
     */
    default boolean setBaud(int baud) {
        return false;
    }

    /** Writes one byte now. */
    void write(int value) throws IOException;

    /** How many received bytes wait in the port's input buffer, unread (0 when it cannot tell). */
    default int available() {
        return 0;
    }

    /** Writes {@code length} bytes of {@code bytes} now, as one write where the port allows. */
    default void write(byte[] bytes, int length) throws IOException {
        for (int i = 0; i < length; i++) {
            write(bytes[i] & 0xFF);
        }
    }
}
