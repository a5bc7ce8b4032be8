package io.klinebench.kline;

/**
 * The application layer as the link layer sees it: one request's data in, a {@link Reply}
 * out. Called on the clock's thread. For KWP2000 the link itself handles StartCommunication,
 * StopCommunication and AccessTimingParameters; everything else comes here.
 */
public interface DiagnosticApplication {

    /**
     * @param data the request data (KWP: SID first; DS2: the telegram's data bytes)
     * @param now  clock time of the request's last byte
     */
    Reply onRequest(byte[] data, long now);

    /** A KWP2000 session began (StartCommunication accepted). */
    default void sessionStarted(long now) {}

    /** A KWP2000 session ended (StopCommunication, P3max timeout, or a new init). */
    default void sessionEnded(long now) {}
}
