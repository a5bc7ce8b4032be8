package io.klinebench.bench;

import io.klinebench.car.Profile;
import io.klinebench.config.Pos;
import io.klinebench.protocol.DiagnosticProfile;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sequence file, read and checked: the profile, the car's starting state, the steps at
 * their absolute times (repeats unrolled, jitter drawn from the seed), and what to expect.
 *
 * @param tailNanos how long to run after the last step; -1 means until nothing is pending
 */
public record Sequence(
        String file,
        String description,
        Profile profile,
        DiagnosticProfile diagnostics,
        CarSetup setup,
        List<Step> steps,
        List<Expectation> expectations,
        FinalState finalState,
        long tailNanos) {

    public Sequence {
        Objects.requireNonNull(profile, "profile");
        steps = List.copyOf(steps);
        expectations = List.copyOf(expectations);
    }

    /** One step at its absolute time. */
    public record Step(long at, Action action, Pos pos, String label) {}

    /**
     * An event expected (or not) in a span of time.
     *
     * @param event    event type name, as {@link EventFields#typeNames()}
     * @param where    fields the event must have (values compared as text)
     * @param absent   the event must not happen
     * @param count    exact number of matches, or -1 for "at least one"
     * @param from     start of the span (ns); {@code fromText} says how it was written
     * @param within   length of the span (ns), or -1 for "until the end of the run"
     */
    public record Expectation(
            String name,
            Pos pos,
            String event,
            Map<String, String> where,
            boolean absent,
            int count,
            long from,
            String fromText,
            long within) {
        public Expectation {
            where = Map.copyOf(where);
        }
    }

    /**
     * The state at the end of the run; null fields are not checked.
     *
     * @param slots       slot index to key name, or "empty"
     * @param engineStart key name to whether the immobilizer would let it start the engine
     * @param sync        key name to its slot's sync state (in-sync, resync-pending, lost)
     */
    public record FinalState(
            Pos pos,
            Map<Integer, String> slots,
            Boolean locked,
            Map<String, Boolean> engineStart,
            Map<String, String> sync,
            Integer cycleCount,
            Boolean learnWindowOpen) {}
}
