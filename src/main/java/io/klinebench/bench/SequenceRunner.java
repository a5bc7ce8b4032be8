package io.klinebench.bench;

import io.klinebench.time.Durations;
import io.klinebench.time.VirtualClock;

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
        return new BenchResult(seq, seq.steps(), rig, Judge.judge(seq, rig, end), end);
    }
}
