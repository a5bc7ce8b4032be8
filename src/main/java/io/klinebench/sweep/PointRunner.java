package io.klinebench.sweep;

import io.klinebench.bench.RitualOutcome;
import io.klinebench.bench.SequenceRunner;
import io.klinebench.bench.Timeline;
import io.klinebench.bench.Verdict;
import io.klinebench.config.ConfigException;
import io.klinebench.time.Event;
import io.klinebench.time.TimingWindow;
import java.util.Arrays;
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
    /** Each axis's values as text, by grid index: written once, not at every point that has them. */
    private final String[][] texts;

    public PointRunner(Sweep sweep) {
        this.sweep = sweep;
        this.sequences = new PointSequences(sweep);
        this.texts = new String[sweep.axes().size()][];
        for (int k = 0; k < texts.length; k++) {
            Axis a = sweep.axes().get(k);
            texts[k] = new String[a.values().size()];
            for (int i = 0; i < texts[k].length; i++) {
                texts[k][i] = a.text(a.values().get(i));
            }
        }
    }

    /** The point at grid index {@code index}. */
    public PointResult run(long index) {
        int[] c = sweep.coordinates(index);
        String[] at = new String[c.length];
        for (int k = 0; k < c.length; k++) {
            at[k] = texts[k][c[k]];
        }
        return run(index, at);
    }

    /** A point with the axes at {@code values} (a grid point, or one bisection chose). */
    public PointResult run(long index, long[] values) {
        String[] at = new String[values.length];
        for (int k = 0; k < values.length; k++) {
            at[k] = sweep.axes().get(k).text(values[k]);
        }
        return run(index, at);
    }

    /** A point with each axis at the value written {@code at[k]}. */
    private PointResult run(long index, String[] at) {
        Map<String, String> parameters = new HashMap<>();
        Map<String, String> profileValues = new HashMap<>();
        for (int k = 0; k < at.length; k++) {
            Axis a = sweep.axes().get(k);
            if (a.isProfileValue()) {
                profileValues.put(a.profilePath(), at[k]);
            } else {
                parameters.put(a.name(), at[k]);
            }
        }
        List<String> written = Arrays.asList(at);
        SequenceRunner.Judged result;
        try {
            result = sequences.runAndJudge(parameters, profileValues);
        } catch (ConfigException e) {
            return new PointResult(
                    index, written, false, PointResult.INVALID, null, null, null, null, null, e.getMessage());
        }
        boolean passed = result.passed();
        Optional<RitualOutcome.Cause> cause = RitualOutcome.firstCause(result.rig());
        // A run that failed with no cause from the ritual (it taught the remote, or was never
        // tried) failed a check of the sequence: that check is its cause, so no failed point
        // goes unexplained. Put into words only here, for the few points that need it.
        Optional<Verdict> check = cause.isPresent() ? Optional.empty() : result.firstFailedCheck();
        String outcome = cause.isPresent()
                ? (passed ? "passed, " : "failed, ") + cause.get().kind()
                : check.map(v -> "failed, not met: " + v.what() + " (line "
                                + v.pos().line() + ")")
                        .orElse(passed ? "passed" : "failed");
        TimingWindow tightest = tightest(result.rig().timeline().events());
        TimingWindow window = cause.map(RitualOutcome.Cause::window).orElse(null);
        return new PointResult(
                index,
                written,
                passed,
                outcome,
                cause.map(RitualOutcome.Cause::what)
                        .orElse(check.map(v -> v.what() + ": " + v.detail()).orElse(null)),
                window == null ? null : window.name(),
                window == null ? null : window.marginNanos(),
                tightest == null ? null : tightest.name(),
                tightest == null ? null : tightest.marginNanos(),
                null);
    }

    /** Of the windows the car judged, the first with the least margin; null when none was judged. */
    private static TimingWindow tightest(List<Event> events) {
        TimingWindow tightest = null;
        for (Event e : events) {
            Optional<TimingWindow> w = Timeline.windowOf(e);
            if (w.isPresent() && (tightest == null || w.get().marginNanos() < tightest.marginNanos())) {
                tightest = w.get();
            }
        }
        return tightest;
    }
}
