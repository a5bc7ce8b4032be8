package io.klinebench.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A record a long run (a sim, a replay) was asked to keep and can no longer write: its events
 * ({@code --events}), its trace ({@code --trace}) or the module's memory ({@code --state}), on
 * a full disk, {@code /dev/full}, a removed drive or a stdout whose reader went. The run says so
 * on stderr and stops, exit status 2, as it would not have started with a file it could not
 * write.
 *
 * <p>Why stop rather than run on without it: the file is the run's record, and a run going on
 * past the end of its record loses everything from then on, with nothing in the file to say
 * why it ends there (a trace that ends early is judged by validate as the whole run; a state
 * file left behind restores an older memory at the next start). Stopping ends the run where
 * its record ends, stderr and the exit status say why, and a tester on the line sees its port
 * go. The other records are closed as at any stop. The first record lost stops the run; one
 * lost while it is already stopping is said as well, and the run still ends with status 2.
 */
final class LostRecord {

    private final String command;
    private final PrintWriter err;
    private final PortResources resources;
    private final CountDownLatch stopped;
    private final AtomicBoolean lost = new AtomicBoolean();
    private volatile boolean stopping;

    /**
     * For the run of {@code command} ("sim") that says on {@code err}, holds {@code resources}
     * and waits on {@code stopped}.
     */
    LostRecord(String command, PrintWriter err, PortResources resources, CountDownLatch stopped) {
        this.command = command;
        this.err = err;
        this.resources = resources;
        this.stopped = stopped;
    }

    /**
     * {@code option} ("--trace /dev/full") stopped taking writes, for {@code why} ("no space left
     * on device"), and {@code lostFromHere} ("every byte on the line") would be lost from now on:
     * said, then the run stops. Any thread; never blocks it.
     */
    void lost(String option, String why, String lostFromHere) {
        err.println("kline-bench " + command + ": " + option + ": " + why + "; stopping, since " + lostFromHere
                + " from here on would be lost");
        err.flush();
        if (!lost.compareAndSet(false, true) || stopping) {
            return; // already stopping: said, and the exit status is ours (see ranOut)
        }
        // Not on this thread: closing the resources closes the record's writer, which waits for it.
        Thread stop = new Thread(
                () -> {
                    if (OwnJvm.isOurs()) {
                        System.exit(Main.BAD_INPUT); // the shutdown hook closes everything, as on SIGTERM
                    }
                    resources.close(); // a JVM not ours (a test's): stopped as the hook would
                    stopped.countDown();
                },
                command + "-record-lost");
        stop.start();
    }

    /** The run is stopping for another reason (a signal): a loss from now on is said, not a new stop. */
    void stopping() {
        stopping = true;
    }

    /** Whether a record was lost: the run's exit status is then 2. */
    boolean happened() {
        return lost.get();
    }

    /**
     * At the end of the shutdown hook: a record lost while the run stopped for a signal (the
     * state file's last save failing) ends the process with status 2, not the signal's.
     */
    void endWithStatusIfLost() {
        if (happened() && OwnJvm.isOurs()) {
            err.flush();
            Runtime.getRuntime().halt(Main.BAD_INPUT);
        }
    }
}
