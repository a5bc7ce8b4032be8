package io.klinebench.time;

import static io.klinebench.time.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which of the machine's stops bear on a gap, and by how much they widen it: every stop that
 * shares an instant with the gap, or ended within the stamps' slack before it (it may have held
 * the stamp that opened the gap); none other.
 */
class CpuStopsTest {

    private final CpuStop early = new CpuStop(0, 100 * MS, 200 * MS);
    private final CpuStop inside = new CpuStop(1, 1_000 * MS, 1_100 * MS);
    private final CpuStops stops = CpuStops.of(List.of(early, inside));

    @Test
    void aStopInTheGapWidensItByItsWholeLength() {
        assertThat(stops.widening(950 * MS, 1_150 * MS, 25 * MS)).isEqualTo(100 * MS);
        assertThat(stops.said(950 * MS, 1_150 * MS, 25 * MS)).isEqualTo("CPU 1 ran nothing of ours for 100ms");
    }

    @Test
    void aStopEndingWithinTheSlackBeforeTheGapCountsAndOneEndingEarlierDoesNot() {
        assertThat(stops.widening(225 * MS, 260 * MS, 25 * MS))
                .as("ended 25 ms before")
                .isEqualTo(100 * MS);
        assertThat(stops.widening(225 * MS + 1, 260 * MS, 25 * MS))
                .as("1 ns more")
                .isZero();
    }

    @Test
    void stopsAddUpAndNoneIsNothing() {
        assertThat(stops.widening(0, 2_000 * MS, 0)).isEqualTo(200 * MS);
        assertThat(CpuStops.NONE.widening(0, Long.MAX_VALUE / 2, 25 * MS)).isZero();
        assertThat(CpuStops.of(List.of())).isSameAs(CpuStops.NONE);
        assertThat(stops.said(300 * MS, 900 * MS, 25 * MS)).isEmpty();
    }

    @Test
    void stopsThatOverlapCountOnce() {
        // both CPUs held together (a JVM pause), and the kernel's pty delivery stalled inside
        // that, seen twice as its held bytes came in: 150 ms of the machine's time, not 430
        CpuStops overlapping = CpuStops.of(List.of(
                new CpuStop(0, 1_000 * MS, 1_100 * MS),
                new CpuStop(1, 1_010 * MS, 1_100 * MS),
                new CpuStop(CpuStop.PTY_DELIVERY, 1_050 * MS, 1_150 * MS),
                new CpuStop(CpuStop.PTY_DELIVERY, 1_060 * MS, 1_140 * MS)));

        assertThat(overlapping.widening(990 * MS, 1_200 * MS, 25 * MS)).isEqualTo(150 * MS);
        assertThat(overlapping.said(990 * MS, 1_200 * MS, 25 * MS))
                .contains("CPU 0 ran nothing of ours for 100ms", "the kernel delivered no pty byte for 100ms");
    }

    /**
     * A busy minute may hold dozens of stops in one wait: the words name the three longest in
     * time order and sum up the rest, with the time they cover together.
     */
    @Test
    void manyStopsAreSaidAsTheLongestAndTheRestSummedUp() {
        CpuStops busy = CpuStops.of(List.of(
                new CpuStop(0, 1_000 * MS, 1_012 * MS),
                new CpuStop(1, 1_100 * MS, 1_130 * MS),
                new CpuStop(CpuStop.PTY_DELIVERY, 1_200 * MS, 1_298 * MS),
                new CpuStop(0, 1_300 * MS, 1_313 * MS),
                new CpuStop(1, 1_400 * MS, 1_450 * MS)));

        assertThat(busy.said(990 * MS, 1_500 * MS, 0))
                .isEqualTo("CPU 1 ran nothing of ours for 30ms, the kernel delivered no pty byte for 98ms,"
                        + " CPU 1 ran nothing of ours for 50ms and 2 more stops; 203ms covered in all");
        assertThat(busy.said(1_250 * MS, 1_500 * MS, 0))
                .as("three are named one by one")
                .isEqualTo("the kernel delivered no pty byte for 98ms, CPU 0 ran nothing of ours for 13ms,"
                        + " CPU 1 ran nothing of ours for 50ms");
    }

    @Test
    void aStopEndsAfterItStarts() {
        assertThatThrownBy(() -> new CpuStop(1, 20, 10)).hasMessageContaining("ends after it starts");
        assertThat(new CpuStop(1, 10, 10).nanos()).isZero();
    }
}
