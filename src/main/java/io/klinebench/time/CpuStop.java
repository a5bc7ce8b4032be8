package io.klinebench.time;

/**
 * A span in which one CPU of the machine ran nothing of ours: a thread pinned to it, asleep for
 * two milliseconds at the highest priority of its class, woke this late. Mostly the machine
 * itself stopping; a pause of the whole JVM shows the same way, on every CPU at once. On a virtual machine the host takes a
 * virtual CPU away now and then (100 ms every 18 s or so on the 2-core VM the project is built
 * on, beside two busy processes); a byte that the kernel was carrying on that CPU, or that our
 * reader was about to stamp, arrives that much late. Times are the clock's.
 *
 * <p>A stop of {@link #PTY_DELIVERY} is the kernel's pty delivery stalling while every CPU ran:
 * a probe pty of our own carried nothing for that long. On the same machine, beside two busy
 * processes, two unrelated ptys stall together now and then (up to 100 ms) while a sleeper
 * pinned to each CPU wakes on time: the bytes wait in the kernel, whoever reads them.
 *
 * @param cpu  the CPU's number, as Linux counts them, or {@link #PTY_DELIVERY}
 * @param from the last instant the CPU was seen running our watch
 * @param to   the first instant it was seen again (for a stop still going on: now)
 */
public record CpuStop(int cpu, long from, long to) {

    /** Not a CPU: the kernel's delivery of pty bytes, seen stalled by a probe pty. */
    public static final int PTY_DELIVERY = -1;

    public CpuStop {
        if (to < from) {
            throw new IllegalArgumentException("a stop ends after it starts: " + from + " .. " + to);
        }
    }

    public long nanos() {
        return to - from;
    }

    /** Whether this stop and the span {@code start..end} share an instant. */
    public boolean overlaps(long start, long end) {
        return from <= end && to >= start;
    }

    /**
     * "CPU 1 ran nothing of ours for 99.8ms" (the machine or the JVM stopped), or "the kernel
     * delivered no pty byte for 98.8ms", as the sim and validate say it.
     */
    public String said() {
        return cpu == PTY_DELIVERY
                ? "the kernel delivered no pty byte for " + Durations.human(nanos())
                : "CPU " + cpu + " ran nothing of ours for " + Durations.human(nanos());
    }
}
