package io.klinebench.sweep;

import java.util.List;

/**
 * What one point of a sweep gave: its values, the sequence's verdict and the ritual's first
 * cause, or why the point could not run (a value the profile refuses, say).
 *
 * @param at          each axis's value as text, in axis order
 * @param outcome     what tells outcomes apart: "passed", "failed", "failed, &lt;cause kind&gt;",
 *     "invalid"; boundaries lie where it changes
 * @param firstCause  the ritual's first cause in words, or null
 * @param window      the first cause's window name when it is a missed window, or null
 * @param marginNanos that window's margin, or null
 * @param tightestWindow      of every window the car judged, the one with the least margin (the
 *     one the point came nearest to missing, or missed by most), or null when none was judged
 * @param tightestMarginNanos that window's margin: positive inside its limit, negative outside
 * @param error       why the point could not run, or null
 */
public record PointResult(
        long index,
        List<String> at,
        boolean passed,
        String outcome,
        String firstCause,
        String window,
        Long marginNanos,
        String tightestWindow,
        Long tightestMarginNanos,
        String error) {

    public static final String INVALID = "invalid";

    public PointResult {
        at = List.copyOf(at);
    }

    public boolean valid() {
        return error == null;
    }
}
