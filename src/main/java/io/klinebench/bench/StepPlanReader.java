package io.klinebench.bench;

import io.klinebench.car.Profile;
import io.klinebench.config.ConfigException;
import io.klinebench.config.Node;
import io.klinebench.config.Parameters;
import io.klinebench.config.Values;
import io.klinebench.protocol.DiagnosticProfile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles a sequence's 'steps' into a {@link StepPlan} once: the actions read and checked
 * against the car, the written timings read, and each timing that uses a parameter made a
 * slot, numbered in the order the file writes them (the order in which a load substitutes
 * them, and so says a missing value). Refuses (empty) whatever the plan cannot express
 * exactly: a parameter anywhere but a step's at, after, jitter or repeat, or any mistake in
 * the steps, which then stays for the full load to report at its place, point by point.
 */
final class StepPlanReader {

    private final CarSetup setup;
    private final Profile profile;
    private final DiagnosticProfile diagnostics;
    private final List<Node.Scalar> slots = new ArrayList<>();
    private final List<StepPlan.Role> roles = new ArrayList<>();
    private final Set<String> labels = new LinkedHashSet<>();

    /** Thrown inside the reader when the steps cannot be planned; never leaves it. */
    private static final class NotPlannable extends Exception {
        NotPlannable() {
            super(null, null, false, false);
        }
    }

    StepPlanReader(CarSetup setup, Profile profile, DiagnosticProfile diagnostics) {
        this.setup = setup;
        this.profile = profile;
        this.diagnostics = diagnostics;
    }

    /** The plan of {@code steps}, or empty when it cannot be planned (see the class comment). */
    Optional<List<StepPlan>> read(Node steps) {
        try {
            return Optional.of(list(Values.list(steps, "steps"), 0));
        } catch (ConfigException | NotPlannable e) {
            return Optional.empty();
        }
    }

    /** The timings that use parameters, in the order the file writes them; a timing's slot indexes them. */
    ParameterSlots slots() {
        return new ParameterSlots(slots, roles);
    }

    /** Every label a step carries. */
    Set<String> labels() {
        return Set.copyOf(labels);
    }

    private List<StepPlan> list(Node.Seq list, int depth) throws ConfigException, NotPlannable {
        List<StepPlan> out = new ArrayList<>();
        for (Node n : list.items()) {
            out.add(step(Values.map(n, "a step").onlyKeys(SequenceLoader.STEP, "a step"), depth));
        }
        return out;
    }

    private StepPlan step(Node.Mapping m, int depth) throws ConfigException, NotPlannable {
        StepPlan.Timing at = null;
        StepPlan.Timing after = null;
        StepPlan.Timing jitter = null;
        StepPlan.Timing times = null;
        List<StepPlan> inner = null;
        // In the file's order, so that slots are numbered as the file writes them.
        for (Map.Entry<String, Node> e : m.entries().entrySet()) {
            Node v = e.getValue();
            switch (e.getKey()) {
                case "at" -> at = timing(v, StepPlan.Role.AT);
                case "after" -> after = timing(v, StepPlan.Role.AFTER);
                case "jitter" -> jitter = timing(v, StepPlan.Role.JITTER);
                case "repeat" -> times = timing(v, StepPlan.Role.REPEAT);
                case "steps" -> inner = list(Values.list(v, "steps"), depth + 1);
                default -> noParameter(v);
            }
        }
        // The loader's checks of a step's shape; any of them failing leaves the steps to it.
        if (at != null && after != null || at != null && depth > 0) {
            throw new NotPlannable();
        }
        String label = m.has("label") ? Values.text(m.get("label"), "label") : null;
        if (label != null) {
            labels.add(label);
        }
        if (times != null) {
            if (inner == null || inner.isEmpty() || m.has("do") || jitter != null) {
                throw new NotPlannable();
            }
            return new StepPlan.Repeat(m, at, after, times, inner, label);
        }
        if (inner != null) {
            throw new NotPlannable();
        }
        Node doNode = m.require("do", "a step");
        Action action;
        try {
            action = ActionParser.parse(Values.text(doNode, "do"));
        } catch (IllegalArgumentException e) {
            throw new NotPlannable();
        }
        CarSetupReader.checkAction(action, doNode.pos(), setup, profile, diagnostics, "the car section");
        return new StepPlan.Timed(m, at, after, jitter, action, doNode.pos(), label);
    }

    private StepPlan.Timing timing(Node v, StepPlan.Role role) throws ConfigException, NotPlannable {
        if (v instanceof Node.Scalar s && s.text().contains("${")) {
            slots.add(s);
            roles.add(role);
            return StepPlan.Timing.slot(role, slots.size() - 1);
        }
        noParameter(v);
        return StepPlan.Timing.constant(role, role.read(v));
    }

    private static void noParameter(Node n) throws NotPlannable {
        if (!Parameters.uses(n).isEmpty()) {
            throw new NotPlannable();
        }
    }
}
