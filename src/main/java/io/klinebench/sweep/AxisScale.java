package io.klinebench.sweep;

import java.util.List;

/**
 * Places an axis's values along a length of a picture: the grid values evenly apart, in
 * their order, each at the middle of its slot (so a log axis reads as a log scale, and a
 * cell of a map is one slot wide), and a value between two neighbouring grid values in
 * proportion between their middles (a bisected limit lands where it lies). A vertical axis
 * runs upward: its first value at the bottom.
 */
final class AxisScale {

    private final List<Long> values;
    private final double start;
    private final double length;
    private final boolean upward;
    private final int order; // 1 increasing, -1 decreasing, 0 neither

    AxisScale(List<Long> values, double start, double length, boolean upward) {
        this.values = values;
        this.start = start;
        this.length = length;
        this.upward = upward;
        this.order = order(values);
    }

    /** The width of one grid value's slot. */
    double slot() {
        return length / values.size();
    }

    /** The pixel of a position counted in slots from the axis's start (0 to the number of values). */
    double pixel(double slots) {
        return upward ? start + length - slots * slot() : start + slots * slot();
    }

    /** The middle of grid value {@code index}'s slot. */
    double centre(int index) {
        return pixel(index + 0.5);
    }

    /**
     * Where {@code value} lies, in slots: a grid value's middle, or between the middles of the
     * two neighbouring grid values it lies between; outside them all, at the nearer end.
     */
    double slots(long value) {
        int n = values.size();
        for (int i = searchFrom(value); i < n - 1; i++) {
            long a = values.get(i);
            long b = values.get(i + 1);
            if (value == a) {
                return i + 0.5;
            }
            if ((a < value && value <= b) || (b <= value && value < a)) {
                return i + 0.5 + (double) (value - a) / (double) (b - a);
            }
        }
        if (value == values.get(n - 1)) {
            return n - 0.5;
        }
        boolean beforeFirst = n > 1 && (values.get(1) > values.get(0)) == (value < values.get(0));
        return beforeFirst || n == 1 && value < values.get(0) ? 0 : n;
    }

    /** The pixel where {@code value} lies. */
    double at(long value) {
        return pixel(slots(value));
    }

    /** The grid index of a value of the grid; -1 when it is none. */
    int index(long value) {
        for (int i = searchFrom(value); i < values.size(); i++) {
            if (values.get(i) == value) {
                return i;
            }
        }
        return -1;
    }

    /** Where a scan for {@code value} may start: just before it on a sorted axis, else at the first value. */
    private int searchFrom(long value) {
        if (order == 0) {
            return 0;
        }
        int lo = 0;
        int hi = values.size() - 1;
        while (lo < hi) { // the last index whose value is on the near side of value
            int mid = (lo + hi + 1) >>> 1;
            if (Long.compare(values.get(mid), value) * order <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return Math.max(0, lo - 1);
    }

    private static int order(List<Long> values) {
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < values.size(); i++) {
            up &= values.get(i) > values.get(i - 1);
            down &= values.get(i) < values.get(i - 1);
        }
        return up ? 1 : down ? -1 : 0;
    }
}
