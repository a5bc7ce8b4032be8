package io.klinebench.serial;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Raises the priority of a process whose timing is the product: the clock's loop that puts
 * answer bytes on the line at their P1/P2 instants, the reader that stamps what arrives, and
 * everything in the JVM that can stop them. On a busy machine a thread of normal priority waits
 * for a time slice behind every other runnable process, milliseconds at a time; at nice -20 the
 * Linux scheduler (CFS) lets it run as soon as it wakes.
 *
 * <p>Needs root or CAP_SYS_NICE (or an RLIMIT_NICE that allows it); refused otherwise, which
 * the caller says at start. Linux only (through JNA: gettid and setpriority).
 */
public final class ThreadPriority {

    /** The nice value asked for: the highest a thread of the normal scheduling class can have. */
    public static final int NICE = -20;

    private static final int PRIO_PROCESS = 0;

    /** What became of the request. */
    public sealed interface Outcome {
        /** As a banner says it: "running at nice -20", or "running at normal priority: WHY". */
        default String said() {
            return this instanceof Raised r
                    ? "running at nice " + r.nice()
                    : "running at normal priority: " + ((Refused) this).why();
        }

        /** Raised to {@code nice}. */
        record Raised(int nice) implements Outcome {}

        /** Not raised, and why (no permission, not Linux...). */
        record Refused(String why) implements Outcome {}
    }

    interface CLib extends Library {
        int setpriority(int which, int who, int prio) throws LastErrorException;

        long syscall(long number) throws LastErrorException;
    }

    private static CLib clib;

    private ThreadPriority() {}

    /**
     * Raises the threads of this process to nice {@link #NICE}, but for the JVM's background
     * work (see {@link #isBackgroundWork}): in a JVM the VM thread and the collector's pause
     * workers can stop the timing threads (a safepoint), and at normal priority on a busy machine
     * such a pause stretches to tens of milliseconds. Threads made later by a raised thread
     * inherit its nice value. The process mostly sleeps, so the rest of the machine loses almost
     * nothing.
     */
    public static Outcome raiseProcess() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks) || gettidSyscall(System.getProperty("os.arch", "")) < 0) {
            return new Outcome.Refused("only on Linux (x86_64, aarch64)");
        }
        Outcome outcome = new Outcome.Raised(NICE);
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path t : threads) {
                int tid = Integer.parseInt(t.getFileName().toString());
                if (isBackgroundWork(t)) {
                    continue;
                }
                Outcome o = raise(tid);
                if (o instanceof Outcome.Refused) {
                    outcome = o;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return new Outcome.Refused("cannot list this process's threads: " + e.getMessage());
        }
        return outcome;
    }

    /**
     * The JVM's compilers work beside the program, not in its way: raised, their bursts (a fresh
     * JVM compiles for seconds) starve what runs at normal priority, the kernel's own workers
     * among them, which carry a pty's bytes from one side to the other (225 ms seen). They stay
     * at normal priority: lowered to nice 19 they held everything up instead, since the program
     * waits on them now and then (locks, code installation) and at nice 19 beside two busy
     * processes they hardly run (a 1.2 s stall of the simulator seen). The collector's threads,
     * concurrent ones included, are raised with the program: a pause waits for the concurrent
     * ones to yield, and they work in short bursts on a heap this small.
     */
    private static boolean isBackgroundWork(Path task) {
        try {
            String name = Files.readString(task.resolve("comm")).strip();
            return name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler");
        } catch (IOException e) {
            return false;
        }
    }

    private static Outcome raise(int tid) {
        try {
            lib().setpriority(PRIO_PROCESS, tid, NICE);
            return new Outcome.Raised(NICE);
        } catch (LastErrorException e) {
            return new Outcome.Refused(
                    e.getErrorCode() == 13 || e.getErrorCode() == 1
                            ? "not permitted (needs root or CAP_SYS_NICE)"
                            : "error " + e.getErrorCode());
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return new Outcome.Refused("the C library cannot be reached: " + e.getMessage());
        }
    }

    private static synchronized CLib lib() {
        if (clib == null) {
            clib = Native.load("c", CLib.class);
        }
        return clib;
    }

    /** SYS_gettid for the architectures the build runs on; -1 elsewhere. */
    static long gettidSyscall(String arch) {
        return switch (arch) {
            case "amd64", "x86_64" -> 186;
            case "aarch64", "arm64" -> 178;
            default -> -1;
        };
    }
}
