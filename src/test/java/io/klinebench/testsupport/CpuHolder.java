package io.klinebench.testsupport;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Optional;

/**
 * Holds one CPU as a host holds a virtual CPU it takes away: a real-time thread (SCHED_FIFO, which
 * every thread of the normal class waits behind, raised ones too) pinned to it, spinning. Needs
 * root or CAP_SYS_NICE; {@link #hold} says why not where refused. The kernel's real-time
 * throttling (950 ms a second by default) bounds the harm of a test gone wrong.
 */
public final class CpuHolder {

    private static final int SCHED_FIFO = 1;

    interface CLib extends Library {
        int sched_setaffinity(int pid, long size, long[] mask) throws LastErrorException;

        int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;
    }

    private CpuHolder() {}

    /** What a hold did: when it began and ended ({@link System#nanoTime()}), or why it could not. */
    public record Held(long from, long to, String refused) {
        public boolean done() {
            return refused == null;
        }
    }

    /** Holds {@code cpu} for {@code nanos} on a thread of its own, and returns when done. */
    public static Held hold(int cpu, long nanos) throws InterruptedException {
        Held[] out = new Held[1];
        Thread t = new Thread(() -> out[0] = holdHere(cpu, nanos), "cpu-holder-" + cpu);
        t.start();
        t.join();
        return out[0];
    }

    private static Held holdHere(int cpu, long nanos) {
        Optional<String> refused = realTimeOn(cpu);
        if (refused.isPresent()) {
            return new Held(0, 0, refused.get());
        }
        long from = System.nanoTime();
        while (System.nanoTime() - from < nanos) {
            Thread.onSpinWait();
        }
        return new Held(from, System.nanoTime(), null);
    }

    private static Optional<String> realTimeOn(int cpu) {
        try {
            CLib c = Native.load("c", CLib.class);
            long[] mask = new long[16];
            mask[cpu / 64] = 1L << (cpu % 64);
            c.sched_setaffinity(0, mask.length * 8L, mask);
            c.sched_setscheduler(0, SCHED_FIFO, new int[] {10});
            return Optional.empty();
        } catch (LastErrorException e) {
            return Optional.of("error " + e.getErrorCode() + " (a real-time thread needs root or CAP_SYS_NICE)");
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return Optional.of("the C library cannot be reached: " + e.getMessage());
        }
    }
}
