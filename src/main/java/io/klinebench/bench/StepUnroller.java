package io.klinebench.bench;

import io.klinebench.config.ConfigException;
import io.klinebench.config.Node;
import io.klinebench.time.Durations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One point's steps from a {@link StepPlan}: the slots filled with the point's values, repeats
 * unrolled, absolute times and jitter worked out. It does {@link SequenceLoader}'s arithmetic
 * and checks in the loader's order (the count of the unrolled steps first, then step by step),
 * so a value that does not fit fails with the loader's message, at the same place.
 */
final class StepUnroller {

    private final ParameterSlots.Filled slots;
    private final SplittableRandom random;
    private final List<Sequence.Step> out = new ArrayList<>();
    private final Map<String, Long> labels = new HashMap<>();

    /**
     * @param slots the point's slots
     * @param seed  the seed the jitter is drawn from
     */
    StepUnroller(ParameterSlots.Filled slots, long seed) {
        this.slots = slots;
        this.random = new SplittableRandom(seed);
    }

    /** The steps of {@code plan} at their absolute times. */
    List<Sequence.Step> unroll(List<StepPlan> plan) throws ConfigException {
        unrolledSize(plan);
        walk(plan, 0);
        return out;
    }

    /** The time of each label, the first time through; after {@link #unroll}. */
    Map<String, Long> labels() {
        return labels;
    }

    /** As {@link SequenceLoader#unrolledSize}: its reads of the repeat counts, and so its messages. */
    private long unrolledSize(List<StepPlan> list) throws ConfigException {
        long n = 0;
        for (StepPlan s : list) {
            if (s instanceof StepPlan.Repeat r) {
                n += value(r.times()) * unrolledSize(r.steps());
            } else {
                n++;
            }
            if (n > SequenceLoader.MAX_STEPS) {
                return SequenceLoader.MAX_STEPS + 1L;
            }
        }
        return n;
    }

    private long walk(List<StepPlan> list, long previous) throws ConfigException {
        long t = previous;
        for (StepPlan s : list) {
            t = step(s, t);
        }
        return t;
    }

    private long step(StepPlan s, long previous) throws ConfigException {
        Node.Mapping m = s.node();
        long t = s.at() != null
                ? later(0, value(s.at()), m)
                : later(previous, s.after() != null ? value(s.after()) : 0, m);
        if (s.at() != null && t < previous) {
            throw new ConfigException(
                    m.get("at").pos(),
                    "at " + Durations.format(t) + " is before the previous step (" + Durations.format(previous)
                            + "); steps run in order");
        }
        if (s instanceof StepPlan.Repeat r) {
            int times = (int) value(r.times());
            long unrolled = times * unrolledSize(r.steps());
            if (out.size() + unrolled > SequenceLoader.MAX_STEPS) {
                throw new ConfigException(
                        m.keyPos().get("repeat"),
                        "this repeat unrolls to "
                                + (unrolled >= SequenceLoader.MAX_STEPS
                                        ? "more than " + SequenceLoader.MAX_STEPS
                                        : unrolled)
                                + " steps; a sequence has at most " + SequenceLoader.MAX_STEPS
                                + " steps after unrolling repeats");
            }
            label(r.label(), t);
            for (int i = 0; i < times; i++) {
                t = walk(r.steps(), t);
            }
            return t;
        }
        StepPlan.Timed d = (StepPlan.Timed) s;
        if (d.jitter() != null) {
            long j = value(d.jitter());
            later(t, j, m);
            // Uniform in [-j, +j], never before the previous step: order is kept.
            t = Math.max(previous, t + (j == 0 ? 0 : random.nextLong(-j, j + 1)));
        }
        if (out.size() >= SequenceLoader.MAX_STEPS) {
            throw new ConfigException(
                    m.pos(), "more than " + SequenceLoader.MAX_STEPS + " steps after unrolling repeats");
        }
        label(d.label(), t);
        out.add(new Sequence.Step(t, d.action(), d.doPos(), d.label()));
        return t;
    }

    /** A timing's value; a slot is read the first time it is needed (a repeat needs it every time through). */
    private long value(StepPlan.Timing timing) throws ConfigException {
        return timing.isSlot() ? slots.value(timing.slot()) : timing.constant();
    }

    private void label(String label, long t) {
        if (label != null) {
            labels.putIfAbsent(label, t); // in a repeat the label names the first time through
        }
    }

    private static long later(long t, long by, Node.Mapping step) throws ConfigException {
        return SequenceLoader.withinLongestRun(t, by, step.pos(), "this step");
    }
}
