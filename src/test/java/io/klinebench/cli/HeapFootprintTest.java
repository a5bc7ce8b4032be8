package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The heap settings a long run makes for itself, with no flag the user must know. */
class HeapFootprintTest {

    private static String option(String name) {
        return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption(name)
                .getValue();
    }

    /** This test JVM was started without any of these set: a long run sets them all. */
    @Test
    void aLongRunKeepsItsHeapSmallAndGivesUnusedHeapBackWhileItRuns() {
        HeapFootprint.keepSmallWhileRunning();

        assertThat(option("MinHeapFreeRatio")).isEqualTo("10");
        assertThat(option("MaxHeapFreeRatio")).isEqualTo("30");
        assertThat(option("G1PeriodicGCInterval")).isEqualTo(Long.toString(HeapFootprint.PERIODIC_CYCLE_MS));
    }
}
