package io.klinebench.sweep;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts a sweep's outcomes as its points come in index order and, when boundaries are
 * wanted, finds the grid neighbours whose outcomes differ ({@link NeighbourFlips}), which
 * bisection then narrows; the points themselves are not kept.
 */
final class Tally {

    private final Map<String, Long> counts = new TreeMap<>();
    private final NeighbourFlips flips;
    private long seen;

    Tally(Sweep sweep, boolean findFlips) {
        this.flips = findFlips ? new NeighbourFlips(sweep) : null;
    }

    void add(PointResult p) {
        counts.merge(p.outcome(), 1L, Long::sum);
        seen++;
        if (flips != null) {
            flips.add(p.index(), p.outcome());
        }
    }

    long seen() {
        return seen;
    }

    Map<String, Long> counts() {
        return counts;
    }

    /** The neighbours of different outcomes, by axis then index; none when they were not looked for. */
    List<NeighbourFlips.Flip> flips() {
        return flips == null ? List.of() : flips.flips();
    }
}
