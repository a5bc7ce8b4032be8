package io.klinebench.sim;

import io.klinebench.bench.Action;
import io.klinebench.bench.ActionParser;
import io.klinebench.bench.CarSetup;
import io.klinebench.bench.CarSetupReader;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.Profile;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ConfigText;
import io.klinebench.config.Node;
import io.klinebench.config.Pos;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.config.Values;
import io.klinebench.config.YamlReader;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.serial.ModemLines;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a bench setup file (bench-config/setups/NAME.yaml) and checks it against its profile:
 * keys as in a sequence's {@code car.keys}, every modem-line action parsed and checked against
 * those keys and the profile's doors. The format is described in bench-config/README.md.
 */
public final class SetupLoader {

    /** The profile a setup runs when it names none and the caller gives none. */
    public static final String DEFAULT_PROFILE = "r50-r53-2005-2008";

    private static final Set<String> TOP = Set.of(
            "description", "profile", "port", "baud", "echo", "keys", "locked", "modem-lines", "faults", "cable");
    private static final Set<String> LINES = Set.of("inputs", "outputs", "debounce", "period");
    private static final Set<String> INPUT = Set.of("on", "off");
    private static final Set<String> OUTPUT = Set.of("output", "pulse");
    private static final String KEYS_PLACE = "the setup's 'keys'";

    private SetupLoader() {}

    /** Reads {@code file}; a file without {@code profile} gets {@link #DEFAULT_PROFILE}. */
    public static BenchSetup load(Path file, ProfileCatalog catalog) throws ConfigException {
        return load(file, catalog, DEFAULT_PROFILE);
    }

    /** Reads {@code file}; a file without {@code profile} gets {@code fallbackProfile}. */
    public static BenchSetup load(Path file, ProfileCatalog catalog, String fallbackProfile) throws ConfigException {
        String text = ConfigText.read(file);
        return read(file.toString(), new StringReader(text), catalog, fallbackProfile);
    }

    public static BenchSetup read(String file, Reader text, ProfileCatalog catalog, String fallbackProfile)
            throws ConfigException {
        Node.Mapping root =
                Values.map(YamlReader.read(file, text), "a bench setup").onlyKeys(TOP, "a bench setup");
        boolean given = root.has("profile");
        String name = given ? Values.text(root.get("profile"), "profile") : fallbackProfile;
        Profile profile;
        DiagnosticProfile diagnostics;
        try {
            profile = catalog.load(name);
            diagnostics = catalog.loadDiagnostics(profile.name());
        } catch (ConfigException e) {
            if (given) {
                throw new ConfigException(root.get("profile").pos(), e.getMessage());
            }
            throw e;
        }
        Optional<String> port =
                root.has("port") ? Optional.of(Values.text(root.get("port"), "port")) : Optional.empty();
        OptionalInt baud = root.has("baud")
                ? OptionalInt.of((int) Values.integer(root.get("baud"), "baud", 1, 4_000_000))
                : OptionalInt.empty();
        boolean echo = !root.has("echo") || Values.bool(root.get("echo"), "echo");
        boolean locked = !root.has("locked") || Values.bool(root.get("locked"), "locked");
        List<KeySpec> keys =
                root.has("keys") ? CarSetupReader.keys(Values.map(root.get("keys"), "keys"), profile) : List.of();
        CarSetup car = new CarSetup(locked, true, keys);
        ModemMapping lines = root.has("modem-lines")
                ? modemLines(
                        Values.map(root.get("modem-lines"), "modem-lines").onlyKeys(LINES, "modem-lines"),
                        car,
                        profile,
                        diagnostics)
                : ModemMapping.NONE;
        List<Action.InjectFault> faults = new ArrayList<>();
        if (root.has("faults")) {
            for (Node n : Values.list(root.get("faults"), "faults").items()) {
                faults.add(fault(n));
            }
        }
        Optional<Action.Cable> cable =
                root.has("cable") ? Optional.of(cable(root.get("cable"), profile, diagnostics)) : Optional.empty();
        return new BenchSetup(file, profile, diagnostics, given, port, baud, echo, car, lines, faults, cable);
    }

    /**
     * {@code cable: 7+8} or {@code cable: 7}: the K+DCAN cable's switch, for a car with two lines;
     * a car of one line has no pins to bridge and is refused, saying so.
     */
    static Action.Cable cable(Node n, Profile profile, DiagnosticProfile diagnostics) throws ConfigException {
        String pins = Values.text(n, "cable");
        Action.Cable cable;
        try {
            cable = cableSetting(pins, profile, diagnostics);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(n.pos(), "cable: " + e.getMessage());
        }
        return cable;
    }

    /**
     * The cable's switch from its words ("7+8" or "7"), for {@code profile}; throws, saying why,
     * for other words or a car of one line. Shared by the setup file and {@code sim --cable}.
     */
    public static Action.Cable cableSetting(String pins, Profile profile, DiagnosticProfile diagnostics) {
        if (!pins.equals("7+8") && !pins.equals("7")) {
            throw new IllegalArgumentException(
                    "expected 7+8 (pins 7 and 8 bridged) or 7 (pin 7 alone), not '" + pins + "'");
        }
        if (diagnostics.lines().isEmpty()) {
            throw new IllegalArgumentException("profile " + profile.name() + " has one K-line (no diagnostics.lines):"
                    + " there are no pins 7 and 8 for a K+DCAN cable's switch to bridge");
        }
        return new Action.Cable(pins.equals("7+8"));
    }

