package io.klinebench.behaviour;

import static io.klinebench.behaviour.Rituals.MS;
import static io.klinebench.behaviour.Rituals.R53_2005;
import static io.klinebench.behaviour.Rituals.S;
import static io.klinebench.behaviour.Rituals.SERIAL_A;
import static io.klinebench.behaviour.Rituals.SERIAL_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.klinebench.bench.Bench;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import io.klinebench.car.CarEvent.CountReset;
import io.klinebench.car.CarEvent.LearnAbort;
import io.klinebench.car.CarEvent.WindowClose;
import io.klinebench.time.TimingWindow;
import org.junit.jupiter.api.Test;

/**
 * Behaviour 1, timing edges of the 2005-2008 profile: for each limit, exactly at the limit
 * passes and 1 ns beyond fails, with the judged windows' margins to the nanosecond.
 * Limits (r50-r53-2005-2008.yaml): min-run-time 500ms, max-run-time 5s, max-off-time 5s,
 * key-out-deadline 5s, first-remote-within 30s, further-remote-within 30s,
 * release-tolerance 500ms.
 *
 * <p>Standard timing (see {@link Rituals}): key in at 1 s, cycles of 1 s off / 1 s run, the
 * third cycle's off at 7 s.
 *
 * <p>The "...IsJudgedOneNanosecondOutside" tests hold the margin of a missed limit to
 * -1 ns for every rule: limits are inclusive, so a margin of 0 means "on the limit", which
 * is met; a failure 1 ns beyond must read -1 ns whether the car judged it when the late
 * input came or when its own deadline timer (due 1 ns past the limit) ran out.
 */
class RitualTimingLimitsTest {

    private static final String MIN_RUN = "cycles.min-run-time";
    private static final String MAX_RUN = "cycles.max-run-time";
    private static final String MAX_OFF = "cycles.max-off-time";
    private static final String KEY_OUT = "completion.key-out-deadline";
    private static final String FIRST = "completion.first-remote-within";
    private static final String FURTHER = "completion.further-remote-within";
    private static final String RELEASE = "completion.release-tolerance";

    private static Bench car() {
        return Rituals.bench(
                R53_2005, KeySpec.remoteKey("A", SERIAL_A, 0).outOfSync(), KeySpec.remoteKey("B", SERIAL_B, -1));
    }

    /** Key in, three standard cycles, then a fourth with the given off time and run time. */
    private static Bench fourthCycle(long offNanos, long runNanos) {
        Bench b = car();
        Rituals.unlockAndInsert(b, "A");
        Rituals.cycles(b, 3);
        Rituals.cycle(b, offNanos, runNanos);
        return b;
    }

    // ---- cycles.min-run-time ----------------------------------------------------------------

    @Test
    void runExactlyMinRunTimeCounts() {
        Bench b = fourthCycle(S, 500 * MS);
        Rituals.keyOut(b);

        assertThat(b.windows(MIN_RUN))
                .extracting(TimingWindow::met, TimingWindow::marginNanos)
                .containsExactly(tuple(true, 500 * MS), tuple(true, 500 * MS), tuple(true, 500 * MS), tuple(true, 0L));
        assertThat(b.events(CarEvent.CycleCounted.class))
                .extracting(CarEvent.CycleCounted::n)
                .containsExactly(1, 2, 3, 4);
        assertThat(b.events(CarEvent.LearnWindowOpened.class)).hasSize(1);
    }

    @Test
    void runOneNanosecondShorterThanMinRunTimeResetsTheCount() {
        Bench b = fourthCycle(S, 500 * MS - 1);
        long offAt = b.now();
        Rituals.keyOut(b);

        assertThat(b.windows(MIN_RUN))
                .extracting(TimingWindow::met, TimingWindow::marginNanos)
                .containsExactly(
                        tuple(true, 500 * MS), tuple(true, 500 * MS), tuple(true, 500 * MS), tuple(false, -1L));
        assertThat(b.events(CarEvent.CycleCountReset.class))
                .containsExactly(new CarEvent.CycleCountReset(offAt, 3, CountReset.RUN_TOO_SHORT));
        assertThat(b.events(CarEvent.CycleCounted.class))
                .extracting(CarEvent.CycleCounted::n)
                .containsExactly(1, 2, 3);
        assertThat(b.events(CarEvent.LearnWindowOpened.class)).isEmpty();
    }

