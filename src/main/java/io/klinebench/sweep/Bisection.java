package io.klinebench.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds one boundary: between two neighbouring grid points of different outcomes along one
 * axis, halves the interval until it is no wider than the resolution. The interval is cut
 * in whole resolution steps from the first point, so the limits read as round numbers
 * ("5s" and "5.001s", not "5.000488s"). Where a third outcome turns up in between, the
 * search follows the flip nearest the first point.
 */
final class Bisection {

    private Bisection() {}

    /**
     * @param values the grid values of the first point, one per axis
     * @param axis   the axis to move
     * @param to     the value of that axis at the neighbouring point
     */
    static Boundary find(
            PointRunner runner, Sweep sweep, long[] values, int axis, long to, String fromOutcome, String toOutcome) {
        Axis a = sweep.axes().get(axis);
        long from = values[axis];
        long step = a.finest(sweep.resolution());
        long span = Math.abs(to - from); // neighbouring values of one axis: no overflow in practice
        long sign = Long.signum(to - from);
        long lo = 0;
        long hi = (span + step - 1) / step;
        String hiOutcome = toOutcome;
        long[] probe = values.clone();
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            probe[axis] = from + sign * Math.min(mid * step, span);
            String o = runner.run(-1, probe).outcome();
            if (o.equals(fromOutcome)) {
                lo = mid;
            } else {
                hi = mid;
                hiOutcome = o;
            }
        }
        List<String> at = new ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            at.add(k == axis ? "*" : sweep.axes().get(k).text(values[k]));
        }
        return new Boundary(
                a.name(),
                a.unit(),
                at,
                from + sign * Math.min(lo * step, span),
                from + sign * Math.min(hi * step, span),
                fromOutcome,
                hiOutcome,
                step);
    }
}
