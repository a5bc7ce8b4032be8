package io.klinebench.bench;

import io.klinebench.time.Durations;
import io.klinebench.time.VirtualClock;
import java.util.Optional;

/**
 * Runs a sequence in virtual time: each step at its instant, everything the car schedules
 * in between, then the tail; judges the expectations. Instant and deterministic.
 */
public final class SequenceRunner {

    /** Without a 'tail', the run goes on until nothing is pending, but never longer than this. */
    public static final long MAX_IDLE_TAIL = Durations.D;

    private SequenceRunner() {}

    public static BenchResult run(Sequence seq) {
        return run(seq, Progress.NONE);
    }

    /** As {@link #run(Sequence)}, telling {@code progress} after every step (a long run's progress bar). */
    public static BenchResult run(Sequence seq, Progress progress) {
        VirtualClock clock = new VirtualClock();
        Rig rig = new Rig(seq.profile(), seq.diagnostics(), seq.setup(), clock);
        long end = perform(seq, progress, clock, rig);
        return new BenchResult(seq, seq.steps(), rig, Judge.judge(seq, rig, end), end);
    }

    /**
     * A run judged only for whether it held (no verdict in words), and the rig it ran on; the
     * check that failed is put into words only when asked ({@link #firstFailedCheck}).
     */
    public record Judged(Sequence seq, Rig rig, long end, boolean passed) {

        /**
         * The first expectation or final-state check that did not hold, as the report says it
         * ({@link #run}), or empty when the run passed: why a run failed when the ritual itself
         * gave no cause (it taught the remote, or was never tried, and a check of the sequence
         * did not hold).
         */
        public Optional<Verdict> firstFailedCheck() {
            return passed
                    ? Optional.empty()
                    : Judge.judge(seq, rig, end).stream()
                            .filter(v -> !v.passed())
                            .findFirst();
        }
    }

    /**
     * As {@link #run(Sequence)}, for a caller that keeps whether the run held, the car's events
     * and its windows, not the report (a sweep's point): the judge says only whether every
     * expectation held, and when no step uses the K-line, the car's diagnostic socket is left
     * out, since no byte would cross it; the events and whether it held are the same.
     */
    public static Judged runAndJudge(Sequence seq) {
        return runAndJudge(seq, ExpectationPlan.of(seq.expectations()));
    }

    /** As {@link #runAndJudge(Sequence)}, the expectations judged by {@code plan}, which plans them. */
    static Judged runAndJudge(Sequence seq, ExpectationPlan plan) {
        VirtualClock clock = new VirtualClock();
        Rig rig = seq.steps().stream().allMatch(s -> carSide(s.action()))
                ? Rig.withoutSocket(seq.profile(), seq.diagnostics(), seq.setup(), clock)
                : new Rig(seq.profile(), seq.diagnostics(), seq.setup(), clock);
        long end = perform(seq, Progress.NONE, clock, rig);
        return new Judged(seq, rig, end, Judge.holds(seq, plan, rig, end));
    }

    /**
     * Whether an action is the car's own (a key, a door, a remote, a battery, a setting), which
     * never touches the K-line. Any other action, one added later included, keeps the socket.
     */
    private static boolean carSide(Action a) {
        return a instanceof Action.InsertKey
                || a instanceof Action.RemoveKey
                || a instanceof Action.Ignition
                || a instanceof Action.Door
                || a instanceof Action.Console
                || a instanceof Action.DoorLock
                || a instanceof Action.Press
                || a instanceof Action.Hold
                || a instanceof Action.Release
                || a instanceof Action.CarBattery
                || a instanceof Action.RemoteBattery
                || a instanceof Action.ReplaceReceiver
                || a instanceof Action.Setting
                || a instanceof Action.Wait;
    }

    /** Performs the steps, then the tail, and judges the line's timing; returns when the run ended. */
    private static long perform(Sequence seq, Progress progress, VirtualClock clock, Rig rig) {
        long last = 0;
        int done = 0;
        int total = seq.steps().size();
        for (Sequence.Step step : seq.steps()) {
            clock.advanceTo(step.at());
            rig.perform(step.action());
            last = step.at();
            progress.stepsDone(++done, total);
        }
        long end;
        if (seq.tailNanos() >= 0) {
            clock.advanceTo(last + seq.tailNanos());
            end = clock.nanos();
        } else {
            clock.runUntilIdle(last + MAX_IDLE_TAIL);
            end = Math.max(last, clock.nanos());
        }
        rig.judgeLineTiming();
        return end;
    }
}
