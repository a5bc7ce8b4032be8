package io.klinebench.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    private final VirtualClock clock = new VirtualClock();
    private final List<String> ran = new ArrayList<>();

    @Test
    void runsTasksInTimeOrderWithTheClockAtEachDueInstant() {
        clock.schedule(30, () -> ran.add("c@" + clock.nanos()));
        clock.schedule(10, () -> ran.add("a@" + clock.nanos()));
        clock.schedule(20, () -> ran.add("b@" + clock.nanos()));
        clock.advanceTo(25);
        assertThat(ran).containsExactly("a@10", "b@20");
        assertThat(clock.nanos()).isEqualTo(25);
        clock.advanceBy(5);
        assertThat(ran).containsExactly("a@10", "b@20", "c@30");
    }

    @Test
    void tasksAtTheSameInstantRunInSchedulingOrder() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            clock.schedule(7, () -> ran.add("t" + n));
        }
        clock.advanceTo(7);
        assertThat(ran).containsExactly("t0", "t1", "t2", "t3", "t4");
    }

    @Test
    void aTaskScheduledByATaskForNowRunsInTheSameAdvance() {
        clock.schedule(5, () -> clock.schedule(5, () -> ran.add("inner@" + clock.nanos())));
        clock.advanceTo(5);
        assertThat(ran).containsExactly("inner@5");
    }

    @Test
    void pastInstantsRunAtOnceWithoutMovingTimeBack() {
        clock.advanceTo(100);
        clock.schedule(50, () -> ran.add("late@" + clock.nanos()));
        clock.advanceBy(0);
        assertThat(ran).containsExactly("late@100");
    }

    @Test
    void cancelledTasksNeverRun() {
        Clock.Scheduled s = clock.schedule(10, () -> ran.add("x"));
        assertThat(s.isPending()).isTrue();
        s.cancel();
        assertThat(s.isPending()).isFalse();
        assertThat(clock.pending()).isZero();
        clock.advanceTo(20);
        assertThat(ran).isEmpty();
    }

    @Test
    void runUntilIdleStopsAtTheLastTaskOrBeforeTheLimit() {
        clock.schedule(Durations.D * 30, () -> ran.add("a month later"));
        clock.schedule(Durations.D * 400, () -> ran.add("next year"));
        boolean idle = clock.runUntilIdle(Durations.D * 365);
        assertThat(idle).isFalse();
        assertThat(ran).containsExactly("a month later");
        assertThat(clock.nanos()).isEqualTo(Durations.D * 30);
        assertThat(clock.nextDueNanos()).isEqualTo(Durations.D * 400);
    }

    @Test
    void timeCannotGoBack() {
        clock.advanceTo(10);
        assertThatThrownBy(() -> clock.advanceTo(9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot go back");
    }
}
