package io.klinebench.sweep;

import io.klinebench.config.Pos;
import io.klinebench.time.Durations;
import java.util.List;

/**
 * One dimension of a sweep: a sequence parameter ({@code key_out}) or a profile value
 * ({@code profile.cycles.max-run-time}), and the values it takes, in order.
 *
 * @param pos where the axis is named in the sweep file
 */
public record Axis(String name, Pos pos, Unit unit, List<Long> values) {

    /** The prefix that makes an axis a profile value rather than a sequence parameter. */
    public static final String PROFILE = "profile.";

    /** What the numbers are: nanoseconds written as durations, or plain integers. */
    public enum Unit {
        DURATION,
        INTEGER
    }

    public Axis {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an axis needs at least one value");
        }
    }

    public boolean isProfileValue() {
        return name.startsWith(PROFILE);
    }

    /** The dotted path inside the profile ("cycles.max-run-time"), for a profile value. */
    public String profilePath() {
        return name.substring(PROFILE.length());
    }

    /** A value as the YAML it replaces is written: "5.001s", "3". */
    public String text(long value) {
        return unit == Unit.DURATION ? Durations.format(value) : Long.toString(value);
    }

    /** The smallest step worth bisecting to: the sweep's resolution for durations, 1 for integers. */
    public long finest(long resolution) {
        return unit == Unit.DURATION ? Math.max(1, resolution) : 1;
    }
}
