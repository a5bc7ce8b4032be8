package io.klinebench.bench;

import io.klinebench.config.ConfigException;
import io.klinebench.config.Node;
import io.klinebench.config.Pos;
import io.klinebench.config.Values;
import java.util.List;

/**
 * A sequence's steps as a {@link SequenceTemplate} keeps them: every action read and checked
 * once, and each timing either a constant read once or a slot that each point fills with its
 * parameter's value. {@link StepUnroller} turns a plan and a point's values into the steps at
 * their absolute times, exactly as {@link SequenceLoader} would.
 */
sealed interface StepPlan {

    /** The step as written: its position and its keys' positions, for the messages. */
    Node.Mapping node();

    /** Its 'at' (from the start), or null. */
    Timing at();

    /** Its 'after' (from the previous step), or null. */
    Timing after();

    /** Its label, or null. */
    String label();

    /** A step that does one action. */
    record Timed(Node.Mapping node, Timing at, Timing after, Timing jitter, Action action, Pos doPos, String label)
            implements StepPlan {}

    /** A repeat: its steps, {@code times} times over. */
    record Repeat(Node.Mapping node, Timing at, Timing after, Timing times, List<StepPlan> steps, String label)
            implements StepPlan {
        public Repeat {
            steps = List.copyOf(steps);
        }
    }

    /** What a timing is, and how its text is read (the same reads as {@link SequenceLoader}'s). */
    enum Role {
        AT("at"),
        AFTER("after"),
        JITTER("jitter"),
        REPEAT("repeat");

        private final String key;

        Role(String key) {
            this.key = key;
        }

        String key() {
            return key;
        }

        long read(Node n) throws ConfigException {
            return this == REPEAT ? Values.integer(n, key, 1, 100_000) : Values.nonNegativeDuration(n, key);
        }
    }

    /**
     * One timing of a step: {@code constant} when the file writes it, or the index of the slot
     * a point's parameter fills ({@code slot >= 0}).
     */
    record Timing(Role role, long constant, int slot) {

        static Timing constant(Role role, long value) {
            return new Timing(role, value, -1);
        }

        static Timing slot(Role role, int slot) {
            return new Timing(role, 0, slot);
        }

        boolean isSlot() {
            return slot >= 0;
        }
    }
}
