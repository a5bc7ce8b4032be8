package io.klinebench.car;

import io.klinebench.car.CarEvent.CountReset;
import io.klinebench.time.Clock;
import io.klinebench.time.TimingWindow;

/**
 * Counts ignition cycles the way the ritual needs them: ignition to the run position for
 * at least min-run-time and at most max-run-time, then back to off; the next run within
 * max-off-time. A cycle counts when the ignition reaches off. Every limit it applies is
 * reported as a {@link CarEvent.WindowJudged}.
 *
 * <pre>
 *  pos >= run          pos < run        pos == 0
 *  ----+================+~~~~~~~~~~~~~~~~+------------ (off gap, at most max-off) ---> next run
 *      runStart         runEnd           counted n of N
 *      |<-- min-run <= run time <= max-run -->|
 * </pre>
 */
final class CycleCounter {

    private final Profile.CycleRule rule;
    private final Clock clock;
    private final CarEventListener sink;
    private int count;
    private long runStart = -1;
    private long runEnd = -1;
    private long lastOff = -1;
    private boolean engineStarted;
    private Clock.Scheduled gapTimer;

    CycleCounter(Profile.CycleRule rule, Clock clock, CarEventListener sink) {
        this.rule = rule;
        this.clock = clock;
        this.sink = sink;
    }

    int count() {
        return count;
    }

    int needed() {
        return rule.count();
    }

    boolean complete() {
        return count == rule.count();
    }

    /** The ignition reached the run position. {@code eligible} is false when preconditions fail. */
    void runStarted(boolean eligible, CountReset whyNot) {
        long now = clock.nanos();
        cancelGapTimer();
        if (!eligible) {
            reset(whyNot);
            sink.accept(new CarEvent.CycleNotCounted(now, whyNot));
            runStart = -1;
            return;
        }
        if (count >= rule.count()) {
            reset(CountReset.TOO_MANY_CYCLES);
        } else if (count > 0) {
            judge(TimingWindow.atMost(
                    "cycles.max-off-time",
                    rule.maxOffNanos(),
                    now - lastOff,
                    "ignition off between cycle " + count + " and the next"));
            if (now - lastOff > rule.maxOffNanos()) {
                reset(CountReset.GAP_TOO_LONG);
            }
        }
        runStart = now;
        runEnd = -1;
    }

    /** The ignition reached start (3) during this run. */
    void engineStart() {
        if (runStart >= 0) {
            engineStarted = true;
        }
    }

    /** The ignition left the run position downwards. */
    void runEnded() {
        if (runStart >= 0 && runEnd < 0) {
            runEnd = clock.nanos();
        }
    }

    /**
     * The ignition reached off. Returns true if this completed a counted cycle.
     */
    boolean reachedOff() {
        if (runStart < 0) {
            return false;
        }
        long now = clock.nanos();
        long end = runEnd >= 0 ? runEnd : now;
        long run = end - runStart;
        boolean started = engineStarted;
        runStart = -1;
        runEnd = -1;
        engineStarted = false;
        if (started) {
            // Cranking the engine is driving, not the ritual: said at count 0 too, where there
            // is no count to reset, so that a ritual begun with a crank has its cause.
            if (count == 0) {
                sink.accept(new CarEvent.CycleNotCounted(now, CountReset.ENGINE_STARTED));
            }
            reset(CountReset.ENGINE_STARTED);
            return false;
        }
        if (count == 0 && run > rule.maxRunNanos()) {
            // An ordinary drive, or a first cycle held on too long: the car applies the same
            // rule to both and counts nothing. Said as the missed window, so that a ritual that
            // began this way has its cause; there is no count to reset.
            judge(TimingWindow.atMost(
                    "cycles.max-run-time",
                    rule.maxRunNanos(),
                    run,
                    "time in run for cycle 1: taken as driving, not counted"));
            return false;
        }
        TimingWindow min = TimingWindow.atLeast(
                "cycles.min-run-time", rule.minRunNanos(), run, "time in run for cycle " + (count + 1));
        TimingWindow max = TimingWindow.atMost(
                "cycles.max-run-time", rule.maxRunNanos(), run, "time in run for cycle " + (count + 1));
        judge(min);
        judge(max);
        if (!min.met()) {
            reset(CountReset.RUN_TOO_SHORT);
            return false;
        }
        if (!max.met()) {
            reset(CountReset.RUN_TOO_LONG);
            return false;
        }
        count++;
        lastOff = now;
        sink.accept(new CarEvent.CycleCounted(now, count, rule.count()));
        if (count < rule.count()) {
            // One nanosecond past the limit: a next run exactly at the limit still counts.
            gapTimer = clock.schedule(now + rule.maxOffNanos() + 1, this::gapExpired);
        }
        return true;
    }

    /** The time of the last counted cycle's off. */
    long lastOff() {
        return lastOff;
    }

    /** Back to zero; reports it if there was anything to lose. */
    void reset(CountReset reason) {
        cancelGapTimer();
        if (count > 0) {
            sink.accept(new CarEvent.CycleCountReset(clock.nanos(), count, reason));
        }
        count = 0;
    }

    /** Back to zero without a report: the ritual used the count. */
    void clear() {
        cancelGapTimer();
        count = 0;
    }

    /** Forgets a run in progress too (power loss, key out). */
    void abandon(CountReset reason) {
        reset(reason);
        runStart = -1;
        runEnd = -1;
    }

    private void gapExpired() {
        gapTimer = null;
        judge(TimingWindow.expired(
                "cycles.max-off-time", rule.maxOffNanos(), "no next cycle after cycle " + count + " within the limit"));
        reset(CountReset.GAP_TOO_LONG);
    }

    private void cancelGapTimer() {
        if (gapTimer != null) {
            gapTimer.cancel();
            gapTimer = null;
        }
    }

    private void judge(TimingWindow w) {
        sink.accept(new CarEvent.WindowJudged(clock.nanos(), w));
    }
}
