package io.klinebench.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-running sim's heap near what it holds, without flags the user must know. The
 * JVM's defaults size the heap for throughput: G1 keeps up to 70 % of it free after a
 * collection, and young collections sweep through all of it, so every committed page becomes
 * resident (a sim on a 24 GB machine: 57 MB of heap for about 10 MB live, 108 MB resident after
 * 4,500 requests). The free ratios are manageable at run time; set low before the collection
 * that ends start-up, they leave 32 MB of heap and 92 MB resident (BENCHMARKS.md, "Side by side
 * with a reference module"). A ratio the user set on the command line is left as it is.
 *
 * <p>The ratios shrink the heap only at a collection that resizes it; a long run also has
 * {@link HeapGiveBack} ask for one when its heap has grown.
 */
final class HeapFootprint {

    private static final Logger log = LoggerFactory.getLogger(HeapFootprint.class);

    private static final String MIN = "MinHeapFreeRatio";
    private static final String MAX = "MaxHeapFreeRatio";
    private static final int MIN_FREE = 10;
    private static final int MAX_FREE = 30;

    /** Whether this JVM's give-back thread runs already. */
    private static final java.util.concurrent.atomic.AtomicBoolean givingBack =
            new java.util.concurrent.atomic.AtomicBoolean();

    private HeapFootprint() {}

    /** Lowers the heap's free ratios (for the next collection on); says at debug level when it cannot. */
    static void keepSmall() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (vm == null || setByUser(vm, MIN) || setByUser(vm, MAX)) {
                return;
            }
            vm.setVMOption(MIN, Integer.toString(MIN_FREE)); // first: it may never exceed the maximum
            vm.setVMOption(MAX, Integer.toString(MAX_FREE));
        } catch (RuntimeException | LinkageError e) {
            log.debug("heap free ratios left at the JVM's defaults: {}", e.toString());
        }
    }

    /**
     * For a process that runs for hours (the sim, a replay): {@link #keepSmall}, and memory given
     * back as it runs, on one daemon thread for the JVM however many long runs it holds (a test
     * JVM holds many): a grown heap ({@link HeapGiveBack}, a look every 10 s) and the C heap's
     * free memory ({@link NativeHeapTrim}, 30 s after start and then every 10 s).
     */
    static void keepSmallWhileRunning() {
        keepSmall();
        if (givingBack.compareAndSet(false, true)) {
            Thread t = new Thread(HeapFootprint::giveBack, "memory-give-back");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        }
    }

    private static void giveBack() {
        boolean heap = HeapGiveBack.mayAsk();
        boolean trim = true;
        long waited = 0;
        long nextTrim = NativeHeapTrim.FIRST_MILLIS;
        try {
            while (heap || trim) {
                Thread.sleep(HeapGiveBack.LOOK_MILLIS);
                waited += HeapGiveBack.LOOK_MILLIS;
                if (heap) {
                    heap = HeapGiveBack.look();
                }
                if (trim && waited >= nextTrim) {
                    trim = NativeHeapTrim.trimOnce();
                    nextTrim += NativeHeapTrim.EVERY_MILLIS;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean setByUser(HotSpotDiagnosticMXBean vm, String name) {
        return vm.getVMOption(name).getOrigin() != VMOption.Origin.DEFAULT;
    }
}
