package io.klinebench.serial;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * Raises the priority of the threads whose timing is the product: the clock's loop that puts
 * answer bytes on the line at their P1/P2 instants, the reader that stamps what arrives, and,
 * in a process of our own, what in the JVM can stop them. Only those: a raised thread that
 * computes for long starves the rest of the machine, the kernel's workers that carry a pty's
 * bytes among them. On a busy machine a thread of normal priority waits
 * for a time slice behind every other runnable process, milliseconds at a time.
 *
 * <p>Two steps up. At nice -20 the Linux scheduler (CFS, EEVDF since 6.6) weighs the thread
 * far above the rest, but a thread it wakes may still wait for the running one's slice to end,
 * which on a 250 Hz kernel is noticed at the next tick: measured beside two busy processes, the
 * sim's clock woke up to 97 ms late at nice -20. The clock's loop and the line's reader, which
 * sleep between bytes and run for microseconds, are made real-time instead
 * ({@link #raiseToRealTime}: SCHED_FIFO at its lowest priority, which any normal thread gives
 * way to at once), where permitted: the same measurement then put the clock 0.3 to 0.6 ms late
 * at p99, against 3.6 to 4.4 ms (BENCHMARKS.md, "Where P2's tail comes from"). Threads they start do not inherit it
 * (SCHED_RESET_ON_FORK). The rest of the raised threads stay at nice -20.
 *
 * <p>Needs root or CAP_SYS_NICE (or an RLIMIT_NICE, RLIMIT_RTPRIO that allows it); refused
 * otherwise, which the caller says at start. Linux only (through JNA: gettid, setpriority,
 * sched_setscheduler).
 */
public final class ThreadPriority {

    /** The nice value asked for: the highest a thread of the normal scheduling class can have. */
    public static final int NICE = -20;

    /** The real-time priority asked for: SCHED_FIFO's lowest, above every normal thread, below the kernel's own. */
    public static final int REAL_TIME_PRIORITY = 1;

    private static final int PRIO_PROCESS = 0;
    private static final int SCHED_FIFO = 1;
    /** A thread started by a real-time one starts as a normal thread. */
    private static final int SCHED_RESET_ON_FORK = 0x40000000;

    /** What became of the request. */
    public sealed interface Outcome {
        /** As a banner says it: "running real-time (...)", "running at nice -20", or "running at normal priority: WHY". */
        default String said() {
            if (this instanceof RealTime t) {
                return "running real-time (SCHED_FIFO, priority " + t.priority() + ")";
            }
            if (this instanceof Raised r) {
                return "running at nice " + r.nice()
                        + (r.notRealTime() == null ? "" : " (not real-time: " + r.notRealTime() + ")");
            }
            return "running at normal priority: " + ((Refused) this).why();
        }

        /** Whether the thread runs above normal priority, real-time or at a raised nice value. */
        default boolean raised() {
            return !(this instanceof Refused);
        }

        /** This outcome, or {@code other} when that one was refused. */
        default Outcome and(Outcome other) {
            return other instanceof Refused ? other : this;
        }

        /** Raised to {@code nice}; where real-time was asked and refused, why ({@code null} otherwise). */
        record Raised(int nice, String notRealTime) implements Outcome {
            public Raised(int nice) {
                this(nice, null);
            }
        }

        /** Real-time: SCHED_FIFO at {@code priority}. */
        record RealTime(int priority) implements Outcome {}

        /** Not raised, and why (no permission, not Linux...). */
        record Refused(String why) implements Outcome {}
    }

    interface CLib extends Library {
        int setpriority(int which, int who, int prio) throws LastErrorException;

        long syscall(long number) throws LastErrorException;

        int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;
    }

    private static CLib clib;

    private ThreadPriority() {}

    /**
     * Raises the calling thread to nice {@link #NICE}: a timing thread raises itself (the clock's
     * loop, a pipe's reader, a baud watch), since Java names no thread's kernel id but its own.
     * Threads it makes later inherit the value; a process it starts does too, so a timing thread
     * starts none.
     */
    public static Outcome raiseCurrentThread() {
        return setCurrentThread(NICE);
    }

    /**
     * Makes the calling thread real-time (SCHED_FIFO at {@link #REAL_TIME_PRIORITY}, not inherited
     * by threads it starts), or, where that is refused, raises it to nice {@link #NICE} and says
     * why not real-time. Only for a thread that sleeps between short bursts of work (the clock's
     * loop, a line's reader): a real-time thread that computes holds its CPU from everything else
     * until the kernel's throttle (5 % of each second left to the rest) steps in.
     */
    public static Outcome raiseToRealTime() {
        return onCurrentThread(ThreadPriority::realTimeOrNice);
    }

    private static Outcome realTimeOrNice(int tid) {
        String why;
        try {
            lib().sched_setscheduler(tid, SCHED_FIFO | SCHED_RESET_ON_FORK, new int[] {REAL_TIME_PRIORITY});
            return new Outcome.RealTime(REAL_TIME_PRIORITY);
        } catch (LastErrorException e) {
            why = e.getErrorCode() == 1
                    ? "not permitted (needs root, CAP_SYS_NICE or an RLIMIT_RTPRIO of 1)"
                    : "sched_setscheduler: error " + e.getErrorCode();
        } catch (UnsatisfiedLinkError e) {
            why = "sched_setscheduler cannot be reached: " + e.getMessage();
        }
        Outcome nice = set(tid, NICE);
        return nice instanceof Outcome.Raised ? new Outcome.Raised(NICE, why) : nice;
    }

    /**
     * Puts the calling thread at normal priority (nice 0), whatever it inherited from the thread
     * that started it: for a thread that wakes often and must not be raised (the machine watch's
     * sleepers). Says why not where that cannot be done.
     */
    public static Outcome normalCurrentThread() {
        return setCurrentThread(0);
    }

    private static Outcome setCurrentThread(int nice) {
        return onCurrentThread(tid -> set(tid, nice));
    }

    /**
     * Applies {@code change} to the calling thread by its kernel id, which Java does not name
     * (gettid), or says why it cannot be done here.
     */
    private static Outcome onCurrentThread(IntFunction<Outcome> change) {
        long gettid = gettidSyscall(System.getProperty("os.arch", ""));
        if (gettid < 0 || !Files.isDirectory(Path.of("/proc/self/task"))) {
            return new Outcome.Refused("only on Linux (x86_64, aarch64)");
        }
        int tid;
        try {
            tid = (int) lib().syscall(gettid);
        } catch (LastErrorException e) {
            return new Outcome.Refused("gettid: error " + e.getErrorCode());
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return new Outcome.Refused("the C library cannot be reached: " + e.getMessage());
        }
        return change.apply(tid);
    }

    /**
     * In a JVM started for one of our commands ({@code sim}, {@code listen}, {@code tester}; the
     * command line's {@code OwnJvm} decides, never a library inside someone's JVM), raises the
     * JVM's pause work with the timing threads: the VM thread and the collector's pause workers
     * can stop the timing threads (a safepoint), and at normal priority on a busy machine such a
     * pause stretches to tens of milliseconds. They work in short bursts on a heap this small.
     *
     * <p>Everything else stays as it was, and the compilers are put back to normal priority when
     * they run raised (a process started by a raised thread inherits its nice value): a compiler
     * works in bursts of up to hundreds of milliseconds, and raised on both cores of a busy
     * machine it starves what runs at normal priority, the kernel's own workers among them, which
     * carry a pty's bytes from one side to the other (deliveries 66 to 225 ms late seen while a
     * test JVM raised all its threads and the simulators it started inherited that). Lowered
     * below normal they held everything up instead (a 1.2 s stall of the simulator seen), since
     * the program waits on them now and then.
     */
    public static Outcome raisePauseWork() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks) || gettidSyscall(System.getProperty("os.arch", "")) < 0) {
            return new Outcome.Refused("only on Linux (x86_64, aarch64)");
        }
        Outcome outcome = new Outcome.Raised(NICE);
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path t : threads) {
                int tid = Integer.parseInt(t.getFileName().toString());
                String name = threadName(t);
                if (isPauseWork(name)) {
                    outcome = outcome.and(raise(tid));
                } else if (isCompiler(name) && niceOf(t) < 0) {
                    set(tid, 0); // lowering is always permitted
                }
            }
        } catch (IOException | NumberFormatException e) {
            return new Outcome.Refused("cannot list this process's threads: " + e.getMessage());
        }
        return outcome;
    }

    /**
     * HotSpot's names for the VM thread and the collectors' pause workers (G1's, Parallel's).
     * Not G1's concurrent threads ("G1 Conc#0", "G1 Refine#0", "G1 Main Marker", "G1 Service"):
     * they run beside the program, stop nothing, and a marking cycle raised would hold both
     * cores for as long as it marks.
     */
    static boolean isPauseWork(String threadName) {
        return threadName.equals("VM Thread") || threadName.startsWith("GC Thread");
    }

    static boolean isCompiler(String threadName) {
        return threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler");
    }

    private static String threadName(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** The thread's nice value from its stat line (field 19), 0 when unreadable. */
    static int niceOf(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The nice value of the calling thread, 0 when unreadable (not Linux). */
    public static int niceOfCurrentThread() {
        long gettid = gettidSyscall(System.getProperty("os.arch", ""));
        if (gettid < 0) {
            return 0;
        }
        try {
            return niceOf(Path.of("/proc/self/task/" + lib().syscall(gettid)));
        } catch (LastErrorException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            return 0;
        }
    }

    private static Outcome raise(int tid) {
        return set(tid, NICE);
    }

    static Outcome set(int tid, int nice) {
        try {
            lib().setpriority(PRIO_PROCESS, tid, nice);
            return new Outcome.Raised(nice);
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
