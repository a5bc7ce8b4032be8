package io.klinebench.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WakeMarginTest {

    @Test
    void startsAtTheFixedMarginItReplaced() {
        assertThat(new WakeMargin().nanos()).isEqualTo(WakeMargin.CEILING);
    }

    @Test
    void settlesNearARealTimeThreadsWakeUp() {
        WakeMargin margin = new WakeMargin();
        feed(margin, 9_000, 2_000);
        assertThat(margin.nanos()).isBetween(9_000L, 10_000L);
    }

    @Test
    void neverBelowItsFloorNorAboveItsCeiling() {
        WakeMargin early = new WakeMargin();
        feed(early, -3_000, 2_000);
        assertThat(early.nanos()).isEqualTo(WakeMargin.FLOOR);
        WakeMargin late = new WakeMargin();
        feed(late, 4_000_000, 100);
        assertThat(late.nanos()).isEqualTo(WakeMargin.CEILING);
    }

    @Test
    void followsTheUpperPartOfTheLatenessNotItsMedian() {
        // Eight wake-ups in nine at 10 us, one at 80 us: the margin settles well above the
        // median (between 44 and 48 us, as the class says), so that most tasks are reached by
        // yielding rather than a late park.
        WakeMargin margin = new WakeMargin();
        for (int round = 0; round < 2_000; round++) {
            for (int i = 0; i < 8; i++) {
                margin.parkEnded(10_000);
            }
            margin.parkEnded(80_000);
        }
        assertThat(margin.nanos()).isBetween(43_000L, 49_000L);
    }

    @Test
    void climbsQuicklyWhenTheMachineGetsSlower() {
        WakeMargin margin = new WakeMargin();
        feed(margin, 9_000, 2_000);
        feed(margin, 60_000, 30);
        assertThat(margin.nanos()).isGreaterThan(55_000L);
    }

    private static void feed(WakeMargin margin, long late, int times) {
        for (int i = 0; i < times; i++) {
            margin.parkEnded(late);
        }
    }
}
