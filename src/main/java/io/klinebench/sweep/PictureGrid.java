package io.klinebench.sweep;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What a sweep's picture keeps of the points streaming past: for each cell it draws, the
 * outcome, the first cause (or an invalid point's error) and the tightest window's margin;
 * nothing of the other points, so memory is bounded by the cells drawn, not the points run.
 * An axis with more values than the picture draws is thinned to every {@code stride}-th value
 * (from the first), each drawn cell the point at the start of its block.
 */
final class PictureGrid {

    /** The most values of one axis a map draws: at most 200 x 200 cells. */
    static final int MAP_CAP = 200;

    /** The most points a 1-D picture draws. */
    static final int LINE_CAP = 1_000;

    /** A point with no window judged. */
    static final long NO_MARGIN = Long.MIN_VALUE;

    private final Sweep sweep;
    private final int[] sizes;
    private final int[] strides;
    private final int[] kept;
    private final String[] outcomes;
    private final String[] causes;
    private final String[] windows;
    private final long[] margins;
    private final Map<String, String> shared = new HashMap<>();

    PictureGrid(Sweep sweep) {
        int axes = sweep.axes().size();
        if (axes > 2) {
            throw new IllegalArgumentException("a sweep's picture draws one axis or two, and " + sweep.file() + " has "
                    + axes + " ("
                    + String.join(", ", sweep.axes().stream().map(Axis::name).toList()) + ")");
        }
        this.sweep = sweep;
        int cap = axes == 1 ? LINE_CAP : MAP_CAP;
        sizes = new int[axes];
        strides = new int[axes];
        kept = new int[axes];
        int cells = 1;
        for (int k = 0; k < axes; k++) {
            sizes[k] = sweep.axes().get(k).values().size();
            strides[k] = (sizes[k] + cap - 1) / cap;
            kept[k] = (sizes[k] + strides[k] - 1) / strides[k];
            cells *= kept[k];
        }
        outcomes = new String[cells];
        causes = new String[cells];
        windows = new String[cells];
        margins = new long[cells];
        Arrays.fill(margins, NO_MARGIN);
    }

    /** Keeps {@code p} when it is the point a drawn cell shows. */
    void add(PointResult p) {
        int[] c = sweep.coordinates(p.index());
        int cell = 0;
        for (int k = 0; k < c.length; k++) {
            if (c[k] % strides[k] != 0) {
                return;
            }
            cell = cell * kept[k] + c[k] / strides[k];
        }
        outcomes[cell] = shared(p.outcome());
        causes[cell] = p.valid() ? p.firstCause() : p.error();
        windows[cell] = p.tightestWindow() == null ? null : shared(p.tightestWindow());
        margins[cell] = p.tightestMarginNanos() == null ? NO_MARGIN : p.tightestMarginNanos();
    }

    /** Outcomes and window names repeat: one string each. */
    private String shared(String s) {
        return shared.computeIfAbsent(s, x -> x);
    }

    Sweep sweep() {
        return sweep;
    }

    /** How many values of axis {@code k} the grid has. */
    int size(int k) {
        return sizes[k];
    }

    /** Every how many values of axis {@code k} one is drawn (1: all). */
    int stride(int k) {
        return strides[k];
    }

    /** How many values of axis {@code k} are drawn. */
    int kept(int k) {
        return kept[k];
    }

    boolean thinned() {
        return Arrays.stream(strides).anyMatch(s -> s > 1);
    }

    /** The cell of the drawn values {@code drawn} (one per axis, counted in drawn values). */
    int cell(int... drawn) {
        int cell = 0;
        for (int k = 0; k < drawn.length; k++) {
            cell = cell * kept[k] + drawn[k];
        }
        return cell;
    }

    /** The cell's outcome; null when its point never came (a shard's page, which is refused before). */
    String outcome(int cell) {
        return outcomes[cell];
    }

    /** The first cause in words, or an invalid point's error; null for none. */
    String cause(int cell) {
        return causes[cell];
    }

    String window(int cell) {
        return windows[cell];
    }

    /** The tightest window's margin, or {@link #NO_MARGIN}. */
    long margin(int cell) {
        return margins[cell];
    }
}
