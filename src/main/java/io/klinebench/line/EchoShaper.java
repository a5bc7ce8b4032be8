package io.klinebench.line;

/**
 * What the echo of a tester's byte is, where our side makes that echo (a virtual pair, the
 * bench's line): the byte itself, another byte, or none. Asked from whichever thread echoes
 * (a serial reader, the clock's loop), so an implementation is thread-safe.
 */
@FunctionalInterface
public interface EchoShaper {

    /** No echo at all. */
    int NONE = -1;

    /** The echo as it is: every byte comes back as it was sent. */
    EchoShaper AS_SENT = value -> value;

    /** The echo of {@code value} (0..255), or {@link #NONE}. */
    int echoOf(int value);
}
