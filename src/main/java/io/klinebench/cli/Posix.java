package io.klinebench.cli;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the command line asks of the terminal and of signals, through JNA (POSIX; elsewhere
 * every answer is the safe one): whether a descriptor is a terminal, whether this process is in
 * its terminal's foreground, and SIGINT for a sim started in the background by a script.
 */
final class Posix {

    private static final Logger log = LoggerFactory.getLogger(Posix.class);

    static final int STDIN = 0;
    static final int STDOUT = 1;
    static final int STDERR = 2;

    private static final int SIGINT = 2;
    private static final int SIGTERM = 15;
    /** Larger than struct sigaction on any Linux (152 bytes on x86_64 and aarch64). */
    private static final int SIGACTION_ROOM = 512;

    interface C extends Library {
        int isatty(int fd);

        int tcgetpgrp(int fd) throws LastErrorException;

        int getpgrp();

        int sigaction(int signal, Pointer action, Pointer old) throws LastErrorException;
    }

    private static C c;
    private static boolean unavailable;

    private Posix() {}

    private static synchronized C c() {
        if (c == null && !unavailable) {
            try {
                c = Native.load("c", C.class);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                unavailable = true;
                log.debug("no C library through JNA: {}", e.toString());
            }
        }
        return c;
    }

    /** Whether {@code fd} is a terminal; without the C library, whether Java sees a console. */
    static boolean isTerminal(int fd) {
        C lib = c();
        if (lib == null) {
            return System.console() != null;
        }
        return lib.isatty(fd) == 1;
    }

    /**
     * Whether this process may read its terminal now: true unless stdin is a terminal whose
     * foreground process group is not ours (a job started with {@code &} in an interactive shell,
     * which the terminal would stop with SIGTTIN the moment it read).
     */
    static boolean inForeground() {
        C lib = c();
        if (lib == null) {
            return true;
        }
        try {
            return lib.tcgetpgrp(STDIN) == lib.getpgrp();
        } catch (LastErrorException e) {
            return true; // not a terminal, or none controlling: reading cannot stop us
        }
    }

    /**
     * When SIGINT is ignored (a shell without job control starts background jobs so: a script's
     * {@code sim ... &}), has it handled as SIGTERM is: the JVM's orderly exit, shutdown hooks
     * and all. The JVM keeps an ignored SIGINT ignored and installs nothing for it; its
     * SIGTERM handler is the same for every shutdown signal and tells the signal's number to
     * Java, where SIGINT's handler was registered all along. Returns whether it did.
     */
    static boolean stopOnSigintEvenWhenIgnored() {
        C lib = c();
        if (lib == null) {
            return false;
        }
        try (Memory intAction = new Memory(SIGACTION_ROOM);
                Memory termAction = new Memory(SIGACTION_ROOM)) {
            intAction.clear();
            termAction.clear();
            lib.sigaction(SIGINT, null, intAction);
            if (handler(intAction) != 1L) { // sa_handler == SIG_IGN
                return false;
            }
            lib.sigaction(SIGTERM, null, termAction);
            long termHandler = handler(termAction);
            if (termHandler == 0L || termHandler == 1L) { // SIG_DFL or SIG_IGN: the JVM has none (-Xrs)
                return false;
            }
            lib.sigaction(SIGINT, termAction, null);
            return true;
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            log.debug("cannot take SIGINT back: {}", e.toString());
            return false;
        }
    }

    /** sa_handler, the first member of struct sigaction: 0 SIG_DFL, 1 SIG_IGN, else a function. */
    private static long handler(Memory sigaction) {
        return Pointer.nativeValue(sigaction.getPointer(0));
    }
}
