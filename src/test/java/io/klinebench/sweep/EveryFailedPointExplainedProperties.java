package io.klinebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.time.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * No failed point of a sweep goes unexplained: over random values of every parameter of the
 * shipped R53 ritual at once (cycles, run and off times, key-out delay, first-remote delay,
 * the gesture's release gap, the remote's distance in codes), straddling every limit, a point
 * that failed has a first cause and an outcome that names it: the ritual's cause, or the
 * first check of the sequence that did not hold.
 */
class EveryFailedPointExplainedProperties {

    private static Path dir;
    private static PointRunner points;

    @BeforeContainer
    static void sweep() throws Exception {
        dir = Files.createTempDirectory("explained");
        Path file = SweepFiles.write(
                dir,
                "r53-2005-2008-ritual",
                "axes:",
                "  - {name: cycles, values: [4]}",
                "  - {name: run_time, values: [1s]}",
                "  - {name: off_time, values: [1s]}",
                "  - {name: key_out, values: [1s]}",
                "  - {name: gesture_wait, values: [1s]}",
                "  - {name: release_gap, values: [0s]}",
                "  - {name: codes_ahead, values: [40000]}");
        points = new PointRunner(SweepLoader.load(file, List.of()));
    }

    @AfterContainer
    static void removeFiles() throws Exception {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 400)
    void aFailedPointAlwaysNamesItsCause(
            @ForAll @IntRange(min = 1, max = 8) int cycles,
            @ForAll @IntRange(min = 100, max = 6_500) int runMs,
            @ForAll @IntRange(min = 100, max = 6_500) int offMs,
            @ForAll @IntRange(min = 100, max = 7_000) int keyOutMs,
            @ForAll @IntRange(min = 100, max = 35_000) int gestureMs,
            @ForAll @IntRange(min = 0, max = 1_000) int releaseMs,
            @ForAll @IntRange(min = 1, max = 65_534) int codesAhead) {
        long ms = Durations.MS;
        PointResult p = points.run(
                0,
                new long[] {cycles, runMs * ms, offMs * ms, keyOutMs * ms, gestureMs * ms, releaseMs * ms, codesAhead});

        assertThat(p.outcome()).as("%s", p).isNotEqualTo(PointResult.INVALID);
        if (!p.passed()) {
            assertThat(p.outcome()).as("%s", p).startsWith("failed, ");
            assertThat(p.firstCause()).as("%s", p).isNotBlank();
        }
    }
}
