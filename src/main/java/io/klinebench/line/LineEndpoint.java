package io.klinebench.line;

import java.util.function.Consumer;

/**
 * One end of a K-line: what the link layer needs from a transport. Sending happens now (the
 * link layer decides when by scheduling on the clock; the transport never delays or merges
 * bytes on purpose); what arrives, including the echo of our own bytes on a real K-line,
 * is handed to the listener on the clock's thread.
 */
public interface LineEndpoint {

    /** Puts one byte on the line now. */
    void send(int value);

    /** Holds the line low for {@code durationNanos}, starting now (fast-init wake-up). */
    void sendLow(long durationNanos);

    /** Sends one byte at 5 baud, starting now (5-baud init address). */
    void sendSlow(int value);

    /** Where received line events go; one listener. */
    void onReceive(Consumer<LineEvent> listener);

    /**
     * The ECU end waits for an initialisation from now, one that looks like {@code cues}. A
     * line that shows wake-ups and 5-baud bytes as they are (the bench's) has nothing to do;
     * one that must guess them from bytes (a pty) guesses only while an init is awaited.
     */
    default void expectInit(InitCues cues) {}

    /** The ECU end no longer waits for an initialisation (a handshake or a session began). */
    default void expectNoInit() {}

    /**
     * Whether other modules talk on this line too (a {@link KLineBus}): a module then holds its
     * answer until the line has been quiet for its response delay, as ISO 14230-2 measures P2
     * from the end of the previous frame on the line, whoever sent it. False for a line with
     * one module on it.
     */
    default boolean shared() {
        return false;
    }
}
