package io.klinebench.sweep;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts a sweep's outcomes as its points come in index order and, when boundaries are
 * wanted, keeps each point's outcome as a small number: four bytes a point, the one thing
 * per point a report needs (bisection compares neighbours); the points themselves are not
 * kept.
 */
final class Tally {

    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<String, Integer> codes = new HashMap<>();
    private final Map<Integer, String> names = new HashMap<>();
    private final int[] outcomes;
    private long seen;

    Tally(long size, boolean keepOutcomes) {
        if (keepOutcomes && size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("boundaries need at most " + (Integer.MAX_VALUE - 8)
                    + " grid points, found " + size + "; split the sweep or leave 'boundaries' out");
        }
        this.outcomes = keepOutcomes ? new int[(int) size] : null;
    }

    void add(PointResult p) {
        counts.merge(p.outcome(), 1L, Long::sum);
        seen++;
        if (outcomes != null) {
            int code = codes.computeIfAbsent(p.outcome(), o -> codes.size());
            names.putIfAbsent(code, p.outcome());
            outcomes[(int) p.index()] = code;
        }
    }

    long seen() {
        return seen;
    }

    Map<String, Long> counts() {
        return counts;
    }

    int code(long index) {
        return outcomes[(int) index];
    }

    String outcome(long index) {
        return names.get(outcomes[(int) index]);
    }
}
