package io.klinebench.kline;

/**
 * A diagnostic tester on one end of the line, as the bench and the {@code tester} command
 * use it: it initialises where its protocol has an init, sends requests with its own byte
 * spacing, and reports what comes back as {@link LinkEvent.TesterReceived} events.
 */
public interface Tester {

    /**
     * Starts communication the way {@code init} says. An init the protocol does not have is not
     * attempted: the tester says so with a {@link LinkEvent.Ignored} and stays as it is.
     */
    void init(Init init);

    /** Sends one request now: KWP SID and parameters, or DS2 data. */
    void send(byte[] data);

    /** Sends a raw byte sequence as it is (a broken frame, garbage), with the tester's spacing. */
    void sendRaw(byte[] bytes);

    /** Changes the tester's inter-byte gap (P4 for KWP). */
    void setInterByte(long nanos);
}
