package io.klinebench.sweep;

import io.klinebench.bench.BuiltInSequences;
import io.klinebench.bench.SequenceLoader;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ConfigText;
import io.klinebench.config.Node;
import io.klinebench.config.Parameters;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.config.Values;
import io.klinebench.config.YamlReader;
import io.klinebench.time.Durations;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a sweep file (bench-config/sweeps/*.yaml): the sequence, the axes and the boundary
 * resolution, each checked where it is written (an axis the sequence does not use, a profile
 * path that does not exist), and the first point loaded, so that a sweep that cannot run
 * says so before it starts.
 */
public final class SweepLoader {

    private static final Set<String> TOP = Set.of("description", "sequence", "axes", "boundaries");
    private static final Set<String> AXIS = Set.of("name", "from", "to", "steps", "scale", "values");
    private static final int MAX_VALUES = 1_000_000;

    private SweepLoader() {}

    /** Reads {@code file}; profiles come from {@code profileDirs} first, then beside the sequence, then the jar. */
    public static Sweep load(Path file, List<Path> profileDirs) throws ConfigException {
        String where = file.toString();
        Node.Mapping root = Values.map(YamlReader.read(where, new StringReader(ConfigText.read(file))), "a sweep")
                .onlyKeys(TOP, "a sweep");
        String description = root.has("description") ? Values.text(root.get("description"), "description") : "";
        Node seqNode = root.require("sequence", "a sweep");
        String sequence = Values.text(seqNode, "sequence");
        Node template;
        List<Path> dirs = new ArrayList<>(profileDirs);
        Path parent = file.toAbsolutePath().getParent();
        Path seqFile = parent == null ? Path.of(sequence) : parent.resolve(sequence);
        if (Files.isRegularFile(seqFile)) {
            template = YamlReader.read(seqFile.toString(), new StringReader(ConfigText.read(seqFile)));
            ProfileCatalog.besideSequence(seqFile).ifPresent(dirs::add);
        } else if (BuiltInSequences.names().contains(sequence)) {
            template = BuiltInSequences.tree(sequence);
        } else {
            throw new ConfigException(
                    seqNode.pos(),
                    "sequence: '" + sequence + "' is neither a file (relative to the sweep file's folder) nor a "
                            + "built-in sequence (see 'kline-bench sequences')");
        }
        ProfileCatalog profiles = ProfileCatalog.searching(dirs).overriding(Map.of());
        Map<String, Parameters.Use> uses = Parameters.uses(template);

        List<Axis> axes = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Node n : Values.list(root.require("axes", "a sweep"), "axes").items()) {
            Node.Mapping axisNode = Values.map(n, "an axis").onlyKeys(AXIS, "an axis");
            Axis a = axis(axisNode);
            if (!names.add(a.name())) {
                throw new ConfigException(a.pos(), "axis '" + a.name() + "' is given twice");
            }
            if (a.isProfileValue()) {
                checkProfilePath(a, firstValue(axisNode), template, profiles);
            } else if (!uses.containsKey(a.name())) {
                throw new ConfigException(
                        a.pos(),
                        "the sequence uses no parameter '" + a.name() + "'; it uses: "
                                + (uses.isEmpty() ? "none" : String.join(", ", uses.keySet()))
                                + " (a profile value is named 'profile.PATH', e.g. profile.cycles.max-run-time)");
            }
            axes.add(a);
        }
        if (axes.isEmpty()) {
            throw new ConfigException(root.get("axes").pos(), "axes: a sweep needs at least one axis");
        }
        long resolution = 0;
        if (root.has("boundaries")) {
            Node.Mapping b =
                    Values.map(root.get("boundaries"), "boundaries").onlyKeys(Set.of("resolution"), "boundaries");
            resolution = Values.positiveDuration(b.require("resolution", "boundaries"), "boundaries.resolution");
        }
        Sweep sweep = new Sweep(where, description, sequence, template, profiles, axes, resolution);
        try {
            sweep.size();
        } catch (ArithmeticException e) {
            throw new ConfigException(root.get("axes").pos(), "axes: the grid has more points than a long counts");
        }
        if (sweep.bisects() && NeighbourFlips.row(sweep) > NeighbourFlips.MAX_ROW) {
            throw new ConfigException(
                    root.keyPos().get("boundaries"),
                    "boundaries: " + NeighbourFlips.tooLong(NeighbourFlips.row(sweep)));
        }
        // The first point's parameters, read into the sequence (on the profile as written): a
        // value of the wrong kind for its parameter is said now, at its place. A profile value
        // the profile refuses is left to its point, which is then invalid, as at any point.
        Map<String, String> first = new LinkedHashMap<>();
        for (Axis a : axes) {
            if (!a.isProfileValue()) {
                first.put(a.name(), a.text(a.values().get(0)));
            }
        }
        try {
            new SequenceLoader(profiles).read(template, first);
        } catch (ConfigException e) {
            throw new ConfigException(
                    where, "its first point (" + String.join(", ", first.values()) + ") cannot run: " + e.getMessage());
        }
        return sweep;
    }

    /**
     * Checks that the profile has one value at the axis's path, of the axis's kind: a duration
     * for durations, a number for whole numbers. A value of the wrong kind would make every
     * point invalid, each blaming the profile's line, so it is said here, at the axis's first
     * value (which sets the kind of all). A value of the right kind the profile refuses (a
     * max-run-time below the min-run-time) is left to its point, which is then invalid.
     */
    private static void checkProfilePath(Axis a, Node firstValue, Node template, ProfileCatalog profiles)
            throws ConfigException {
        Node.Mapping seq = Values.map(Parameters.substitute(template, Map.of()), "a sequence");
        String profile = Values.text(seq.require("profile", "a sequence"), "profile");
        Node.Scalar written = Parameters.scalarAt(profiles.tree(profile), a.profilePath());
        if (written == null) {
            throw new ConfigException(
                    a.pos(),
                    "profile '" + profile + "' has no value at '" + a.profilePath()
                            + "'; expected the dotted path of one value, e.g. cycles.max-run-time");
        }
        String t = written.text().strip();
        String there = " in profile '" + profile + "' (" + t + " at " + written.pos() + ")";
        if (Durations.isWritten(t)) {
            if (a.unit() != Axis.Unit.DURATION) {
                throw new ConfigException(
                        firstValue.pos(),
                        a.name() + " is a duration" + there + ", and this axis's values are whole numbers; write them"
                                + " with a unit, as the profile does (3s, 500ms)");
            }
        } else if (isNumber(t)) {
            if (a.unit() != Axis.Unit.INTEGER) {
                throw new ConfigException(
                        firstValue.pos(),
                        a.name() + " is a number" + there + ", and this axis's values are durations; write them as"
                                + " numbers, without a unit");
            }
        } else {
            throw new ConfigException(
                    firstValue.pos(),
                    a.name() + " is neither a number nor a duration" + there + "; an axis varies numbers or durations");
        }
    }

    /** Whether a profile's value is a number: whole, hex (0x1A) or a fraction (0.02). */
    private static boolean isNumber(String t) {
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                Long.parseLong(t.substring(2), 16);
            } else {
                Double.parseDouble(t);
            }
            return !t.isEmpty() && Character.isDigit(t.charAt(t.length() - 1)); // not "NaN", "1e5d"
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The value that sets an axis's kind: its first value, or its 'from'. */
    private static Node firstValue(Node.Mapping axis) throws ConfigException {
        return axis.has("values")
                ? Values.list(axis.get("values"), "values").items().get(0)
                : axis.require("from", "an axis without 'values'");
    }

    private static Axis axis(Node.Mapping m) throws ConfigException {
        Node nameNode = m.require("name", "an axis");
        String name = Values.text(nameNode, "name");
        if (m.has("values")) {
            for (String f : List.of("from", "to", "steps", "scale")) {
                if (m.has(f)) {
                    throw new ConfigException(
                            m.keyPos().get(f), "an axis has 'values' or 'from', 'to', 'steps', not both");
                }
            }
            List<Node> items = Values.list(m.get("values"), "values").items();
            if (items.isEmpty()) {
                throw new ConfigException(m.get("values").pos(), "values: an axis needs at least one value");
            }
            Axis.Unit unit = unit(items.get(0));
            List<Long> values = new ArrayList<>();
            for (Node v : items) {
                values.add(number(v, unit, "values"));
            }
            return new Axis(name, nameNode.pos(), unit, values);
        }
        Node fromNode = m.require("from", "an axis without 'values'");
        Axis.Unit unit = unit(fromNode);
        long from = number(fromNode, unit, "from");
        long to = number(m.require("to", "an axis without 'values'"), unit, "to");
        int steps = (int) Values.integer(m.require("steps", "an axis without 'values'"), "steps", 1, MAX_VALUES);
        String scale = m.has("scale") ? Values.text(m.get("scale"), "scale") : "linear";
        List<Long> values;
        if (scale.equals("linear")) {
            values = linear(from, to, steps);
        } else if (scale.equals("log")) {
            if (from <= 0 || to <= 0) {
                throw new ConfigException(
                        m.get("scale").pos(), "scale: log needs 'from' and 'to' above zero, found " + from + ", " + to);
            }
            values = log(from, to, steps);
        } else {
            throw new ConfigException(m.get("scale").pos(), "scale: expected linear or log, found '" + scale + "'");
        }
        return new Axis(name, nameNode.pos(), unit, values);
    }

    /** Durations when the first value is written as one, else integers; every value of an axis is of that kind. */
    private static Axis.Unit unit(Node first) throws ConfigException {
        return Durations.isWritten(Values.text(first, "value")) ? Axis.Unit.DURATION : Axis.Unit.INTEGER;
    }

    private static long number(Node n, Axis.Unit unit, String what) throws ConfigException {
        return unit == Axis.Unit.DURATION
                ? Values.duration(n, what)
                : Values.integer(
                        n, what + " (a whole number, as the axis's first value)", Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** {@code steps} values from {@code from} to {@code to}, evenly apart, rounded to the nearest unit (exact: no double). */
    static List<Long> linear(long from, long to, int steps) {
        List<Long> out = new ArrayList<>(steps);
        if (steps == 1) {
            return List.of(from);
        }
        BigInteger span = BigInteger.valueOf(to).subtract(BigInteger.valueOf(from));
        BigInteger gaps = BigInteger.valueOf(steps - 1);
        for (int i = 0; i < steps; i++) {
            BigInteger[] qr = span.multiply(BigInteger.valueOf(i)).divideAndRemainder(gaps);
            long q = qr[0].longValueExact();
            // round half away from zero
            if (qr[1].abs().shiftLeft(1).compareTo(gaps) >= 0) {
                q += qr[1].signum();
            }
            out.add(from + q);
        }
        return out;
    }

    /**
     * {@code steps} values from {@code from} to {@code to}, evenly apart in ratio, rounded to
     * three significant digits (152ms, not 151.991108ms: a grid a person reads, and round
     * values for the bisection to start from); repeats left out.
     */
    static List<Long> log(long from, long to, int steps) {
        if (steps == 1) {
            return List.of(from);
        }
        LinkedHashSet<Long> out = new LinkedHashSet<>();
        double ratio = Math.log((double) to / from);
        for (int i = 0; i < steps; i++) {
            out.add(i == 0 ? from : i == steps - 1 ? to : threeDigits(from * Math.exp(ratio * i / (steps - 1))));
        }
        return new ArrayList<>(out);
    }

    private static long threeDigits(double v) {
        return new java.math.BigDecimal(v)
                .round(new java.math.MathContext(3, java.math.RoundingMode.HALF_EVEN))
                .longValue();
    }
}
