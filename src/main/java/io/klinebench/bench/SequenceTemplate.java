package io.klinebench.bench;

import io.klinebench.config.ConfigException;
import io.klinebench.config.Node;
import io.klinebench.config.Parameters;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.config.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sequence file read and checked once, with slots for its parameters: what a sweep runs at
 * every point. Only a step's timings (at, after, jitter, repeat) may use parameters here; each
 * point fills them and gets its steps at their absolute times. The result is the very
 * {@link Sequence}, and the very message at the same file:line:col, that {@link
 * SequenceLoader#read(Node, Map)} gives for the same values, without re-reading the tree,
 * re-parsing the actions and re-checking the expectations at every point. It keeps the timing
 * values it has read ({@link ParameterSlots}), so one thread uses it at a time.
 */
public final class SequenceTemplate {

    private final String file;
    private final SequenceLoader.Head head;
    private final List<StepPlan> plan;
    private final ParameterSlots slots;
    private final List<Planned> expectations;
    private final Sequence.FinalState finalState;
    private final long tail;
    private final Node tailNode;
    /** The expectations made ready to judge, once for all points (only their spans' starts differ). */
    private final ExpectationPlan judging;
    /** The car as written, its parameters (a remote's counter) in place; null when the file has none. */
    private final Node carNode;
    /** The parameters the car uses, in a fixed order; empty when it uses none. */
    private final List<String> carParameters;
    /** The car's parameters' values last read, and the car they gave: consecutive points mostly share them. */
    private String[] lastCarValues;

    private CarSetup lastCar;

    /** An expectation read once; {@code fromLabel} the label its span starts at, whose time each point gives. */
    private record Planned(Sequence.Expectation expectation, String fromLabel) {}

    private SequenceTemplate(
            String file,
            SequenceLoader.Head head,
            List<StepPlan> plan,
            ParameterSlots slots,
            List<Planned> expectations,
            Sequence.FinalState finalState,
            long tail,
            Node tailNode,
            Node carNode) {
        this.file = file;
        this.head = head;
        this.plan = plan;
        this.slots = slots;
        this.expectations = expectations;
        this.finalState = finalState;
        this.tail = tail;
        this.tailNode = tailNode;
        this.judging = ExpectationPlan.of(
                expectations.stream().map(Planned::expectation).toList());
        this.carNode = carNode;
        this.carParameters = carNode == null
                ? List.of()
                : List.copyOf(Parameters.uses(carNode).keySet());
    }

    /**
     * The template of {@code tree} on the profiles of {@code catalog}; empty when the file uses
     * a parameter outside a step's timings or has any mistake (then load each point with
     * {@link SequenceLoader#read(Node, Map)}, which says where).
     */
    public static Optional<SequenceTemplate> compile(Node tree, ProfileCatalog catalog) {
        try {
            return compileOrEmpty(tree, catalog);
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }

    private static Optional<SequenceTemplate> compileOrEmpty(Node tree, ProfileCatalog catalog) throws ConfigException {
        Node.Mapping root = Values.map(tree, "a sequence");
        for (Map.Entry<String, Node> e : root.entries().entrySet()) {
            if (!e.getKey().equals("steps")
                    && !e.getKey().equals("car")
                    && !Parameters.uses(e.getValue()).isEmpty()) {
                return Optional.empty();
            }
        }
        // A car that uses parameters (a remote's counter) is read here at their defaults, and
        // again at each point's values (car()); a parameter without a default stops the template.
        SequenceLoader.Head head = new SequenceLoader(catalog).head(withCarAtDefaults(root));
        StepPlanReader reader = new StepPlanReader(head.setup(), head.profile(), head.diagnostics());
        Optional<List<StepPlan>> plan = reader.read(SequenceLoader.steps(root));
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        // The expectations read against every label at time 0; each point puts in its labels' times.
        Map<String, Long> labelsAtZero = new HashMap<>();
        reader.labels().forEach(l -> labelsAtZero.put(l, 0L));
        List<Planned> expectations = new ArrayList<>();
        if (root.has("expect")) {
            for (Node n : Values.list(root.get("expect"), "expect").items()) {
                Node.Mapping m = Values.map(n, "an expectation");
                Sequence.Expectation x = SequenceLoader.expectation(m, labelsAtZero, head.setup(), head.profile());
                String from = m.has("from") ? Values.text(m.get("from"), "from") : null;
                expectations.add(new Planned(x, labelsAtZero.containsKey(from) ? from : null));
            }
        }
        Sequence.FinalState fin = root.has("final")
                ? SequenceLoader.finalState(Values.map(root.get("final"), "final"), head.setup(), head.profile())
                : null;
        if (expectations.isEmpty() && fin == null) {
            return Optional.empty();
        }
        long tail = root.has("tail") ? Values.nonNegativeDuration(root.get("tail"), "tail") : -1;
        return Optional.of(new SequenceTemplate(
                tree.pos().file(),
                head,
                plan.get(),
                reader.slots(),
                List.copyOf(expectations),
                fin,
                tail,
                root.get("tail"),
                root.has("car") ? root.get("car") : null));
    }

    /**
     * The sequence with its parameters at {@code values}, the others at their defaults.
     *
     * @throws ConfigException as {@link SequenceLoader#read(Node, Map)} would, at the same place
     */
    public Sequence instantiate(Map<String, String> values) throws ConfigException {
        CarSetup car = car(values); // read first, as the full load reads the car before the steps
        StepUnroller unroller = new StepUnroller(slots.fill(values), head.fileSeed());
        List<Sequence.Step> steps = unroller.unroll(plan);
        List<Sequence.Expectation> xs = new ArrayList<>(expectations.size());
        for (Planned p : expectations) {
            xs.add(
                    p.fromLabel() == null
                            ? p.expectation()
                            : from(p.expectation(), unroller.labels().get(p.fromLabel())));
        }
        if (tail >= 0) {
            SequenceLoader.withinLongestRun(
                    steps.isEmpty() ? 0 : steps.get(steps.size() - 1).at(),
                    tail,
                    tailNode.pos(),
                    "the end of the tail");
        }
        return new Sequence(
                file, head.description(), head.profile(), head.diagnostics(), car, steps, xs, finalState, tail);
    }

    /**
     * The sequence at {@code values} run and judged, as {@link SequenceRunner#runAndJudge} does
     * with {@link #instantiate}'s sequence, the expectations made ready once for every point.
     *
     * @throws ConfigException as {@link #instantiate} would
     */
    public SequenceRunner.Judged runAndJudge(Map<String, String> values) throws ConfigException {
        return SequenceRunner.runAndJudge(instantiate(values), judging);
    }

    private static Node.Mapping withCarAtDefaults(Node.Mapping root) throws ConfigException {
        if (!root.has("car")) {
            return root;
        }
        Map<String, Node> entries = new LinkedHashMap<>(root.entries());
        entries.put("car", Parameters.substitute(root.get("car"), Map.of()));
        return new Node.Mapping(root.pos(), entries, root.keyPos());
    }

    /**
     * The car at {@code values}: as written when it uses no parameter; else read again with
     * them, as the full load reads it, unless the last point had the same values. The
     * expectations and the final state were read against the car at its parameters'
     * defaults: its remotes' names and slots, which a parameter of a counter does not change.
     */
    private CarSetup car(Map<String, String> values) throws ConfigException {
        if (carParameters.isEmpty()) {
            return head.setup();
        }
        String[] now = new String[carParameters.size()];
        for (int i = 0; i < now.length; i++) {
            now[i] = values.get(carParameters.get(i));
        }
        if (lastCar == null || !Arrays.equals(now, lastCarValues)) {
            lastCar = CarSetupReader.car(Values.map(Parameters.substitute(carNode, values), "car"), head.profile());
            lastCarValues = now;
        }
        return lastCar;
    }

    private static Sequence.Expectation from(Sequence.Expectation x, long from) {
        return new Sequence.Expectation(
                x.name(), x.pos(), x.event(), x.where(), x.absent(), x.count(), from, x.fromText(), x.within());
    }
}
