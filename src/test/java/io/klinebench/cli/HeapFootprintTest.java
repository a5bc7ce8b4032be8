package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The heap settings a long run makes for itself, with no flag the user must know. */
class HeapFootprintTest {

    private static final long MB = 1L << 20;

    private static String option(String name) {
        return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption(name)
                .getValue();
    }

    /** This test JVM was started without them set: a long run sets them. */
    @Test
    void aLongRunKeepsItsHeapNearWhatItHolds() {
        HeapFootprint.keepSmallWhileRunning();

        assertThat(option("MinHeapFreeRatio")).isEqualTo("10");
        assertThat(option("MaxHeapFreeRatio")).isEqualTo("30");
    }

    /** However many long runs a JVM holds (a test JVM holds many sims), one thread gives memory back. */
    @Test
    void oneGiveBackThreadForTheJvm() {
        HeapFootprint.keepSmallWhileRunning();
        HeapFootprint.keepSmallWhileRunning();

        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> t.getName().equals("memory-give-back"))
                .hasSize(1)
                .allMatch(Thread::isDaemon);
    }

    /** The sim beside two busy processes: 213 MB committed for 15 MB kept; a sim at rest: 32 MB for 8. */
    @Test
    void aHeapHasGrownWhenItIsLargeAndMostlyUnused() {
        assertThat(HeapGiveBack.grown(213 * MB, 15 * MB)).isTrue();
        assertThat(HeapGiveBack.grown(32 * MB, 8 * MB)).as("at rest").isFalse();
        assertThat(HeapGiveBack.grown(200 * MB, 120 * MB))
                .as("a heap that holds much")
                .isFalse();
        assertThat(HeapGiveBack.grown(36 * MB, 0)).as("at the limit").isFalse();
        assertThat(HeapGiveBack.grown(36 * MB + 1, 0)).isTrue();
        assertThat(HeapGiveBack.grown(40 * MB, 12 * MB)).as("the soak's heap").isTrue();
    }

    /** The periodic cycle is asked for only while the heap has grown, and the ask is undone after. */
    @Test
    void thePeriodicCycleIsAskedForOnlyWhileTheHeapHasGrown() {
        assertThat(HeapGiveBack.ask(HeapGiveBack.CYCLE_AFTER_MILLIS)).isTrue();
        assertThat(HeapGiveBack.asked()).isEqualTo(Long.toString(HeapGiveBack.CYCLE_AFTER_MILLIS));
        assertThat(HeapGiveBack.ask(0)).isTrue();
        assertThat(HeapGiveBack.asked()).isEqualTo("0");
        assertThat(HeapGiveBack.look()).as("a look at this JVM's heap").isTrue();
    }
}
