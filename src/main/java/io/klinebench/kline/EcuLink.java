package io.klinebench.kline;

/** The module's end of the line: a link layer that frames requests for its application and times the answers. */
public interface EcuLink {

    /**
     * True while nothing is going on but waiting for an init (not during a wake-up, a 5-baud
     * handshake or a session); never for a protocol without inits.
     */
    boolean awaitingInit();

    /** The faults this module is told to make in its answers (none until some are armed). */
    FaultPlan faults();
}
