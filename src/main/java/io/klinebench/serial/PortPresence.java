package io.klinebench.serial;

/**
 * A real port that vanished or came back, as its {@link SerialPipe} saw it: a USB adapter pulled
 * out and plugged in again, a pty whose other side closed and reopened. Said on the clock's loop
 * ({@link SerialPipe#onPresence}), so that a run's events show the time the line was away and
 * what could not go out meanwhile, not only a log line.
 */
public sealed interface PortPresence {

    /** When, on the pipe's clock. */
    long at();

    /** The port's name. */
    String port();

    /**
     * The port's reads ended, and {@code why} as far as the pipe knows: usually ({@link #USUALLY})
     * it is unplugged or its other end closed, and the pipe tries to open it again; a port that
     * cannot come back ({@link PortChannel#cannotComeBack()}) is said so and not tried again.
     */
    record Gone(long at, String port, String why) implements PortPresence {

        /** Why a port's reads end, when nothing more is known. */
        public static final String USUALLY = "unplugged, or its other end closed";
    }

    /**
     * Open again after {@code awayNanos}; {@code bytesNotSent} of ours (answers, echoes) could not
     * be written since it went: the tester never heard them.
     */
    record Back(long at, String port, long awayNanos, long bytesNotSent) implements PortPresence {}
}
