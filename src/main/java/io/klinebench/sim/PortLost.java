package io.klinebench.sim;

/**
 * The port a tester talks through vanished mid-conversation (a USB adapter pulled out, a pty
 * whose simulator stopped): nothing more can be asked on it. {@link PortTester} and
 * {@link LinesTester} throw it as soon as they see the port go, and for every request after,
 * instead of waiting out each answer in vain (1.2 s a request, 45 s for 40) and calling the
 * lost port "no answer". Unchecked, as the requests that can meet it are plain calls a test
 * makes by the dozen; a command catches it and says it as the cause.
 */
public final class PortLost extends RuntimeException {

    private final String port;
    private final String why;

    PortLost(SimEvent.PortGone gone) {
        super(gone.port() + " is gone (" + gone.why() + ")", null, false, false);
        this.port = gone.port();
        this.why = gone.why();
    }

    /** The port's name, as the tester opened it. */
    public String port() {
        return port;
    }

    /** Why it went, as far as the tester can tell. */
    public String why() {
        return why;
    }
}
