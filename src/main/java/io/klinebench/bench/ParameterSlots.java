package io.klinebench.bench;

import io.klinebench.config.ConfigException;
import io.klinebench.config.Node;
import io.klinebench.config.Parameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The timings of a {@link SequenceTemplate} that use parameters, and what each was read as so
 * far: a grid gives each axis value to many points, and substituting and reading a duration
 * is, after the car itself, most of what a point costs. A slot's value depends only on the
 * values of the parameters it names, so a value read once is the value for every point with
 * those; a value that did not read is read again (and fails again, at its place). Not to be
 * shared between threads (the bench never locks): a sweep gives each of its threads its own
 * template.
 */
final class ParameterSlots {

    /** Values kept per slot; past this, a slot reads each new value without keeping it. */
    private static final int MAX_KEPT = 100_000;

    private final List<Node.Scalar> scalars;
    private final List<StepPlan.Role> roles;
    private final List<List<String>> names = new ArrayList<>();
    /** Per slot, its values by key (see {@link #key}). */
    private final List<Map<Object, Long>> kept = new ArrayList<>();

    /**
     * @param scalars each slot's scalar as written, in the file's order
     * @param roles   what each slot is (at, after, jitter, repeat), so how it is read
     */
    ParameterSlots(List<Node.Scalar> scalars, List<StepPlan.Role> roles) {
        this.scalars = List.copyOf(scalars);
        this.roles = List.copyOf(roles);
        for (Node.Scalar s : scalars) {
            names.add(List.copyOf(Parameters.uses(s).keySet()));
            kept.add(new HashMap<>());
        }
    }

    /**
     * The slots for one point: those already known, and the others substituted, in the file's
     * order, so that a parameter with no value is said where the full load says it.
     */
    Filled fill(Map<String, String> values) throws ConfigException {
        int n = scalars.size();
        Filled f = new Filled(new Node[n], new long[n], new boolean[n], new Object[n]);
        for (int k = 0; k < n; k++) {
            Object key = key(k, values);
            Long known = kept.get(k).get(key);
            if (known != null) {
                f.values[k] = known;
                f.read[k] = true;
            } else {
                f.nodes[k] = Parameters.substitute(scalars.get(k), values);
                f.keys[k] = key;
            }
        }
        return f;
    }

    /**
     * The values of the parameters slot {@code k} names, in order (null for one not given): the
     * value itself for a slot that names one (most do: a point then makes no list to look it
     * up), else their list.
     */
    private Object key(int k, Map<String, String> values) {
        List<String> slotNames = names.get(k);
        if (slotNames.size() == 1) {
            return values.get(slotNames.get(0));
        }
        String[] key = new String[slotNames.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = values.get(slotNames.get(i));
        }
        return Arrays.asList(key);
    }

    /** One point's slots; {@link #value} reads a slot the first time the steps need it. */
    final class Filled {
        private final Node[] nodes;
        private final long[] values;
        private final boolean[] read;
        private final Object[] keys;

        private Filled(Node[] nodes, long[] values, boolean[] read, Object[] keys) {
            this.nodes = nodes;
            this.values = values;
            this.read = read;
            this.keys = keys;
        }

        /** Slot {@code k}'s value, read from its substituted text as its role reads it. */
        long value(int k) throws ConfigException {
            if (!read[k]) {
                values[k] = roles.get(k).read(nodes[k]);
                read[k] = true;
                Map<Object, Long> slot = kept.get(k);
                if (slot.size() < MAX_KEPT) {
                    slot.put(keys[k], values[k]);
                }
            }
            return values[k];
        }
    }
}
