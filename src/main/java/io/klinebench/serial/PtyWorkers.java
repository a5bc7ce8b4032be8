package io.klinebench.serial;

import io.klinebench.time.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's threads that carry a serial line's bytes to its reader, raised with our timing
 * threads while a command runs, and put back when it ends.
 *
 * <p>Why: Linux hands a byte written to a pty (and one a USB serial adapter received) to the
 * reader's side in a work item of the unbound workqueue ({@code tty_flip_buffer_push}), run by a
 * {@code kworker/u*} thread at normal priority. On a busy machine that thread waits for its
 * turn while everything else runs on time: beside two busy processes, with bytes written to
 * three ptys every millisecond, 1,100 bytes a minute reached their readers more than 25 ms late
 * (up to 300 ms) while a thread sleeping 1 ms at a time, at the same priority, was never more
 * than 8 ms late; with those workers at nice -20, none. Such a hold is invisible to the
 * machine's stop watch (no CPU stopped) and to its probe pty when another worker carries the
 * probe's bytes, so the line's stated uncertainty would be a promise the kernel breaks.
 *
 * <p>New workers come and go with the load, so a keeper thread raises each new one, once a
 * second while bytes move. Linux only; needs what raising our own threads needs (root or CAP_SYS_NICE), and is
 * refused, saying why, otherwise. Only for a JVM that runs one of our commands (the command
 * line decides): the threads are the whole machine's.
 */
