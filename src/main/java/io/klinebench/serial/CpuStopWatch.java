package io.klinebench.serial;

import io.klinebench.time.CpuStop;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Durations;
import io.klinebench.time.SystemClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Watches the machine for stops of its CPUs while a line is busy: one sleeper thread pinned to
 * each CPU wakes every {@link #BEAT}; one that wakes more than {@link #LATE} after it should
 * have saw its CPU stop, and the span is a {@link CpuStop}. A
 * byte the stopped CPU was carrying (the kernel's pty work, our reader) arrives that much late,
 * and a link on this line widens that gap's bound by it ({@code LineConditions#tolerance(long,
 * long)}) instead of blaming the sender. A pause of the whole JVM (a collection's safepoint) holds
 * the sleepers too and is seen the same way, on every CPU at once: it holds our reader as well.
 *
 * <p>Why a watch and not a larger stated uncertainty: on the virtual machine this project is
 * built on, beside two busy processes, one virtual CPU stops for about 100 ms every 18 s (see
 * BENCHMARKS.md, "The machine's own stalls"); stating 100 ms for every gap would make most
 * verdicts not decidable, while the stops touch a few gaps an hour. Guest priority does not
 * help: a stopped virtual CPU runs nothing.
 *
 * <p>The sleepers run at normal priority, unlike the timing threads. Raised to nice -20, their
 * wake-ups (500 a second on each CPU, at a 2 ms beat then) held the kernel's pty work back for hundreds of milliseconds
 * beside two busy processes (the pty contract tests failed with them raised, unpinned too, and
 * passed with them at normal priority; BENCHMARKS.md, "Watching the machine"). At normal priority
 * a sleeper also waits for a time slice now and then; a wait longer than {@link #LATE} counts
 * as a stop, which widens a gap more than needed but never less.
 *
 * <p>The kernel's pty delivery is watched beside the CPUs ({@link PtyDeliveryProbe}): it stalls
 * now and then while every CPU runs, and a stall of it is said and widens gaps the same way, as
 * a stop of {@link CpuStop#PTY_DELIVERY}.
 *
 * <p>Idle costs nothing: the sleepers park once the line has been quiet for {@link #AWAKE_FOR}
 * and wake with the next byte ({@link #lineBusy}). A stop that holds the very byte that wakes
 * them is not seen; the gap before such a byte is idle time, which no rule bounds tightly.
 */
public final class CpuStopWatch implements CpuStops, AutoCloseable {

    /** How often a sleeper wakes. */
    public static final long BEAT = 4 * Durations.MS;
    /** How late a wake-up must be to count as a stop: above a normal thread's usual wait for a slice beside busy processes. */
    public static final long LATE = 8 * Durations.MS;
    /** How long after the last byte the sleepers keep watching: longer than P3max's 5 s. */
    static final long AWAKE_FOR = 10_000 * Durations.MS;
    /** How long a stop is kept for the gaps that ask: longer than any gap a rule bounds. */
    static final long KEPT_FOR = 60_000 * Durations.MS;

    private final SystemClock clock;
    private final List<Sleeper> sleepers = new ArrayList<>();
    private final ConcurrentLinkedDeque<CpuStop> seen = new ConcurrentLinkedDeque<>();
    private volatile Consumer<CpuStop> onStop = s -> {};
    private volatile long awakeUntil;
    private volatile boolean closed;
    /** The probe of the kernel's pty delivery, written at the first sleeper's beats; null when it cannot be opened. */
    private final PtyDeliveryProbe probe;
    /** Why there is no probe, or null. */
    private final String noProbe;

    private CpuStopWatch(SystemClock clock, List<Integer> cpus) {
        this.clock = clock;
        PtyDeliveryProbe p = null;
        String why = null;
        if (!cpus.isEmpty()) {
            try {
                p = PtyDeliveryProbe.open(clock, this::seen);
            } catch (IOException | RuntimeException e) {
                why = e.getMessage();
            }
        }
        this.probe = p;
        this.noProbe = why;
        for (int cpu : cpus) {
            sleepers.add(new Sleeper(cpu));
        }
    }

    /**
     * Starts watching every CPU this process may run on, parked until the line is busy (so the
     * start-up's own pauses, a full collection among them, are not taken for stops), or
     * returns a watch of nothing when they cannot be learnt: then no gap is widened, and {@link
     * #said()} says why.
     */
    public static CpuStopWatch start(SystemClock clock) {
        List<Integer> cpus = CpuAffinity.allowed();
        CpuStopWatch w = new CpuStopWatch(clock, cpus);
        w.awakeUntil = Long.MIN_VALUE;
        for (Sleeper s : w.sleepers) {
            s.thread.start();
        }
        return w;
    }

    /** Who hears each stop as it is seen, on the clock's loop (as every event of the line is said). */
    public void onStop(Consumer<CpuStop> listener) {
        this.onStop = listener;
    }

    /** The line carried something: keep watching (wakes parked sleepers). Cheap; called for each byte. */
    public void lineBusy() {
        long now = clock.nanos();
        awakeUntil = now + AWAKE_FOR;
        for (int i = 0; i < sleepers.size(); i++) {
            Sleeper s = sleepers.get(i);
            if (s.parked) {
                s.lastBeat = now;
                s.parked = false;
                LockSupport.unpark(s.thread);
            }
        }
    }

    /** For a banner: "watching for stops of CPUs 0, 1 (2 sleepers, one pinned to each CPU)", or why not. */
    public String said() {
        if (sleepers.isEmpty()) {
            return "not watching the machine for stops: its CPUs cannot be learnt";
        }
        List<String> problems = sleepers.stream()
                .map(s -> s.problem)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        String pty = probe != null && probe.problem() == null ? " and the kernel's pty delivery" : "";
        String notPty = probe == null
                ? "; not the pty delivery: " + noProbe
                : probe.problem() != null ? "; not the pty delivery: " + probe.problem() : "";
        return "watching CPUs "
                + String.join(
                        ", ", sleepers.stream().map(s -> String.valueOf(s.cpu)).toList())
                + pty + " for stops (" + sleepers.size() + " sleepers, one pinned to each CPU"
                + (pty.isEmpty() ? "" : ", a probe pty written at each beat")
                + (problems.isEmpty() ? "" : "; " + String.join("; ", problems)) + notPty + ")";
    }

    @Override
    public List<CpuStop> within(long from, long to) {
        List<CpuStop> out = new ArrayList<>();
        for (CpuStop s : seen) {
            if (s.overlaps(from, to)) {
                out.add(s);
            }
        }
        long now = clock.nanos();
        for (int i = 0; i < sleepers.size(); i++) {
            Sleeper s = sleepers.get(i);
            long last = s.lastBeat;
            // a sleeper overdue now: its CPU is stopped as we speak (or was until a moment ago
            // and the sleeper has not run yet to say so)
            if (!s.parked && now - last > BEAT + LATE && last <= to) {
                out.add(new CpuStop(s.cpu, last, now));
            }
        }
        CpuStop stalled = probe == null ? null : probe.ongoing(now);
        if (stalled != null && stalled.from() <= to) {
            out.add(stalled);
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        for (Sleeper s : sleepers) {
            LockSupport.unpark(s.thread);
        }
        if (probe != null) {
            probe.close();
        }
    }

    /** A stop seen, by a sleeper or the probe's reader: kept, and said on the clock's loop. */
    private void seen(CpuStop stop) {
        seen.addLast(stop);
        CpuStop oldest;
        while ((oldest = seen.peekFirst()) != null && oldest.to() < stop.to() - KEPT_FOR) {
            seen.pollFirst();
        }
        Consumer<CpuStop> listener = onStop;
        clock.schedule(clock.nanos(), () -> listener.accept(stop));
    }

    private final class Sleeper implements Runnable {
        final int cpu;
        final Thread thread;
        volatile long lastBeat;
        volatile boolean parked;
        /** Why this sleeper does not run as meant (not pinned), or null. */
        volatile String problem;

        Sleeper(int cpu) {
            this.cpu = cpu;
            this.thread = new Thread(this, "cpu-stop-watch-" + cpu);
            thread.setDaemon(true);
            this.lastBeat = clock.nanos();
        }

        @Override
        public void run() {
            String pinned = CpuAffinity.pinCurrentThread(cpu);
            // at normal priority even when started from a raised thread, which it inherits (see the class comment)
            ThreadPriority.normalCurrentThread();
            if (pinned != null) {
                problem = "not pinned: " + pinned;
            }
            lastBeat = clock.nanos();
            while (!closed) {
                if (clock.nanos() > awakeUntil) {
                    parked = true;
                    if (clock.nanos() > awakeUntil) { // not made busy meanwhile (lineBusy() looks at parked after)
                        LockSupport.park(this);
                    }
                    if (parked && clock.nanos() <= awakeUntil) { // busy again, and nobody woke us: start over
                        lastBeat = clock.nanos();
                        parked = false;
                    }
                    continue; // lineBusy() set lastBeat and parked; or a spurious return: look again
                }
                LockSupport.parkNanos(this, BEAT);
                long now = clock.nanos();
                long last = lastBeat;
                if (now - last > BEAT + LATE) {
                    seen(new CpuStop(cpu, last, now));
                }
                lastBeat = now;
                if (probe != null && this == sleepers.get(0)) {
                    probe.send();
                }
            }
        }
    }
}