    // ---- cycles.max-run-time ----------------------------------------------------------------

    @Test
    void runExactlyMaxRunTimeCounts() {
        Bench b = fourthCycle(S, 5 * S);
        Rituals.keyOut(b);

        assertThat(b.windows(MAX_RUN))
                .extracting(TimingWindow::met, TimingWindow::marginNanos)
                .containsExactly(tuple(true, 4 * S), tuple(true, 4 * S), tuple(true, 4 * S), tuple(true, 0L));
        assertThat(b.events(CarEvent.CycleCounted.class))
                .extracting(CarEvent.CycleCounted::n)
                .containsExactly(1, 2, 3, 4);
        assertThat(b.events(CarEvent.LearnWindowOpened.class)).hasSize(1);
    }

    @Test
    void runOneNanosecondLongerThanMaxRunTimeResetsTheCount() {
        Bench b = fourthCycle(S, 5 * S + 1);
        long offAt = b.now();
        Rituals.keyOut(b);

        assertThat(b.windows(MAX_RUN))
                .extracting(TimingWindow::met, TimingWindow::marginNanos)
                .containsExactly(tuple(true, 4 * S), tuple(true, 4 * S), tuple(true, 4 * S), tuple(false, -1L));
        assertThat(b.events(CarEvent.CycleCountReset.class))
                .containsExactly(new CarEvent.CycleCountReset(offAt, 3, CountReset.RUN_TOO_LONG));
        assertThat(b.events(CarEvent.LearnWindowOpened.class)).isEmpty();
    }

    // ---- cycles.max-off-time ----------------------------------------------------------------

    @Test
    void offExactlyMaxOffTimeBetweenCyclesCounts() {
        Bench b = fourthCycle(5 * S, S);
        Rituals.keyOut(b);

        assertThat(b.windows(MAX_OFF))
                .extracting(TimingWindow::met, TimingWindow::marginNanos)
                .containsExactly(tuple(true, 4 * S), tuple(true, 4 * S), tuple(true, 0L));
        assertThat(b.events(CarEvent.CycleCounted.class))
                .extracting(CarEvent.CycleCounted::n)
                .containsExactly(1, 2, 3, 4);
        assertThat(b.events(CarEvent.LearnWindowOpened.class)).hasSize(1);
    }

    @Test
    void offOneNanosecondLongerThanMaxOffTimeRestartsTheCount() {
        Bench b = fourthCycle(5 * S + 1, S);
        Rituals.keyOut(b);

        // The late fourth run counts as a new first cycle, which the key out then abandons.
        long lateRun = 7 * S + 5 * S + 1;
        assertThat(b.events(CarEvent.CycleCountReset.class))
                .containsExactly(
                        new CarEvent.CycleCountReset(lateRun, 3, CountReset.GAP_TOO_LONG),
                        new CarEvent.CycleCountReset(lateRun + 2 * S, 1, CountReset.KEY_REMOVED));
        assertThat(b.events(CarEvent.CycleCounted.class))
                .extracting(CarEvent.CycleCounted::n)
                .containsExactly(1, 2, 3, 1);
        assertThat(b.events(CarEvent.LearnAborted.class))
                .extracting(CarEvent.LearnAborted::reason)
                .containsExactly(LearnAbort.WRONG_CYCLE_COUNT);
        assertThat(b.events(CarEvent.LearnWindowOpened.class)).isEmpty();
    }

    @Test
    void offOneNanosecondLongerThanMaxOffTimeIsJudgedOneNanosecondOutside() {
        Bench b = fourthCycle(5 * S + 1, S);

        assertThat(b.windows(MAX_OFF))
                .extracting(TimingWindow::met, TimingWindow::marginNanos)
                .containsExactly(tuple(true, 4 * S), tuple(true, 4 * S), tuple(false, -1L));
    }

    // ---- completion.key-out-deadline --------------------------------------------------------

