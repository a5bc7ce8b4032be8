package io.klinebench.config;

import io.klinebench.kline.Ds2Timing;
import io.klinebench.kline.ModuleSearch;
import io.klinebench.protocol.CarLines;
import io.klinebench.services.Identification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a profile's {@code diagnostics.lines} (the R50/R53's two K-lines) into {@link
 * CarLines}; a profile without it has one line with its module alone. Every module's timing
 * is the body controller's {@code ds2-timing} with its own {@code response-delay}.
 *
 * <pre>
 *   lines:
 *     pin-8: [{name: KOMBI, address: 0x80, protocol: ds2, role: ident, response-delay: 12ms}]
 *     pin-7: [{name: EMS2000, address: 0x13, protocol: kwp2000-star, role: engine, response-delay: 20ms}]
 *     search: [{name: BC1, address: 0x00, protocol: ds2}, ...]
 * </pre>
 */
public final class LinesLoader {

    private static final Set<String> MODULE_KEYS =
            Set.of("name", "address", "protocol", "role", "response-delay", "identification");

    private LinesLoader() {}

    public static CarLines read(Node tree) throws ConfigException {
        Node.Mapping root = Values.map(tree, "profile");
        Node.Mapping d = Values.map(root.require("diagnostics", "a profile"), "diagnostics");
        if (!d.has("lines")) {
            return CarLines.none();
        }
        Node.Mapping lines = Values.map(d.get("lines"), "diagnostics.lines")
                .onlyKeys(Set.of("pin-8", "pin-7", "search"), "diagnostics.lines");
        if (!d.has("ds2-timing")) {
            throw new ConfigException(
                    lines.pos(), "diagnostics.lines: the lines take their timing from ds2-timing, which is missing");
        }
        Ds2Timing base = DiagnosticsLoader.ds2TimingOf(d);
        int bodyController = (int) Values.integer(d.require("address", "diagnostics"), "diagnostics.address", 0, 255);
        Map<Integer, String> pin8Taken = new HashMap<>(Map.of(bodyController, "the body controller"));
        List<CarLines.LineModule> pin8 = modules(lines, "pin-8", base, pin8Taken);
        List<CarLines.LineModule> pin7 = modules(lines, "pin-7", base, new HashMap<>());
        List<ModuleSearch.Probe> search = new ArrayList<>();
        if (lines.has("search")) {
            for (Node n :
                    Values.list(lines.get("search"), "diagnostics.lines.search").items()) {
                Node.Mapping m = Values.map(n, "a search entry")
                        .onlyKeys(Set.of("name", "address", "protocol"), "a search entry");
                search.add(new ModuleSearch.Probe(
                        Values.text(m.require("name", "a search entry"), "name"),
                        address(m),
                        kind(m.require("protocol", "a search entry"))));
            }
        }
        return new CarLines(pin8, pin7, search, base);
    }

    private static List<CarLines.LineModule> modules(
            Node.Mapping lines, String pin, Ds2Timing base, Map<Integer, String> taken) throws ConfigException {
        List<CarLines.LineModule> out = new ArrayList<>();
        if (!lines.has(pin)) {
            return out;
        }
        String what = "diagnostics.lines." + pin;
        for (Node n : Values.list(lines.get(pin), what).items()) {
            Node.Mapping m = Values.map(n, "a module on " + pin).onlyKeys(MODULE_KEYS, "a module on " + pin);
            String name = Values.text(m.require("name", "a module"), "name");
            int address = address(m);
            String other = taken.putIfAbsent(address, name);
            if (other != null) {
                throw new ConfigException(
                        m.get("address").pos(),
                        String.format(
                                "%s: address %02X is %s's already; one line, one module per address",
                                name, address, other));
            }
            ModuleSearch.Kind kind = kind(m.require("protocol", "a module"));
            CarLines.Role role = Values.choice(m.require("role", "a module"), "role", CarLines.Role.class);
            long delay = Values.nonNegativeDuration(m.require("response-delay", "a module"), "response-delay");
            if (delay >= base.responseTimeout()) {
                throw new ConfigException(
                        m.get("response-delay").pos(),
                        "response-delay: must be below ds2-timing.response-timeout, which a tester waits");
            }
            Map<String, String> ident = new LinkedHashMap<>();
            if (m.has("identification")) {
                Node.Mapping im = Values.map(m.get("identification"), "identification")
                        .onlyKeys(Identification.DEFAULTS.keySet(), "identification");
                for (Map.Entry<String, Node> e : im.entries().entrySet()) {
                    ident.put(e.getKey(), Values.text(e.getValue(), "identification." + e.getKey()));
                    try {
                        Identification.encode(ident);
                    } catch (IllegalArgumentException bad) {
                        throw new ConfigException(e.getValue().pos(), bad.getMessage());
                    }
                }
            }
            Ds2Timing timing = new Ds2Timing(
                    delay,
                    base.ecuInterByte(),
                    base.responseTimeout(),
                    base.testerInterByteMax(),
                    base.minRequestGap(),
                    base.lockAfterIdle());
            out.add(new CarLines.LineModule(name, address, kind, role, timing, ident));
        }
        return out;
    }

    private static int address(Node.Mapping m) throws ConfigException {
        return (int) Values.integer(m.require("address", "a module"), "address", 0, 255);
    }

    private static ModuleSearch.Kind kind(Node n) throws ConfigException {
        String id = Values.text(n, "protocol");
        ModuleSearch.Kind k = ModuleSearch.Kind.of(id);
        if (k == null) {
            throw new ConfigException(n.pos(), "protocol: '" + id + "' is not one of: ds2, kwp2000-star");
        }
        return k;
    }
}
