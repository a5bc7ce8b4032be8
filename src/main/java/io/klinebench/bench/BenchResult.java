package io.klinebench.bench;

import java.util.List;

/**
 * The outcome of running a sequence: the steps as performed, everything that happened, and
 * the verdicts.
 *
 * @param endNanos when the run stopped (virtual time)
 */
public record BenchResult(
        Sequence sequence, List<Sequence.Step> steps, Rig rig, List<Verdict> verdicts, long endNanos) {

    public BenchResult {
        steps = List.copyOf(steps);
        verdicts = List.copyOf(verdicts);
    }

    public Timeline timeline() {
        return rig.timeline();
    }

    public boolean passed() {
        return verdicts.stream().allMatch(Verdict::passed);
    }

    public long failures() {
        return verdicts.stream().filter(v -> !v.passed()).count();
    }
}
