package io.klinebench.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a grown heap back while a long run (the sim, a replay) goes on, with no flag the user
 * must know. The free ratios of {@link HeapFootprint} shrink the heap only at a collection that
 * resizes it (a full one, or the remark of a concurrent cycle); young collections only grow it,
 * and they do when their pauses look costly, as on a busy machine, where a thread is kept from
 * running: a sim beside two busy processes grew its heap to 213 MB committed for 15 MB used,
 * 203 MB resident after 17,000 requests (BENCHMARKS.md, "Long runs").
 *
 * <p>So every {@link #LOOK_MILLIS} the long run's give-back thread ({@link
 * HeapFootprint#keepSmallWhileRunning}) looks at the heap, and while it has grown
 * ({@link #grown}) asks G1 for its periodic concurrent cycle (JEP 346: {@code
 * G1PeriodicGCInterval}, manageable at run time), whose remark gives the unused heap back; once
 * the heap is small again it asks for none. A cycle every interval at all times would cost an
 * idle sim about 0.4 % of a core more (measured), above the half percent it may use.
 */
final class HeapGiveBack {

    private static final Logger log = LoggerFactory.getLogger(HeapGiveBack.class);

    static final long LOOK_MILLIS = 10_000;
    /**
     * Above the heap a sim needs, committed: about 30 MB for 10 MB live at {@link HeapFootprint}'s
     * ratios. At 48 MB a soak's heap sat at 40 MB, 23 MB used, for hours (BENCHMARKS.md, "A trim
     * every 10 s, and the heap's mark at 36 MB").
     */
    static final long GROWN_BYTES = 36L << 20;
    /** How long without a collection before G1 runs the cycle, while the heap has grown. */
    static final long CYCLE_AFTER_MILLIS = 2_000;

    private static final String PERIODIC = "G1PeriodicGCInterval";

    private HeapGiveBack() {}

    /** Whether looking can help: G1's periodic interval is manageable here and the user did not set it. */
    static boolean mayAsk() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            VMOption.Origin origin =
                    vm == null ? null : vm.getVMOption(PERIODIC).getOrigin();
            // set by us (an earlier look in this JVM) is not set by the user
            return origin == VMOption.Origin.DEFAULT || origin == VMOption.Origin.MANAGEMENT;
        } catch (RuntimeException | LinkageError e) {
            log.debug("no periodic collection to give a grown heap back: {}", e.toString());
            return false;
        }
    }

    /** One look at the heap: the periodic cycle asked for while it has grown, not otherwise; false when that cannot be asked. */
    static boolean look() {
        long committed =
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        long kept = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterCollection = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterCollection != null) {
                kept += afterCollection.getUsed();
            }
        }
        return ask(grown(committed, kept) ? CYCLE_AFTER_MILLIS : 0);
    }

    /**
     * Whether a heap of {@code committed} bytes, which kept {@code kept} at its last collection, has
     * grown beyond what the process holds: above {@link #GROWN_BYTES} and above three times what
     * it kept (a process that truly holds that much keeps its heap, and no cycle is asked in vain).
     */
    static boolean grown(long committed, long kept) {
        return committed > GROWN_BYTES && committed > 3 * kept;
    }

    /** Sets the periodic interval ({@code 0}: none); false when it cannot be set. */
    static boolean ask(long millis) {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (!vm.getVMOption(PERIODIC).getValue().equals(Long.toString(millis))) {
                vm.setVMOption(PERIODIC, Long.toString(millis));
            }
            return true;
        } catch (RuntimeException | LinkageError e) {
            log.debug("no periodic collection to give a grown heap back: {}", e.toString());
            return false;
        }
    }

    /** The periodic interval now, as the JVM has it (for tests). */
    static String asked() {
        return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption(PERIODIC)
                .getValue();
    }
}
