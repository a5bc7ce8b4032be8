package io.klinebench.kline;

/**
 * A diagnostic tester on one end of the line, as the bench and the {@code tester} command
 * use it: it initialises, sends requests with its own byte spacing, and reports what comes
 * back as {@link LinkEvent.TesterReceived} events.
 */
public interface Tester {

    /** KWP2000 fast init: K low for TiniL, then StartCommunication at TWuP. */
    void fastInit();

    /** KWP2000 5-baud init: the ECU's address at 5 baud, then the key-byte handshake. */
    void fiveBaudInit();

    /** Sends one request now: KWP SID and parameters, or DS2 data. */
    void send(byte[] data);

    /** Sends a raw byte sequence as it is (a broken frame, garbage), with the tester's spacing. */
    void sendRaw(byte[] bytes);

    /** Changes the tester's inter-byte gap (P4 for KWP). */
    void setInterByte(long nanos);
}
