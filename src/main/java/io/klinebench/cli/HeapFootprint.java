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

    /** For a process that runs for hours (the sim, a replay): {@link #keepSmall}, and a grown heap given back as it runs. */
    static void keepSmallWhileRunning() {
        keepSmall();
        HeapGiveBack.start();
    }

    private static boolean setByUser(HotSpotDiagnosticMXBean vm, String name) {
        return vm.getVMOption(name).getOrigin() != VMOption.Origin.DEFAULT;
    }
}
