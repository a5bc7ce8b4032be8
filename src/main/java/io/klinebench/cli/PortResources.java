package io.klinebench.cli;

import io.klinebench.serial.PtyPair;
import io.klinebench.serial.PtyWorkers;
import io.klinebench.sim.EventStream;
import io.klinebench.sim.PortModule;
import io.klinebench.time.SystemClock;
import io.klinebench.trace.LiveTrace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a command that serves a port in real time ({@code sim}, {@code replay}) holds open,
 * filled in as it starts, and the one order it is closed in, once, by the shutdown hook or by a
 * failure at start: nobody new connects (the published link goes first), the module stops, its
 * trace is closed on the clock's loop (where it is written, so no frame is cut), then the pty,
 * the clock, the kernel's serial-line workers put back, and last the streams.
 */
abstract class PortResources {
    SystemClock clock;
    PtyPair pty;
    LiveTrace trace;
    EventStream live;
    Path link;
    PtyWorkers workers;
    private boolean closed;

    /** Stops the module and what hangs on it; nothing when it had not started. */
    abstract void stopModule();

    /** The module serving the port, or null when none started. */
    abstract PortModule module();

    /**
     * Runs {@code task} on the module's clock loop and returns true; false, without running it,
     * when no module started (there is no loop then, and the caller runs it itself).
     */
    final boolean onModuleLoop(Runnable task) {
        PortModule m = module();
        if (m == null) {
            return false;
        }
        m.runOnLoop(task);
        return true;
    }

    /** The clock has stopped, nothing more happens: a command's last word to its own streams. */
    void clockStopped() {}

    final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (link != null) {
            try {
                Files.deleteIfExists(link);
            } catch (IOException e) {
                // the pty is closed below; a dangling link is harmless
            }
        }
        stopModule();
        if (trace != null) {
            LiveTrace t = trace;
            Runnable closeTrace = () -> {
                try {
                    t.close();
                } catch (IOException e) {
                    // best effort at exit: every finished frame is already flushed
                }
            };
            if (!onModuleLoop(closeTrace)) {
                closeTrace.run();
            }
        }
        if (pty != null) {
            pty.close();
        }
        if (clock != null) {
            clock.close();
        }
        if (workers != null) {
            workers.close(); // put back as they were: they are the whole machine's
        }
        clockStopped();
        if (live != null) {
            live.close();
        }
    }
}
