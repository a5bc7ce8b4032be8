package io.klinebench.cli;

import io.klinebench.sweep.Axis;
import io.klinebench.sweep.Boundary;
import io.klinebench.sweep.Sweep;
import io.klinebench.sweep.SweepResult;
import io.klinebench.time.Durations;
import java.util.Locale;
import java.util.Map;

/** A sweep's summary as text: what ran, how many points had each outcome, and the boundaries. */
final class SweepText {

    private SweepText() {}

    static String render(Sweep sweep, SweepResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Sweep ").append(sweep.file()).append(": ").append(sweep.sequence());
        if (!r.shard().isWhole()) {
            sb.append(", shard ").append(r.shard());
        }
        sb.append('\n');
        for (Axis a : sweep.axes()) {
            sb.append("  ")
                    .append(a.name())
                    .append(": ")
                    .append(a.values().size())
                    .append(" values, ")
                    .append(a.text(a.values().get(0)))
                    .append(" .. ")
                    .append(a.text(a.values().get(a.values().size() - 1)))
                    .append('\n');
        }
        sb.append("\nOutcomes (").append(r.points()).append(" points)\n");
        for (Map.Entry<String, Long> e : r.outcomes().entrySet()) {
            sb.append(String.format(Locale.ROOT, "%8d  %s%n", e.getValue(), e.getKey()));
        }
        if (sweep.bisects() && r.shard().isWhole()) {
            sb.append("\nBoundaries (resolution ")
                    .append(Durations.format(sweep.resolution()))
                    .append(")\n");
            if (r.boundaries().isEmpty()) {
                sb.append("  none: no axis changes the outcome between its grid points\n");
            }
            for (Boundary b : r.boundaries()) {
                sb.append("  ").append(b.describe()).append('\n');
            }
        } else if (sweep.bisects()) {
            sb.append("\nBoundaries: found when the shards are merged ('kline-bench sweep-merge')\n");
        }
        sb.append('\n');
        return sb.toString();
    }
}
