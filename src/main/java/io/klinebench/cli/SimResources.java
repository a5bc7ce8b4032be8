package io.klinebench.cli;

import io.klinebench.serial.PtyPair;
import io.klinebench.serial.PtyWorkers;
import io.klinebench.sim.EventStream;
import io.klinebench.sim.ModemWiring;
import io.klinebench.sim.PortSimulator;
import io.klinebench.sim.SimEvent;
import io.klinebench.sim.StateKeeper;
import io.klinebench.time.SystemClock;
import io.klinebench.trace.LiveTrace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a running {@code sim} holds open, filled in as it starts: closed once, in the right order
 * (nobody new connects, then the module stops, then its files and the pty), by the shutdown
 * hook or by a failure at start.
 */
final class SimResources {
    SystemClock clock;
    PtyPair pty;
    LiveTrace trace;
    PortSimulator sim;
    StateKeeper state;
    ModemWiring wiring;
    ControlServer control;
    EventStream json;
    EventStream live;
    Path link;
    PtyWorkers workers;
    private boolean closed;

    /**
     * The sim stops before it ran, saying why: on the terminal, and in the trace, which
     * would otherwise be left with its header alone and no word of why.
     */
    int stoppedAtStart(PrintWriter err, String why) {
        if (trace != null) {
            trace.stoppedAtStart(why);
        }
        close();
        err.println("kline-bench sim: " + why);
        return Main.BAD_INPUT;
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (link != null) {
            try {
                Files.deleteIfExists(link); // first: nobody new connects to a sim that is stopping
            } catch (IOException e) {
                // the pty is closed below; a dangling link is harmless
            }
        }
        if (control != null) {
            control.close();
        }
        if (wiring != null && sim != null) {
            ModemWiring w = wiring;
            sim.onLoop(() -> {
                w.stop();
                return null;
            });
        }
        if (state != null && sim != null) {
            StateKeeper s = state;
            sim.onLoop(() -> {
                s.close();
                return null;
            });
        }
        if (sim != null) {
            sim.close();
        }
        if (trace != null) {
            LiveTrace t = trace;
            Runnable closeTrace = () -> {
                try {
                    t.close();
                } catch (IOException e) {
                    // best effort at exit: every finished frame is already flushed
                }
            };
            if (sim != null) {
                sim.onLoop(() -> {
                    closeTrace.run();
                    return null;
                });
            } else {
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
        // the clock has stopped: nothing more happens, the streams take their last lines
        if (json != null) {
            json.accept(new SimEvent.SimStopped(clock.nanos()));
            json.close();
        }
        if (live != null) {
            live.close();
        }
    }
}
