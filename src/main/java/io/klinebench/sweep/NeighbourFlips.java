package io.klinebench.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pairs of grid neighbours whose outcomes differ, found as a sweep's points stream past in
 * index order: what the boundaries bisect. A point's neighbour before it along axis k lies
 * stride(k) points back (the product of the later axes' sizes), and the furthest back is the
 * first axis's stride, one row of the grid. So only the last row's outcomes are kept, as small
 * numbers in a ring, and memory grows with a row, not with the grid: a 40,000 x 40,000 sweep
 * keeps 40,000 of them, where keeping every point's was 6.4 GB.
 */
final class NeighbourFlips {

    /** The most points of one row kept (64 MiB of outcomes): a sweep whose row is longer is refused at load. */
    static final long MAX_ROW = 1 << 24;

    /** The point at {@code index} and its next neighbour along {@code axis}, of different outcomes. */
    record Flip(int axis, long index, String from, String into) {}

    private final int[] sizes;
    private final long[] strides;
    private final int[] ring;
    /** The grid coordinates of the point expected next, counted up as the points come. */
    private final int[] at;

    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> outcomes = new ArrayList<>();
    private final List<List<Flip>> byAxis = new ArrayList<>();
    private long next;

    NeighbourFlips(Sweep sweep) {
        int axes = sweep.axes().size();
        sizes = new int[axes];
        strides = new long[axes];
        at = new int[axes];
        long stride = 1;
        for (int k = axes - 1; k >= 0; k--) {
            sizes[k] = sweep.axes().get(k).values().size();
            strides[k] = stride;
            stride *= sizes[k];
            byAxis.add(new ArrayList<>());
        }
        long row = row(sweep);
        if (row > MAX_ROW) {
            throw new IllegalArgumentException("boundaries: " + tooLong(row)); // the loader says it first, at its place
        }
        ring = new int[(int) row];
    }

    /** How many points one step of the first axis spans: the product of the other axes' sizes. */
    static long row(Sweep sweep) {
        return sweep.size() / sweep.axes().get(0).values().size();
    }

    /** Why a sweep whose row is {@code row} points long cannot have its boundaries found. */
    static String tooLong(long row) {
        return "to find them the sweep keeps the outcomes of one step of the first axis (the other axes' values"
                + " multiplied: " + row + " points), at most " + MAX_ROW
                + "; put the axis with the most values first, or leave 'boundaries' out";
    }

    /** Takes the next point's outcome; points come in index order, each once. */
    void add(long index, String outcome) {
        if (index != next) {
            throw new IllegalStateException("points come in index order: expected " + next + ", got " + index);
        }
        int code = codes.computeIfAbsent(outcome, o -> {
            outcomes.add(o);
            return outcomes.size() - 1;
        });
        for (int k = 0; k < sizes.length; k++) {
            if (at[k] > 0) {
                long before = index - strides[k];
                int was = ring[(int) (before % ring.length)];
                if (was != code) {
                    byAxis.get(k).add(new Flip(k, before, outcomes.get(was), outcome));
                }
            }
        }
        ring[(int) (index % ring.length)] = code;
        for (int k = sizes.length - 1; k >= 0 && ++at[k] == sizes[k]; k--) {
            at[k] = 0;
        }
        next++;
    }

    /** Every flip found, by axis, then by the index of its first point. */
    List<Flip> flips() {
        List<Flip> all = new ArrayList<>();
        byAxis.forEach(all::addAll);
        return all;
    }
}
