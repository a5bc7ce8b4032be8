package io.klinebench.sweep;

import io.klinebench.bench.RitualOutcome;
import io.klinebench.bench.SequenceRunner;
import io.klinebench.config.ConfigException;
import io.klinebench.time.TimingWindow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one point of a sweep: the sequence with the point's parameters (from its template, see
 * {@link PointSequences}), its profile with the point's values, a fresh car on a fresh virtual clock. Shares nothing
 * mutable with other points, so points may run on any thread in any order.
 */
public final class PointRunner {

    private final Sweep sweep;
    private final PointSequences sequences;

    public PointRunner(Sweep sweep) {
        this.sweep = sweep;
        this.sequences = new PointSequences(sweep);
    }

    /** The point at grid index {@code index}. */
    public PointResult run(long index) {
        return run(index, sweep.values(sweep.coordinates(index)));
    }

    /** A point with the axes at {@code values} (a grid point, or one bisection chose). */
    public PointResult run(long index, long[] values) {
        Map<String, String> parameters = new HashMap<>();
        Map<String, String> profileValues = new HashMap<>();
        List<String> at = new ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            Axis a = sweep.axes().get(k);
            String text = a.text(values[k]);
            at.add(text);
            if (a.isProfileValue()) {
                profileValues.put(a.profilePath(), text);
            } else {
                parameters.put(a.name(), text);
            }
        }
        SequenceRunner.Judged result;
        try {
            result = SequenceRunner.runAndJudge(sequences.load(parameters, profileValues));
        } catch (ConfigException e) {
            return new PointResult(index, at, false, PointResult.INVALID, null, null, null, null, null, e.getMessage());
        }
        boolean passed = result.passed();
        Optional<RitualOutcome.Cause> cause = RitualOutcome.firstCause(result.rig());
        String outcome =
                (passed ? "passed" : "failed") + cause.map(c -> ", " + c.kind()).orElse("");
        Optional<TimingWindow> tightest =
                result.rig().timeline().windows().stream().min(Comparator.comparingLong(TimingWindow::marginNanos));
        return new PointResult(
                index,
                at,
                passed,
                outcome,
                cause.map(RitualOutcome.Cause::what).orElse(null),
                cause.map(RitualOutcome.Cause::window).map(w -> w.name()).orElse(null),
                cause.map(RitualOutcome.Cause::window).map(w -> w.marginNanos()).orElse(null),
                tightest.map(TimingWindow::name).orElse(null),
                tightest.map(TimingWindow::marginNanos).orElse(null),
                null);
    }
}
