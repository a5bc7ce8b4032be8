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

    /** The JVM's pause work raised ({@link ThreadPriority#raisePauseWork}) when the JVM is ours. */
    static void raisePauseWork() {
        if (ours) {
            ThreadPriority.raisePauseWork();
        }
    }

    /**
     * The kernel's serial-line workers raised while the command runs ({@link PtyWorkers}) when
     * the JVM is ours and the timing threads were raised; left as they are, saying why, otherwise.
     */
    static PtyWorkers ptyWorkers(ThreadPriority.Outcome timing) {
        if (!ours) {
            return PtyWorkers.leftAsTheyAre("not a JVM of its own");
        }
        return timing instanceof ThreadPriority.Outcome.Refused r
                ? PtyWorkers.leftAsTheyAre(r.why())
                : PtyWorkers.raise();
    }

    /**
     * The timing threads' priority {@code timing}, with the JVM's pause work raised beside them
     * when the JVM is ours ({@link ThreadPriority#raisePauseWork}); {@code timing} as it is
     * otherwise.
     */
    static ThreadPriority.Outcome withPauseWork(ThreadPriority.Outcome timing) {
        return ours ? timing.and(ThreadPriority.raisePauseWork()) : timing;
    }
}