    @Test
    void keyOutExactlyAtTheDeadlineOpensTheLearnWindow() {
        Bench b = car();
        Rituals.unlockAndInsert(b, "A");
        long lastOff = Rituals.cycles(b, 4);

        Rituals.at(b, lastOff + 5 * S, "remove key");

        assertThat(b.windows(KEY_OUT))
                .extracting(TimingWindow::met, TimingWindow::marginNanos)
                .containsExactly(tuple(true, 0L));
        assertThat(b.events(CarEvent.LearnWindowOpened.class))
                .extracting(CarEvent.LearnWindowOpened::at)
                .containsExactly(lastOff + 5 * S);
        assertThat(b.events(CarEvent.LearnAborted.class)).isEmpty();
    }

    @Test
    void keyOutOneNanosecondAfterTheDeadlineAbortsTheRitual() {
        Bench b = car();
        Rituals.unlockAndInsert(b, "A");
        long lastOff = Rituals.cycles(b, 4);

        Rituals.at(b, lastOff + 5 * S + 1, "remove key");

        assertThat(b.events(CarEvent.LearnAborted.class))
                .extracting(CarEvent.LearnAborted::at, CarEvent.LearnAborted::reason)
                .containsExactly(tuple(lastOff + 5 * S + 1, LearnAbort.KEY_OUT_TOO_LATE));
        assertThat(b.events(CarEvent.LearnWindowOpened.class)).isEmpty();
        assertThat(b.car().status().learnWindowOpen()).isFalse();
    }

    @Test
    void keyOutOneNanosecondAfterTheDeadlineIsJudgedOneNanosecondOutside() {
        Bench b = car();
        Rituals.unlockAndInsert(b, "A");
        long lastOff = Rituals.cycles(b, 4);

        Rituals.at(b, lastOff + 5 * S + 1, "remove key");

        assertThat(b.windows(KEY_OUT))
                .isNotEmpty()
                .allSatisfy(w -> assertThat(w)
                        .extracting(TimingWindow::met, TimingWindow::marginNanos)
                        .containsExactly(false, -1L));
    }

    // ---- completion.first-remote-within -----------------------------------------------------

    @Test
    void firstRemoteCompletingExactlyAtTheLimitIsLearned() {
        Bench b = car();
        Rituals.unlockAndInsert(b, "A");
        Rituals.cycles(b, 4);
        long opened = Rituals.keyOut(b);

        Rituals.gestureEndingAt(b, "A", opened + 30 * S);

        assertThat(b.windows(FIRST))
                .extracting(TimingWindow::met, TimingWindow::marginNanos)
                .containsExactly(tuple(true, 0L));
        assertThat(b.events(CarEvent.RemoteLearned.class))
                .containsExactly(new CarEvent.RemoteLearned(opened + 30 * S, SERIAL_A, 0, true));
    }

    @Test
    void firstRemoteCompletingOneNanosecondLateIsNotLearned() {
        Bench b = car();
        Rituals.unlockAndInsert(b, "A");
        Rituals.cycles(b, 4);
        long opened = Rituals.keyOut(b);

        Rituals.gestureEndingAt(b, "A", opened + 30 * S + 1);
        b.settle();

        assertThat(b.events(CarEvent.RemoteLearned.class)).isEmpty();
        assertThat(b.events(CarEvent.LearnWindowClosed.class))
                .containsExactly(new CarEvent.LearnWindowClosed(opened + 30 * S + 1, WindowClose.TIMEOUT, 0));
    }

    @Test
    void firstRemoteCompletingOneNanosecondLateIsJudgedOneNanosecondOutside() {
        Bench b = car();
        Rituals.unlockAndInsert(b, "A");
        Rituals.cycles(b, 4);
        long opened = Rituals.keyOut(b);

        Rituals.gestureEndingAt(b, "A", opened + 30 * S + 1);
        b.settle();

        assertThat(b.windows(FIRST))
                .extracting(TimingWindow::met, TimingWindow::marginNanos)
                .containsExactly(tuple(false, -1L));
    }

    // ---- completion.further-remote-within ---------------------------------------------------

