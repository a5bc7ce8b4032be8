package io.klinebench.testsupport;

import io.klinebench.serial.PtyWorkers;
import io.klinebench.serial.ThreadPriority;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The kernel's serial-line workers raised for the whole test run, as {@code sim}, {@code listen}
 * and {@code replay} raise them for theirs ({@link PtyWorkers}): many tests here run the
 * simulator inside the test JVM, where the library leaves the machine as it is, and on a busy
 * machine a pty then holds bytes hundreds of milliseconds beyond its stated uncertainty (3 % of
 * bytes beside two busy processes, BENCHMARKS.md), which is the kernel's doing, not the code's
 * under test. Where raising is refused, tests run as they are.
 */
public final class KernelWorkersRaised implements LauncherSessionListener {

    /** What a test runs while the workers are put back. */
    public interface Check {
        void run() throws Exception;
    }

    private static PtyWorkers workers;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        synchronized (KernelWorkersRaised.class) {
            if (workers == null) {
                workers = PtyWorkers.raise();
            }
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        synchronized (KernelWorkersRaised.class) {
            if (workers != null) {
                workers.close();
                workers = null;
            }
        }
    }

    /**
     * Whether the test run raised the workers: where it did, a command in a JVM of its own
     * (the {@code tester} a test starts as a process) may raise them too.
     */
    public static synchronized boolean raised() {
        return workers != null && workers.outcome() instanceof ThreadPriority.Outcome.Raised;
    }

    /**
     * Runs {@code check} with the workers as they were before the test run, for the test of
     * raising them ({@code PtyWorkersIT}); raised again after it.
     */
    public static synchronized void whilePutBack(Check check) throws Exception {
        boolean wereRaised = workers != null;
        if (wereRaised) {
            workers.close();
            workers = null;
        }
        try {
            check.run();
        } finally {
            if (wereRaised) {
                workers = PtyWorkers.raise();
            }
        }
    }
}
