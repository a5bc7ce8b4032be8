package io.klinebench.cli;

import io.klinebench.serial.PtyWorkers;
import io.klinebench.serial.ThreadPriority;

/**
 * What a long-running command does to the whole JVM, and only when the JVM is its own: started
 * by {@link Main#main} for that one command, not a library call inside someone's JVM (a JUnit
 * test calling {@link Main#execute}, or an application embedding the command line).
 *
 * <p>Why it matters: done in a test JVM, each of these outlives the command and changes every
 * test after it. Its collector threads raised to nice -20 stop everything else on both cores
 * for a young collection of a test heap of hundreds of megabytes, the kernel worker that carries
 * a pty's bytes among them (a byte a tester wrote on time reached the simulator 107 ms late in
 * the integration tests beside two busy processes); a full collection there stops the other
 * simulators the test runs; free ratios and periodic cycles sized for a sim's small heap make
 * a test heap collect over and over.
 */
final class OwnJvm {

    private static volatile boolean ours;

    private OwnJvm() {}

    /** Called by {@link Main#main}: this JVM runs one command and ends with it. */
    static void claim() {
        ours = true;
    }

    /** Whether this JVM was started for the command that asks. */
    static boolean isOurs() {
        return ours;
    }

    /**
     * Start-up's garbage collected now, before the link is announced, not in a pause in the
     * middle of a tester's first frame.
     */
    static void collectStartUpGarbage() {
        if (ours) {
            System.gc();
        }
    }

    /** For a process that runs for hours (the sim, a replay): {@link HeapFootprint#keepSmallWhileRunning}. */
    static void keepHeapSmallWhileRunning() {
        if (ours) {
            HeapFootprint.keepSmallWhileRunning();
        }
    }

    /** For a command that holds a large input whole (validate): {@link HeapFootprint#keepSmall}. */
    static void keepHeapSmall() {
        if (ours) {
            HeapFootprint.keepSmall();
        }
    }

    /**
     * How a command on a line runs its timing: its own threads, with what in the JVM can stop
     * them, and the kernel's workers that carry the line's bytes. The command closes {@code
     * workers} when it ends (they are the whole machine's).
     */
    record Timing(ThreadPriority.Outcome threads, PtyWorkers workers) {}

    /**
     * For a command whose timing threads came out as {@code own}, where its settings {@code
     * asked} for raised threads: when the JVM is ours, the JVM's pause work raised beside them
     * ({@link ThreadPriority#raisePauseWork}) and, where they were raised, the kernel's
     * serial-line workers too ({@link PtyWorkers}); everything else as it is, saying why.
     */
    static Timing timing(ThreadPriority.Outcome own, boolean asked) {
        if (!asked) {
            return new Timing(own, PtyWorkers.leftAsTheyAre("our threads are not raised either"));
        }
        if (!ours) {
            return new Timing(own, PtyWorkers.leftAsTheyAre("not a JVM of its own"));
        }
        ThreadPriority.Outcome threads = own.and(ThreadPriority.raisePauseWork());
        return new Timing(threads, PtyWorkers.beside(threads));
    }
}