    @Test
    void furtherRemoteCompletingExactlyAtTheLimitIsLearned() {
        Bench b = car();
        long firstLearned = Rituals.ritual2005(b, "A");

        Rituals.gestureEndingAt(b, "B", firstLearned + 30 * S);

        assertThat(b.windows(FURTHER))
                .extracting(TimingWindow::met, TimingWindow::marginNanos)
                .containsExactly(tuple(true, 0L));
        assertThat(b.events(CarEvent.RemoteLearned.class))
                .extracting(CarEvent.RemoteLearned::at, CarEvent.RemoteLearned::serial)
                .containsExactly(tuple(firstLearned, SERIAL_A), tuple(firstLearned + 30 * S, SERIAL_B));
    }

    @Test
    void furtherRemoteCompletingOneNanosecondLateIsNotLearned() {
        Bench b = car();
        long firstLearned = Rituals.ritual2005(b, "A");

        Rituals.gestureEndingAt(b, "B", firstLearned + 30 * S + 1);
        b.settle();

        assertThat(b.events(CarEvent.RemoteLearned.class))
                .extracting(CarEvent.RemoteLearned::serial)
                .containsExactly(SERIAL_A);
        assertThat(b.events(CarEvent.LearnWindowClosed.class))
                .containsExactly(new CarEvent.LearnWindowClosed(firstLearned + 30 * S + 1, WindowClose.COMPLETED, 1));
        assertThat(b.car().receiver().slotOf(SERIAL_B)).isEmpty();
    }

    @Test
    void furtherRemoteCompletingOneNanosecondLateIsJudgedOneNanosecondOutside() {
        Bench b = car();
        long firstLearned = Rituals.ritual2005(b, "A");

        Rituals.gestureEndingAt(b, "B", firstLearned + 30 * S + 1);
        b.settle();

        assertThat(b.windows(FURTHER))
                .extracting(TimingWindow::met, TimingWindow::marginNanos)
                .containsExactly(tuple(false, -1L));
    }

    // ---- completion.release-tolerance -------------------------------------------------------

    /** The gesture with LOCK released first on the third press and UNLOCK {@code apart} later. */
    private static long gestureReleasingApart(Bench b, long apart) {
        Rituals.unlockAndInsert(b, "A");
        Rituals.cycles(b, 4);
        long start = Rituals.keyOut(b) + S;
        Rituals.at(b, start, "hold A unlock");
        Rituals.at(b, start + 500 * MS, "press A lock");
        Rituals.at(b, start + 1000 * MS, "press A lock");
        Rituals.at(b, start + 1500 * MS, "hold A lock");
        Rituals.at(b, start + 1700 * MS, "release A lock");
        Rituals.at(b, start + 1700 * MS + apart, "release A unlock");
        return b.now();
    }

    @Test
    void buttonsReleasedExactlyReleaseToleranceApartCompleteTheGesture() {
        Bench b = car();

        long releasedAt = gestureReleasingApart(b, 500 * MS);

        assertThat(b.windows(RELEASE))
                .extracting(TimingWindow::met, TimingWindow::marginNanos)
                .containsExactly(tuple(true, 0L));
        assertThat(b.events(CarEvent.RemoteLearned.class))
                .containsExactly(new CarEvent.RemoteLearned(releasedAt, SERIAL_A, 0, true));
        assertThat(b.events(CarEvent.GestureFailed.class)).isEmpty();
    }

    @Test
    void buttonsReleasedOneNanosecondMoreThanReleaseToleranceApartFailTheGesture() {
        Bench b = car();

        long releasedAt = gestureReleasingApart(b, 500 * MS + 1);

        assertThat(b.windows(RELEASE))
                .extracting(TimingWindow::met, TimingWindow::marginNanos)
                .containsExactly(tuple(false, -1L));
        assertThat(b.events(CarEvent.GestureFailed.class))
                .extracting(CarEvent.GestureFailed::at, CarEvent.GestureFailed::serial)
                .containsExactly(tuple(releasedAt, SERIAL_A));
        assertThat(b.events(CarEvent.RemoteLearned.class)).isEmpty();
    }
}
