package io.klinebench.sweep;

import io.klinebench.time.Durations;
import java.util.List;

/**
 * Where the outcome flips along one axis, the other axes held at their grid values: between
 * {@code last} (still {@code fromOutcome}) and {@code first} (already {@code toOutcome}),
 * which bisection brought within {@code resolution} of each other.
 *
 * @param at the other axes' values, in axis order, with this axis as "*"
 */
public record Boundary(
        String axis,
        Axis.Unit unit,
        List<String> at,
        long last,
        long first,
        String fromOutcome,
        String toOutcome,
        long resolution) {

    public Boundary {
        at = List.copyOf(at);
    }

    /** The limit as a value and a half-width: the middle of the interval, ± half of it. */
    public String limitText() {
        long width = Math.abs(first - last);
        if (unit == Axis.Unit.INTEGER) {
            return first > last ? "between " + last + " and " + first : "between " + first + " and " + last;
        }
        long mid = last + (first - last) / 2;
        return Durations.format(mid) + " ± " + Durations.format(width - width / 2);
    }

    private String text(long v) {
        return unit == Axis.Unit.DURATION ? Durations.format(v) : Long.toString(v);
    }

    /** "key_out flips from passed at 5s to 'failed, completion.key-out-deadline missed' at 5.001s: 5.0005s ± 0.5ms". */
    public String describe() {
        return axis + " flips from '" + fromOutcome + "' at " + text(last) + " to '" + toOutcome + "' at " + text(first)
                + ": " + limitText() + (at.size() > 1 ? " (at " + String.join(", ", at) + ")" : "");
    }
}
