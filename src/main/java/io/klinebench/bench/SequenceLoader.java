package io.klinebench.bench;

import io.klinebench.car.Profile;
import io.klinebench.car.Slot;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ConfigText;
import io.klinebench.config.Node;
import io.klinebench.config.Parameters;
import io.klinebench.config.Pos;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.config.Values;
import io.klinebench.config.YamlReader;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Reads a sequence file (bench-config/sequences/*.yaml) and checks it against its profile:
 * every action, key, door, event type and field is checked here, so a run never fails
 * half-way on a typo. The format is described in bench-config/README.md.
 */
public final class SequenceLoader {

    private static final Set<String> TOP =
            Set.of("description", "profile", "seed", "car", "steps", "expect", "final", "tail");
    static final Set<String> STEP = Set.of("at", "after", "do", "jitter", "label", "repeat", "steps");
    private static final Set<String> EXPECT = Set.of("name", "event", "where", "absent", "count", "from", "within");
    private static final Set<String> FINAL =
            Set.of("slots", "locked", "engine-start", "sync", "cycle-count", "learn-window-open");
    static final int MAX_STEPS = 1_000_000;
    /**
     * The longest run: 100 years of virtual time. Within it every timer the car sets (days,
     * months) stays countable in a {@code long} of nanoseconds, which ends at about 292 years.
     */
    static final long MAX_RUN = 36_525 * Durations.D;

    private final ProfileCatalog catalog;
    private final Progress progress;
    /** The seed of the jitter instead of the file's; empty: the file's, or 1. */
    private final OptionalLong seed;

    public SequenceLoader(ProfileCatalog catalog) {
        this(catalog, Progress.NONE);
    }

    /** A loader that tells {@code progress} how many steps it has unrolled, of how many. */
    public SequenceLoader(ProfileCatalog catalog, Progress progress) {
        this(catalog, progress, OptionalLong.empty());
    }

    private SequenceLoader(ProfileCatalog catalog, Progress progress, OptionalLong seed) {
        this.catalog = catalog;
        this.progress = progress;
        this.seed = seed;
    }

    /**
     * A loader that draws every step's jitter from {@code seed} instead of the file's own seed:
     * one sequence file run as many different, repeatable runs.
     */
    public SequenceLoader withSeed(long seed) {
        return new SequenceLoader(catalog, progress, OptionalLong.of(seed));
    }

    public Sequence load(Path file) throws ConfigException {
        String text = ConfigText.read(file);
        return read(file.toString(), new StringReader(text));
    }

    public Sequence read(String file, Reader text) throws ConfigException {
        return read(YamlReader.read(file, text), Map.of());
    }

    /**
     * A sequence from its YAML tree (read once by a sweep), its parameters ({@code ${name}},
     * {@code ${name:default}}) given {@code values}, the others their defaults.
     *
     * @throws ConfigException also at a value that uses a parameter with no value and no default
     */
    public Sequence read(Node tree, Map<String, String> values) throws ConfigException {
        String file = tree.pos().file();
        Node.Mapping root = Values.map(Parameters.substitute(tree, values), "a sequence");
        Head head = head(root);
        Profile profile = head.profile();
        DiagnosticProfile diagnostics = head.diagnostics();
        String description = head.description();
        long seed = this.seed.orElse(head.fileSeed());
        CarSetup setup = head.setup();

        List<Sequence.Step> steps = new ArrayList<>();
        Map<String, Long> labels = new HashMap<>();
        Node.Seq stepList = steps(root);
        int total = (int) Math.min(unrolledSize(stepList), MAX_STEPS);
        new StepReader(new SplittableRandom(seed), setup, profile, diagnostics, steps, labels, progress, total)
                .readList(stepList, 0, 0);

        List<Sequence.Expectation> expectations = new ArrayList<>();
        if (root.has("expect")) {
            for (Node n : Values.list(root.get("expect"), "expect").items()) {
                expectations.add(expectation(Values.map(n, "an expectation"), labels, setup, profile));
            }
        }
        Sequence.FinalState fin =
                root.has("final") ? finalState(Values.map(root.get("final"), "final"), setup, profile) : null;
        if (expectations.isEmpty() && fin == null) {
            throw new ConfigException(
                    root.pos(), "a sequence needs 'expect' or 'final': a run with nothing to check proves nothing");
        }
        long tail = root.has("tail") ? Values.nonNegativeDuration(root.get("tail"), "tail") : -1;
        if (tail >= 0) {
            withinLongestRun(
                    steps.isEmpty() ? 0 : steps.get(steps.size() - 1).at(),
                    tail,
                    root.get("tail").pos(),
                    "the end of the tail");
        }
        return new Sequence(file, description, profile, diagnostics, setup, steps, expectations, fin, tail);
    }

    /** The sequence's steps; none is refused as an empty check is: a run that does nothing proves nothing. */
    static Node.Seq steps(Node.Mapping root) throws ConfigException {
        Node.Seq steps = Values.list(root.require("steps", "a sequence"), "steps");
        if (steps.items().isEmpty()) {
            throw new ConfigException(
                    steps.pos(), "steps: a sequence needs at least one step: a run that does nothing proves nothing");
        }
        return steps;
    }

    /** What a sequence file says before its steps: its profile, description, seed and car. */
    record Head(String description, Profile profile, DiagnosticProfile diagnostics, long fileSeed, CarSetup setup) {}

    /** Reads the head of {@code root}, after checking its top-level keys. */
    Head head(Node.Mapping root) throws ConfigException {
        root.onlyKeys(TOP, "a sequence");
        Node profileNode = root.require("profile", "a sequence");
        Profile profile;
        DiagnosticProfile diagnostics;
        try {
            profile = catalog.load(Values.text(profileNode, "profile"));
            diagnostics = catalog.loadDiagnostics(profile.name());
        } catch (ConfigException e) {
            throw new ConfigException(profileNode.pos(), e.getMessage());
        }
        String description = root.has("description") ? Values.text(root.get("description"), "description") : "";
        long fileSeed = root.has("seed") ? Values.integer(root.get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE) : 1;
        CarSetup setup =
                root.has("car") ? CarSetupReader.car(Values.map(root.get("car"), "car"), profile) : CarSetup.of();
        return new Head(description, profile, diagnostics, fileSeed, setup);
    }

    // ---- steps -----------------------------------------------------------------------------

    /** {@code t + by}, or an error at {@code where} when that is beyond {@link #MAX_RUN}. */
    static long withinLongestRun(long t, long by, Pos where, String what) throws ConfigException {
        if (by > MAX_RUN - t) {
            throw new ConfigException(
                    where,
                    what + " would come more than " + Durations.format(MAX_RUN)
                            + " (100 years) after the start; a run lasts at most that");
        }
        return t + by;
    }

    /**
     * How many steps {@code list} unrolls to, counted without unrolling (capped just above
     * {@link #MAX_STEPS}, so nested repeats cannot overflow). A repeat with no steps is an
     * error: it would loop doing nothing.
     */
    static long unrolledSize(Node.Seq list) throws ConfigException {
        long n = 0;
        for (Node item : list.items()) {
            if (item instanceof Node.Mapping m && m.has("repeat") && m.get("steps") instanceof Node.Seq inner) {
                if (inner.items().isEmpty()) {
                    throw new ConfigException(inner.pos(), "a repeat needs at least one step in 'steps'");
                }
                long times = Values.integer(m.get("repeat"), "repeat", 1, 100_000);
                n += times * unrolledSize(inner);
            } else {
                n++;
            }
            if (n > MAX_STEPS) {
                return MAX_STEPS + 1L;
            }
        }
        return n;
    }

    /** Unrolls steps and repeats into absolute times, checking each action against the car. */
    private static final class StepReader {
        private final SplittableRandom random;
        private final CarSetup setup;
        private final Profile profile;
        private final DiagnosticProfile diagnostics;
        private final List<Sequence.Step> out;
        private final Map<String, Long> labels;
        private final Progress progress;
        private final int total;

        StepReader(
                SplittableRandom random,
                CarSetup setup,
                Profile profile,
                DiagnosticProfile diagnostics,
                List<Sequence.Step> out,
                Map<String, Long> labels,
                Progress progress,
                int total) {
            this.random = random;
            this.setup = setup;
            this.profile = profile;
            this.diagnostics = diagnostics;
            this.out = out;
            this.labels = labels;
            this.progress = progress;
            this.total = total;
        }

        /** Returns the time of the last step read. */
        long readList(Node.Seq list, long previous, int depth) throws ConfigException {
            long t = previous;
            for (Node n : list.items()) {
                t = readStep(Values.map(n, "a step").onlyKeys(STEP, "a step"), t, depth);
            }
            return t;
        }

        private long readStep(Node.Mapping m, long previous, int depth) throws ConfigException {
            if (m.has("at") && m.has("after")) {
                throw new ConfigException(
                        m.keyPos().get("after"),
                        "a step has 'at' (from the start) or 'after' (from the previous step), not both");
            }
            if (m.has("at") && depth > 0) {
                throw new ConfigException(m.keyPos().get("at"), "inside a repeat, steps use 'after', not 'at'");
            }
            long t = m.has("at")
                    ? later(0, Values.nonNegativeDuration(m.get("at"), "at"), m)
                    : later(previous, m.has("after") ? Values.nonNegativeDuration(m.get("after"), "after") : 0, m);
            if (m.has("at") && t < previous) {
                throw new ConfigException(
                        m.get("at").pos(),
                        "at " + Durations.format(t) + " is before the previous step (" + Durations.format(previous)
                                + "); steps run in order");
            }
            if (m.has("repeat")) {
                for (String f : List.of("do", "jitter")) {
                    if (m.has(f)) {
                        throw new ConfigException(m.keyPos().get(f), "a repeat step holds 'steps', not '" + f + "'");
                    }
                }
                int times = (int) Values.integer(m.get("repeat"), "repeat", 1, 100_000);
                Node.Seq inner = Values.list(m.require("steps", "a repeat"), "steps");
                // Counted before unrolling: nested repeats multiply, and an empty or tiny body
                // repeated 10^15 times must be refused at once, not after hours of looping.
                long unrolled = times * unrolledSize(inner);
                if (out.size() + unrolled > MAX_STEPS) {
                    throw new ConfigException(
                            m.keyPos().get("repeat"),
                            "this repeat unrolls to " + (unrolled >= MAX_STEPS ? "more than " + MAX_STEPS : unrolled)
                                    + " steps; a sequence has at most " + MAX_STEPS + " steps after unrolling repeats");
                }
                label(m, t);
                for (int i = 0; i < times; i++) {
                    t = readList(inner, t, depth + 1);
                }
                return t;
            }
            if (m.has("steps")) {
                throw new ConfigException(m.keyPos().get("steps"), "'steps' inside a step needs 'repeat: N'");
            }
            Node doNode = m.require("do", "a step");
            String text = Values.text(doNode, "do");
            Action action;
            try {
                action = ActionParser.parse(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(doNode.pos(), e.getMessage());
            }
            check(action, doNode.pos());
            if (m.has("jitter")) {
                long j = Values.nonNegativeDuration(m.get("jitter"), "jitter");
                later(t, j, m);
                // Uniform in [-j, +j], never before the previous step: order is kept.
                t = Math.max(previous, t + (j == 0 ? 0 : random.nextLong(-j, j + 1)));
            }
            if (out.size() >= MAX_STEPS) {
                throw new ConfigException(m.pos(), "more than " + MAX_STEPS + " steps after unrolling repeats");
            }
            String label = label(m, t);
            out.add(new Sequence.Step(t, action, doNode.pos(), label));
            progress.stepsDone(out.size(), total);
            return t;
        }

        /** {@code t + by}, or an error at the step when the sum is beyond the longest run. */
        private static long later(long t, long by, Node.Mapping step) throws ConfigException {
            return withinLongestRun(t, by, step.pos(), "this step");
        }

        private String label(Node.Mapping m, long t) throws ConfigException {
            if (!m.has("label")) {
                return null;
            }
            String l = Values.text(m.get("label"), "label");
            // In a repeat the label names the first time through.
            labels.putIfAbsent(l, t);
            return l;
        }

        private void check(Action a, Pos pos) throws ConfigException {
            CarSetupReader.checkAction(a, pos, setup, profile, diagnostics, "the car section");
        }
    }

    // ---- expectations ------------------------------------------------------------------

    static Sequence.Expectation expectation(Node.Mapping m, Map<String, Long> labels, CarSetup setup, Profile profile)
            throws ConfigException {
        m.onlyKeys(EXPECT, "an expectation");
        Node ev = m.require("event", "an expectation");
        String event = Values.text(ev, "event");
        Class<? extends Event> type = EventFields.type(event);
        if (type == null) {
            throw new ConfigException(
                    ev.pos(),
                    "unknown event '" + event + "'; expected one of: " + String.join(", ", EventFields.typeNames()));
        }
        Map<String, String> where = m.has("where")
                ? new WhereReader(profile, setup).read(event, type, Values.map(m.get("where"), "where"))
                : Map.of();
        boolean absent = m.has("absent") && Values.bool(m.get("absent"), "absent");
        int count = m.has("count") ? (int) Values.integer(m.get("count"), "count", 0, Integer.MAX_VALUE) : -1;
        if (absent && count >= 0) {
            throw new ConfigException(
                    m.keyPos().get("count"), "'absent' and 'count' cannot go together ('count: 0' means absent)");
        }
        long from = 0;
        String fromText = "the start";
        if (m.has("from")) {
            Node f = m.get("from");
            String t = Values.text(f, "from");
            if (labels.containsKey(t)) {
                from = labels.get(t);
                fromText = "step '" + t + "'";
            } else if (Durations.isWritten(t)) {
                // A duration that does not fit ("99999999d") says so, not "neither a label nor a duration".
                from = Values.duration(f, "from");
                fromText = Durations.format(from);
            } else {
                throw new ConfigException(
                        f.pos(),
                        "from: '" + t + "' is neither a step label ("
                                + (labels.isEmpty() ? "none defined" : String.join(", ", labels.keySet()))
                                + ") nor a duration (expected " + Durations.EXPECTED + ")");
            }
        }
        long within = m.has("within") ? Values.nonNegativeDuration(m.get("within"), "within") : -1;
        String name = m.has("name")
                ? Values.text(m.get("name"), "name")
                : describe(event, where, absent, count, fromText, within);
        return new Sequence.Expectation(name, m.pos(), event, where, absent, count, from, fromText, within);
    }

    private static String describe(
            String event, Map<String, String> where, boolean absent, int count, String from, long within) {
        StringBuilder sb = new StringBuilder(event);
        if (!where.isEmpty()) {
            sb.append(' ').append(EventFields.readable(where, true));
        }
        sb.append(absent ? " never" : count >= 0 ? " exactly " + count + " times" : " happens");
        if (within >= 0) {
            sb.append(" within ")
                    .append(Durations.format(within))
                    .append(" of ")
                    .append(from);
        } else if (!from.equals("the start")) {
            sb.append(" after ").append(from);
        }
        return sb.toString();
    }

    // ---- final state ---------------------------------------------------------------------

    static Sequence.FinalState finalState(Node.Mapping m, CarSetup setup, Profile profile) throws ConfigException {
        m.onlyKeys(FINAL, "final");
        if (m.entries().isEmpty()) {
            // As an empty 'expect': the run would pass with nothing checked.
            throw new ConfigException(
                    m.pos(),
                    "final: {} checks nothing, and a run with nothing to check proves nothing; name what to check ("
                            + String.join(", ", new TreeSet<>(FINAL)) + ") or leave it out");
        }
        Map<Integer, String> slots = null;
        if (m.has("slots")) {
            slots = new LinkedHashMap<>();
            Node.Mapping sm = nonEmpty(Values.map(m.get("slots"), "final.slots"), "final.slots");
            for (Map.Entry<String, Node> e : sm.entries().entrySet()) {
                int index;
                try {
                    index = Integer.parseInt(e.getKey());
                } catch (NumberFormatException ex) {
                    throw new ConfigException(
                            sm.keyPos().get(e.getKey()), "final.slots: '" + e.getKey() + "' is not a slot number");
                }
                if (index < 0 || index >= profile.slots()) {
                    throw new ConfigException(
                            sm.keyPos().get(e.getKey()),
                            "final.slots: slot " + index + " does not exist (0.." + (profile.slots() - 1) + ")");
                }
                String v = Values.text(e.getValue(), "final.slots." + index);
                // A slot holds a remote: a key without one could never be found there.
                List<String> holders = new ArrayList<>(remoteKeys(setup));
                holders.add("empty");
                if (!holders.contains(v)) {
                    throw new ConfigException(
                            e.getValue().pos(),
                            "final.slots." + index + ": '" + v
                                    + "' is not a key with a remote in the car section; expected one of: "
                                    + String.join(", ", holders));
                }
                slots.put(index, v);
            }
        }
        Boolean locked = m.has("locked") ? Values.bool(m.get("locked"), "final.locked") : null;
        Map<String, Boolean> engine = null;
        if (m.has("engine-start")) {
            engine = new LinkedHashMap<>();
            Node.Mapping em = nonEmpty(Values.map(m.get("engine-start"), "final.engine-start"), "final.engine-start");
            for (Map.Entry<String, Node> e : em.entries().entrySet()) {
                if (CarSetupReader.findKey(setup, e.getKey()) == null) {
                    throw new ConfigException(
                            em.keyPos().get(e.getKey()),
                            "final.engine-start: unknown key '" + e.getKey()
                                    + "'; expected one of the keys in the car section: "
                                    + String.join(
                                            ", ",
                                            setup.keys().stream()
                                                    .map(KeySpec::id)
                                                    .toList()));
                }
                String v = Values.text(e.getValue(), "final.engine-start." + e.getKey());
                if (!v.equals("allowed") && !v.equals("refused")) {
                    throw new ConfigException(
                            e.getValue().pos(), "final.engine-start: expected allowed or refused, found '" + v + "'");
                }
                engine.put(e.getKey(), v.equals("allowed"));
            }
        }
        Map<String, String> sync = null;
        if (m.has("sync")) {
            sync = new LinkedHashMap<>();
            Node.Mapping sm = nonEmpty(Values.map(m.get("sync"), "final.sync"), "final.sync");
            for (Map.Entry<String, Node> e : sm.entries().entrySet()) {
                KeySpec k = CarSetupReader.findKey(setup, e.getKey());
                if (k == null || !k.hasRemote()) {
                    throw new ConfigException(
                            sm.keyPos().get(e.getKey()),
                            "final.sync: '" + e.getKey() + "' is not a key with a remote; expected one of: "
                                    + String.join(", ", remoteKeys(setup)));
                }
                String v = Values.text(e.getValue(), "final.sync." + e.getKey());
                List<String> states = new ArrayList<>();
                for (Slot.Sync s : Slot.Sync.values()) {
                    states.add(Values.kebab(s));
                }
                states.add("no-slot");
                if (!states.contains(v)) {
                    throw new ConfigException(
                            e.getValue().pos(),
                            "final.sync: expected one of " + String.join(", ", states) + ", found '" + v + "'");
                }
                sync.put(e.getKey(), v);
            }
        }
        Integer cycles =
                m.has("cycle-count") ? (int) Values.integer(m.get("cycle-count"), "final.cycle-count", 0, 100) : null;
        Boolean window =
                m.has("learn-window-open") ? Values.bool(m.get("learn-window-open"), "final.learn-window-open") : null;
        return new Sequence.FinalState(m.pos(), slots, locked, engine, sync, cycles, window);
    }

    /** A map of final checks with none in it would pass having checked nothing. */
    private static Node.Mapping nonEmpty(Node.Mapping m, String what) throws ConfigException {
        if (m.entries().isEmpty()) {
            throw new ConfigException(m.pos(), what + ": {} checks nothing; name what to check or leave it out");
        }
        return m;
    }

    private static List<String> remoteKeys(CarSetup setup) {
        return setup.keys().stream().filter(KeySpec::hasRemote).map(KeySpec::id).toList();
    }
}
