package io.klinebench.cli;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the C heap's free memory back to the operating system now and then, as the JVM's own
 * {@code -XX:TrimNativeHeapInterval} does, without a flag the user must know. The JIT
 * compilers work in arenas of malloc'ed memory (20 MB at their peak in a fresh sim), and the C
 * library keeps what they free: a sim that had answered 4,000 requests held 92 MB resident, 77 MB
 * after one trim (BENCHMARKS.md, "Side by side with a reference module"). The trim is the JVM's
 * diagnostic command {@code System.trim_native_heap}, which knows when the C library cannot trim
 * (it says so, and nothing is done). It runs on the long run's give-back thread ({@link
 * HeapFootprint#keepSmallWhileRunning}), never on the clock's loop, first half a minute after start (when start-up's compiling is mostly over) and then at each of
 * the thread's looks, every 10 s: one trim took 0.4 ms here. With five minutes between trims
 * the JIT's arenas had grown the sim back to 99 MB in between; with a minute, readings every
 * 1,000 requests went 88 to 98 MB, and with 10 s 82 to 87 MB, its peaks (97 MB) rarer
 * (BENCHMARKS.md, "Giving the C heap back").
 */
final class NativeHeapTrim {

    private static final Logger log = LoggerFactory.getLogger(NativeHeapTrim.class);

    static final long FIRST_MILLIS = 30_000;
    static final long EVERY_MILLIS = 10_000;
    private static final String OPERATION = "systemTrimNativeHeap";

    private NativeHeapTrim() {}

    /**
     * One trim; false when trimming cannot work in this JVM (no such command), said once at debug
     * level, as the heap's free ratios are.
     */
    static boolean trimOnce() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName command = new ObjectName("com.sun.management:type=DiagnosticCommand");
            Object answer = server.invoke(command, OPERATION, new Object[0], new String[0]);
            log.debug("{}", answer);
            return true;
        } catch (JMException | RuntimeException | LinkageError e) {
            log.debug("the C heap is not trimmed: {}", e.toString());
            return false;
        }
    }
}