    /** One of {@code faults}: a fault step's words without the leading "fault" ("late 20ms at 21 01"). */
    private static Action.InjectFault fault(Node n) throws ConfigException {
        String words = Values.text(n, "a fault");
        try {
            return (Action.InjectFault) ActionParser.parse("fault " + words);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(n.pos(), "faults: " + e.getMessage());
        }
    }

    private static ModemMapping modemLines(Node.Mapping m, CarSetup car, Profile profile, DiagnosticProfile diagnostics)
            throws ConfigException {
        long debounce = m.has("debounce") ? Values.nonNegativeDuration(m.get("debounce"), "modem-lines.debounce") : 0;
        long period = ModemMapping.DEFAULT_PERIOD_NANOS;
        if (m.has("period")) {
            period = Values.nonNegativeDuration(m.get("period"), "modem-lines.period");
            if (period == 0) {
                throw new ConfigException(m.get("period").pos(), "modem-lines.period: must be more than 0s");
            }
        }
        Map<ModemLines.Input, ModemMapping.InputBinding> inputs = new EnumMap<>(ModemLines.Input.class);
        if (m.has("inputs")) {
            Node.Mapping im = Values.map(m.get("inputs"), "modem-lines.inputs");
            for (Map.Entry<String, Node> e : im.entries().entrySet()) {
                ModemLines.Input line =
                        line(ModemLines.Input.class, e.getKey(), im.keyPos().get(e.getKey()), "input");
                String w = "modem-lines.inputs." + line;
                Node.Mapping b = Values.map(e.getValue(), w).onlyKeys(INPUT, w);
                if (!b.has("on") && !b.has("off")) {
                    throw new ConfigException(b.pos(), w + ": expected 'on: ACTION', 'off: ACTION' or both");
                }
                Action on = b.has("on") ? action(b.get("on"), w + ".on", car, profile, diagnostics) : null;
                Action off = b.has("off") ? action(b.get("off"), w + ".off", car, profile, diagnostics) : null;
                inputs.put(line, new ModemMapping.InputBinding(on, off));
            }
        }
        Map<ModemLines.Output, ModemMapping.OutputBinding> outputs = new EnumMap<>(ModemLines.Output.class);
        if (m.has("outputs")) {
            Node.Mapping om = Values.map(m.get("outputs"), "modem-lines.outputs");
            for (Map.Entry<String, Node> e : om.entries().entrySet()) {
                ModemLines.Output line =
                        line(ModemLines.Output.class, e.getKey(), om.keyPos().get(e.getKey()), "output");
                outputs.put(line, output(e.getValue(), "modem-lines.outputs." + line, profile));
            }
        }
        return new ModemMapping(inputs, debounce, period, outputs);
    }

    private static Action action(Node n, String what, CarSetup car, Profile profile, DiagnosticProfile diagnostics)
            throws ConfigException {
        String text = Values.text(n, what);
        Action a;
        try {
            a = ActionParser.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(n.pos(), what + ": " + e.getMessage());
        }
        if (a instanceof Action.Wait) {
            throw new ConfigException(
                    n.pos(), what + ": 'wait' does nothing on a line edge; leave the edge out instead");
        }
        CarSetupReader.checkAction(a, n.pos(), car, profile, diagnostics, KEYS_PLACE);
        return a;
    }

    /** {@code lock DOOR}, {@code chime}, {@code ignition-on}, {@code locked}, or a map {output: chime, pulse: 300ms}. */
    private static ModemMapping.OutputBinding output(Node n, String what, Profile profile) throws ConfigException {
        Node words = n;
        Node pulse = null;
        if (n instanceof Node.Mapping m) {
            m.onlyKeys(OUTPUT, what);
            words = m.require("output", what);
            pulse = m.get("pulse");
        }
        String form = "lock DOOR, chime, ignition-on or locked";
        String[] w = Values.text(words, what).split("\\s+");
        String kind = w[0].toLowerCase(Locale.ROOT);
        if (pulse != null && !kind.equals("chime")) {
            throw new ConfigException(pulse.pos(), what + ": 'pulse' goes only with 'chime'");
        }
        if (!kind.equals("lock") && w.length > 1) {
            throw new ConfigException(words.pos(), what + ": '" + kind + "' takes nothing after it; expected " + form);
        }
        return switch (kind) {
            case "lock" -> {
                if (w.length != 2) {
                    throw new ConfigException(
                            words.pos(),
                            what + ": expected 'lock DOOR' with one of: " + String.join(", ", profile.doors()));
                }
                if (!profile.doors().contains(w[1])) {
                    throw new ConfigException(
                            words.pos(),
                            what + ": unknown door '" + w[1] + "'; profile " + profile.name() + " has "
                                    + String.join(", ", profile.doors()));
                }
                yield new ModemMapping.DoorLocked(w[1]);
            }
            case "chime" -> {
                long p = ModemMapping.DEFAULT_PULSE_NANOS;
                if (pulse != null) {
                    p = Values.nonNegativeDuration(pulse, what + ".pulse");
                    if (p == 0) {
                        throw new ConfigException(pulse.pos(), what + ".pulse: must be more than 0s");
                    }
                }
                yield new ModemMapping.ChimePulse(p);
            }
            case "ignition-on" -> new ModemMapping.IgnitionOn();
            case "locked" -> new ModemMapping.AllLocked();
            default ->
                throw new ConfigException(words.pos(), what + ": unknown output '" + w[0] + "'; expected " + form);
        };
    }

    private static <E extends Enum<E>> E line(Class<E> type, String name, Pos pos, String what) throws ConfigException {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(name)) {
                return e;
            }
        }
        throw new ConfigException(
                pos,
                "unknown " + what + " line '" + name + "'; expected one of: "
                        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