public final class PtyWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PtyWorkers.class);

    /** The kernel's name for the unbound workqueue's workers (the pool's id and the worker's follow). */
    static final String UNBOUND_WORKER = "kworker/u";

    /** How often the keeper looks for new workers. */
    static final long LOOK_EVERY = Durations.S;

    /** The kernel's thread daemon, whose children are the kernel's threads. */
    private static final Path KERNEL_THREADS = Path.of("/proc/2/task/2/children");

    /**
     * Reads that brought bytes on any serial line of this JVM (a lost count when two readers
     * race is harmless: only a change is looked for). A keeper looks only when it changed since
     * its last look, so an idle command pays a wake-up a second, not a look (a look every second
     * cost an idle sim 0.5 % of a core, most of it compiling the look). A count, not a flag one
     * keeper clears: the test run's keeper and a test's own both see it.
     */
    private static volatile int busyReads;

    /** {@link #busyReads} at this keeper's last look. */
    private int readsLookedAt;

    private final Map<Integer, Integer> raisedFrom = new HashMap<>();
    /**
     * The kernel's threads that are not unbound workers, by id: a kernel thread keeps its job, so
     * each is named once, and a look is one read of the list and one of each worker's nice.
     */
    private final Set<String> notWorkers = new HashSet<>();

    private final Thread keeper;
    private volatile boolean running = true;
    private ThreadPriority.Outcome outcome;

    private PtyWorkers() {
        this.keeper = new Thread(this::keep, "pty-workers");
        keeper.setDaemon(true);
    }

    /**
     * Raises the workers there are now to nice {@link ThreadPriority#NICE} and starts the keeper;
     * {@link #outcome()} says what became of it. Closing puts back every worker it raised.
     */
    public static PtyWorkers raise() {
        PtyWorkers w = new PtyWorkers();
        w.outcome = w.raiseNew(true);
        if (w.outcome instanceof ThreadPriority.Outcome.Raised) {
            w.keeper.start();
        }
        return w;
    }

    /**
     * The workers raised beside our own timing threads when those came out {@code raised};
     * else left as they are, for the reason ours were refused: never raised while our own
     * threads are not, which would put the kernel's work ahead of ours.
     */
    public static PtyWorkers beside(ThreadPriority.Outcome ours) {
        return ours instanceof ThreadPriority.Outcome.Refused r ? leftAsTheyAre(r.why()) : raise();
    }

    /** Workers left as they are, for {@code why} (raising not asked for, not a JVM of its own...). */
    public static PtyWorkers leftAsTheyAre(String why) {
        PtyWorkers w = new PtyWorkers();
        w.outcome = new ThreadPriority.Outcome.Refused(why);
        return w;
    }

    /** Told by a pipe's reader for each read that brought bytes (one volatile write). */
    static void lineBusy() {
        busyReads++;
    }

    /** Whether the workers were raised, or why not. */
    public ThreadPriority.Outcome outcome() {
        return outcome;
    }

    /** The workers raised and not put back yet (their thread ids), for a test. */
    synchronized Set<Integer> raised() {
        return Set.copyOf(raisedFrom.keySet());
    }

    /** As a banner says it. */
    public String said() {
        return outcome instanceof ThreadPriority.Outcome.Raised r
                ? "the kernel's serial-line workers (" + UNBOUND_WORKER + "*) at nice " + r.nice() + " while it runs"
                : "the kernel's serial-line workers (" + UNBOUND_WORKER + "*) at normal priority: "
                        + ((ThreadPriority.Outcome.Refused) outcome).why()
                        + " (on a busy machine they can hold a byte beyond the stated uncertainty)";
    }

    private void keep() {
        ThreadPriority.normalCurrentThread(); // started by a raised thread, it would run raised
        while (running) {
            try {
                Thread.sleep(LOOK_EVERY / Durations.MS);
            } catch (InterruptedException e) {
                return;
            }
            int reads = busyReads;
            if (reads == readsLookedAt) {
                continue; // the kernel starts workers for work: while no byte moves, none come
            }
            readsLookedAt = reads;
            ThreadPriority.Outcome o = raiseNew(false);
            if (o instanceof ThreadPriority.Outcome.Refused r) {
                log.debug("a new serial-line worker not raised: {}", r.why());
            }
        }
    }

    /**
     * Raises every unbound worker not at {@link ThreadPriority#NICE} yet; synchronized with {@link
     * #close}. The {@code first} look, at start, is refused when it finds no unbound worker at all.
     */
    private synchronized ThreadPriority.Outcome raiseNew(boolean first) {
        if (!running) {
            return new ThreadPriority.Outcome.Refused("closed");
        }
        Set<String> pids;
        try {
            pids = kernelThreads();
        } catch (IOException e) {
            return new ThreadPriority.Outcome.Refused(
                    "the kernel's threads are not listed here (/proc: " + e.getMessage() + "; Linux only)");
        }
        ThreadPriority.Outcome result = new ThreadPriority.Outcome.Raised(ThreadPriority.NICE);
        notWorkers.retainAll(pids); // a number the kernel gives again is looked at again
        int workers = 0;
        for (String pid : pids) {
            if (notWorkers.contains(pid)) {
                continue;
            }
            Path task = Path.of("/proc", pid);
            if (!isUnboundWorker(name(task))) {
                notWorkers.add(pid);
                continue;
            }
            workers++;
            // a worker's nice is read each time: another command that raised it may have put it back
            int nice = ThreadPriority.niceOf(task);
            if (nice == ThreadPriority.NICE) {
                continue;
            }
            int tid = Integer.parseInt(pid);
            ThreadPriority.Outcome o = ThreadPriority.set(tid, ThreadPriority.NICE);
            if (o instanceof ThreadPriority.Outcome.Raised) {
                raisedFrom.putIfAbsent(tid, nice);
            }
            result = result.and(o);
        }
        if (workers == 0 && first) {
            // an unbound pool always keeps a worker: none means this kernel names them otherwise
            return new ThreadPriority.Outcome.Refused(
                    "no " + UNBOUND_WORKER + "* thread here (this kernel names them otherwise)");
        }
        return result;
    }

    /**
     * The kernel's threads: the children of its thread daemon where the kernel lists them (about
     * 60 here, of 75 processes), else every process.
     */
    private static Set<String> kernelThreads() throws IOException {
        if (Files.isReadable(KERNEL_THREADS)) {
            return new HashSet<>(
                    Arrays.asList(Files.readString(KERNEL_THREADS).strip().split(" +")));
        }
        try (Stream<Path> all = Files.list(Path.of("/proc"))) {
            return all.map(p -> p.getFileName().toString())
                    .filter(n -> !n.isEmpty() && n.chars().allMatch(Character::isDigit))
                    .collect(Collectors.toSet());
        }
    }

    static boolean isUnboundWorker(String threadName) {
        return threadName.startsWith(UNBOUND_WORKER);
    }

    private static String name(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return ""; // gone meanwhile
        }
    }

    /** Stops the keeper and puts back each worker it raised that is still there and still raised. */
    @Override
    public void close() {
        running = false;
        keeper.interrupt();
        synchronized (this) {
            for (Map.Entry<Integer, Integer> e : raisedFrom.entrySet()) {
                Path task = Path.of("/proc", String.valueOf(e.getKey()));
                if (isUnboundWorker(name(task)) && ThreadPriority.niceOf(task) == ThreadPriority.NICE) {
                    ThreadPriority.set(e.getKey(), e.getValue());
                }
            }
            raisedFrom.clear();
        }
    }
}
