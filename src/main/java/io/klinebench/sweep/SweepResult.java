package io.klinebench.sweep;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a sweep (or one shard of it) found, without its points, which went to the sinks:
 * how many points had each outcome, and the boundaries (only for a whole sweep: a shard
 * does not see its neighbours' outcomes; the merge finds them).
 */
public record SweepResult(Shard shard, long points, Map<String, Long> outcomes, List<Boundary> boundaries) {

    public SweepResult {
        outcomes = new TreeMap<>(outcomes);
        boundaries = List.copyOf(boundaries);
    }
}
