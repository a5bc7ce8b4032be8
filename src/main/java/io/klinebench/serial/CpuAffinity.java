package io.klinebench.serial;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.ArrayList;
import java.util.List;

/**
 * Which CPUs a thread may run on (Linux sched_getaffinity / sched_setaffinity, through JNA):
 * the machine watch pins one sleeper to each CPU, so that the CPU it sees stop is the one it
 * names.
 */
final class CpuAffinity {

    /** Room for 1,024 CPUs, as glibc's cpu_set_t. */
    private static final int WORDS = 16;

    interface CLib extends Library {
        int sched_getaffinity(int pid, long size, long[] mask) throws LastErrorException;

        int sched_setaffinity(int pid, long size, long[] mask) throws LastErrorException;
    }

    private static CLib clib;

    private CpuAffinity() {}

    /** The CPUs this process may run on, or empty when that cannot be learnt (not Linux, no C library). */
    static List<Integer> allowed() {
        long[] mask = new long[WORDS];
        try {
            lib().sched_getaffinity(0, WORDS * 8L, mask);
        } catch (LastErrorException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            return List.of();
        }
        List<Integer> cpus = new ArrayList<>();
        for (int i = 0; i < WORDS * 64; i++) {
            if ((mask[i / 64] & (1L << (i % 64))) != 0) {
                cpus.add(i);
            }
        }
        return cpus;
    }

    /** Pins the calling thread to {@code cpu}; null when done, else why not. */
    static String pinCurrentThread(int cpu) {
        long[] mask = new long[WORDS];
        mask[cpu / 64] = 1L << (cpu % 64);
        try {
            lib().sched_setaffinity(0, WORDS * 8L, mask);
            return null;
        } catch (LastErrorException e) {
            return "sched_setaffinity: error " + e.getErrorCode();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return "the C library cannot be reached: " + e.getMessage();
        }
    }

    private static synchronized CLib lib() {
        if (clib == null) {
            clib = Native.load("c", CLib.class);
        }
        return clib;
    }
}
