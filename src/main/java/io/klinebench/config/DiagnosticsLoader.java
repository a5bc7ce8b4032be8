package io.klinebench.config;

import io.klinebench.dcan.DCanTiming;
import io.klinebench.kline.Ds2Timing;
import io.klinebench.kline.KeyBytes;
import io.klinebench.kline.KwpTiming;
import io.klinebench.protocol.DCan;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.protocol.DiagnosticProtocol;
import io.klinebench.protocol.Ds2;
import io.klinebench.protocol.Kwp2000;
import io.klinebench.services.Identification;
import io.klinebench.services.SecurityRule;
import io.klinebench.time.Durations;
import io.klinebench.time.TimingRange;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a profile file's {@code diagnostics} section into a {@link DiagnosticProfile}.
 * KWP2000 timing fields are optional: each one left out keeps the standard's value.
 */
public final class DiagnosticsLoader {

    /** The fields every protocol's section has. */
    private static final Set<String> COMMON =
            Set.of("protocol", "address", "baud", "framing", "vin", "security", "identification", "lines");

    /** What one protocol adds to the section, and how to read it. */
    private record ProtocolSection(Set<String> fields, SectionReader reader) {}

    @FunctionalInterface
    private interface SectionReader {
        DiagnosticProtocol read(Node.Mapping section) throws ConfigException;
    }

    /** One entry per protocol, by the name a profile gives it; a new protocol adds its section here. */
    private static final Map<String, ProtocolSection> PROTOCOLS = new LinkedHashMap<>();

    static {
        PROTOCOLS.put(Ds2.ID, new ProtocolSection(Set.of("ds2-timing"), DiagnosticsLoader::ds2));
        PROTOCOLS.put(
                Kwp2000.ID,
                new ProtocolSection(Set.of("tester-address", "key-bytes", "kwp-timing"), DiagnosticsLoader::kwp2000));
        PROTOCOLS.put(DCan.ID, new ProtocolSection(Set.of("tester-address", "ecu-p2"), DiagnosticsLoader::dcan));
    }

    private DiagnosticsLoader() {}

    public static DiagnosticProfile read(String file, Reader text) throws ConfigException {
        return read(YamlReader.read(file, text));
    }

    /** The diagnostics section of a profile's YAML tree. */
    public static DiagnosticProfile read(Node tree) throws ConfigException {
        Node.Mapping root = Values.map(tree, "profile");
        Node.Mapping m = Values.map(root.require("diagnostics", "a profile"), "diagnostics");
        String w = "diagnostics";
        Node protocolNode = m.require("protocol", w);
        String protocolName = Values.text(protocolNode, "diagnostics.protocol").toLowerCase(Locale.ROOT);
        ProtocolSection section = PROTOCOLS.get(protocolName);
        if (section == null) {
            throw new ConfigException(
                    protocolNode.pos(),
                    "diagnostics.protocol: '" + Values.text(protocolNode, "diagnostics.protocol") + "' is not one of: "
                            + String.join(", ", PROTOCOLS.keySet()));
        }
        Set<String> allowed = new LinkedHashSet<>(COMMON);
        allowed.addAll(section.fields());
        m.onlyKeys(allowed, "diagnostics (" + protocolName + ")");
        int address = (int) Values.integer(m.require("address", w), "diagnostics.address", 0, 255);
        int baud = (int) Values.integer(m.require("baud", w), "diagnostics.baud", 1, 1_000_000);
        String framing = Values.text(m.require("framing", w), "diagnostics.framing");
        if (!List.of("8N1", "8E1", "8O1").contains(framing)) {
            throw new ConfigException(
                    m.get("framing").pos(), "diagnostics.framing: expected 8N1, 8E1 or 8O1, found '" + framing + "'");
        }
        DiagnosticProtocol protocol = section.reader().read(m);
        Node.Mapping s = Values.map(m.require("security", w), "diagnostics.security")
                .onlyKeys(Set.of("max-attempts", "lockout", "power-on-delay"), "diagnostics.security");
        SecurityRule security = new SecurityRule(
                (int) Values.integer(s.require("max-attempts", "security"), "security.max-attempts", 1, 255),
                Values.nonNegativeDuration(s.require("lockout", "security"), "security.lockout"),
                Values.nonNegativeDuration(s.require("power-on-delay", "security"), "security.power-on-delay"));
        Map<String, String> ident = new LinkedHashMap<>();
        if (m.has("identification")) {
            Node.Mapping im = Values.map(m.get("identification"), "diagnostics.identification")
                    .onlyKeys(Identification.DEFAULTS.keySet(), "diagnostics.identification");
            for (Map.Entry<String, Node> e : im.entries().entrySet()) {
                ident.put(e.getKey(), Values.text(e.getValue(), "identification." + e.getKey()));
                try {
                    Identification.encode(ident);
                } catch (IllegalArgumentException bad) {
                    throw new ConfigException(e.getValue().pos(), bad.getMessage());
                }
            }
        }
        String vin = Values.text(m.require("vin", w), "diagnostics.vin");
        if (!vin.matches("[A-HJ-NPR-Z0-9]{17}")) {
            throw new ConfigException(
                    m.get("vin").pos(),
                    "diagnostics.vin: a VIN is 17 letters and digits (no I, O, Q), found '" + vin + "'");
        }
        try {
            return new DiagnosticProfile(
                    protocol, address, baud, framing, security, vin, ident, LinesLoader.read(tree));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(m.pos(), "inconsistent diagnostics: " + e.getMessage());
        }
    }

    /** DS2: the module's timing values, all required (DS2 has no standard set). */
    private static DiagnosticProtocol ds2(Node.Mapping m) throws ConfigException {
        return new Ds2(ds2Timing(Values.map(m.require("ds2-timing", "diagnostics"), "ds2-timing")));
    }

    /** KWP2000: the key bytes, the tester's address (default F1) and timing (default: the standard's). */
    private static DiagnosticProtocol kwp2000(Node.Mapping m) throws ConfigException {
        int tester = m.has("tester-address")
                ? (int) Values.integer(m.get("tester-address"), "diagnostics.tester-address", 0, 255)
                : 0xF1;
        List<Node> kb = Values.list(m.require("key-bytes", "diagnostics"), "diagnostics.key-bytes")
                .items();
        if (kb.size() != 2) {
            throw new ConfigException(m.get("key-bytes").pos(), "diagnostics.key-bytes: expected two bytes [KB1, KB2]");
        }
        KeyBytes keyBytes = new KeyBytes(
                (int) Values.integer(kb.get(0), "KB1", 0, 255), (int) Values.integer(kb.get(1), "KB2", 0, 255));
        KwpTiming timing = kwpTiming(m.has("kwp-timing") ? Values.map(m.get("kwp-timing"), "kwp-timing") : null);
        try {
            return new Kwp2000(timing, tester, keyBytes);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(m.pos(), "inconsistent diagnostics: " + e.getMessage());
        }
    }

    /** The module's DS2 timing values ({@code ds2-timing}), for whoever builds the lines around it. */
    static Ds2Timing ds2TimingOf(Node.Mapping diagnostics) throws ConfigException {
        return ds2Timing(Values.map(diagnostics.require("ds2-timing", "diagnostics"), "ds2-timing"));
    }

    /**
     * D-CAN: the tester's address (default F1) and the module's answer delay (default 10 ms);
     * every other value is the cable's firmware's or the standards' ({@link DCanTiming#standard}).
     */
    private static DiagnosticProtocol dcan(Node.Mapping m) throws ConfigException {
        int tester = m.has("tester-address")
                ? (int) Values.integer(m.get("tester-address"), "diagnostics.tester-address", 0, 255)
                : 0xF1;
        DCanTiming t = DCanTiming.standard();
        if (m.has("ecu-p2")) {
            long p2 = Values.nonNegativeDuration(m.get("ecu-p2"), "diagnostics.ecu-p2");
            if (p2 > t.p2Max()) {
                throw new ConfigException(
                        m.get("ecu-p2").pos(),
                        "diagnostics.ecu-p2: the module must answer within P2max (50ms, ISO 15765-3), not "
                                + Durations.human(p2));
            }
            t = new DCanTiming(
                    t.serialByte(), t.serialInterByteMax(), p2, t.p2Max(), t.p2StarMax(), t.isoTp(), t.bits());
        }
        return new DCan(t, tester);
    }

    private static Ds2Timing ds2Timing(Node.Mapping t) throws ConfigException {
        t.onlyKeys(
                Set.of(
                        "response-delay",
                        "inter-byte",
                        "response-timeout",
                        "tester-inter-byte-max",
                        "min-request-gap",
                        "lock-after-idle"),
                "ds2-timing");
        String w = "ds2-timing";
        Node delay = t.require("response-delay", w);
        Node timeout = t.require("response-timeout", w);
        long delayNanos = Values.nonNegativeDuration(delay, "ds2-timing.response-delay");
        long timeoutNanos = Values.nonNegativeDuration(timeout, "ds2-timing.response-timeout");
        if (timeoutNanos <= delayNanos) {
            throw Values.notAbove(timeout, "ds2-timing.response-timeout", delay, "ds2-timing.response-delay");
        }
        try {
            return new Ds2Timing(
                    delayNanos,
                    Values.nonNegativeDuration(t.require("inter-byte", w), "ds2-timing.inter-byte"),
                    timeoutNanos,
                    Values.positiveDuration(t.require("tester-inter-byte-max", w), "ds2-timing.tester-inter-byte-max"),
                    Values.nonNegativeDuration(t.require("min-request-gap", w), "ds2-timing.min-request-gap"),
                    Values.nonNegativeDuration(t.require("lock-after-idle", w), "ds2-timing.lock-after-idle"));
        } catch (IllegalArgumentException e) { // a backstop: the rules are checked above at their values
            throw new ConfigException(t.pos(), "ds2-timing: " + e.getMessage());
        }
    }

    private static KwpTiming kwpTiming(Node.Mapping t) throws ConfigException {
        KwpTiming d = KwpTiming.standard();
        if (t == null) {
            return d;
        }
        t.onlyKeys(
                Set.of(
                        "p1",
                        "p2",
                        "p2-star-max",
                        "p3",
                        "p4",
                        "w1",
                        "w2",
                        "w3",
                        "w4",
                        "w5-min",
                        "tinil",
                        "tinil-tolerance",
                        "twup",
                        "twup-tolerance",
                        "idle-after-power-on",
                        "idle-after-stop",
                        "ecu-p1",
                        "ecu-p2"),
                "kwp-timing");
        TimingRange p1 = range(t, "p1", d.p1());
        TimingRange p2 = range(t, "p2", d.p2());
        long p2StarMax = one(t, "p2-star-max", d.p2StarMax());
        long ecuP1 = one(t, "ecu-p1", d.ecuP1());
        long ecuP2 = one(t, "ecu-p2", d.ecuP2());
        within(t, "ecu-p1", ecuP1, "p1", p1);
        within(t, "ecu-p2", ecuP2, "p2", p2);
        if (p2StarMax < p2.max()) {
            throw new ConfigException(
                    given(t, "p2-star-max", "p2"),
                    "kwp-timing.p2-star-max: " + Durations.format(p2StarMax) + " must not be below the max of p2 ("
                            + Durations.format(p2.max()) + ")");
        }
        try {
            return d.builder()
                    .p1(p1)
                    .p2(p2)
                    .p2StarMax(p2StarMax)
                    .p3(range(t, "p3", d.p3()))
                    .p4(range(t, "p4", d.p4()))
                    .w1(range(t, "w1", d.w1()))
                    .w2(range(t, "w2", d.w2()))
                    .w3(range(t, "w3", d.w3()))
                    .w4(range(t, "w4", d.w4()))
                    .w5Min(one(t, "w5-min", d.w5Min()))
                    .tiniL(around(t, "tinil", d.tiniL()))
                    .tWup(around(t, "twup", d.tWup()))
                    .idleAfterPowerOn(one(t, "idle-after-power-on", d.idleAfterPowerOn()))
                    .idleAfterStop(one(t, "idle-after-stop", d.idleAfterStop()))
                    .ecuP1(ecuP1)
                    .ecuP2(ecuP2)
                    .build();
        } catch (IllegalArgumentException e) { // a backstop: the rules are checked above at their values
            throw new ConfigException(t.pos(), "kwp-timing: " + e.getMessage());
        }
    }

    /** The ECU's own {@code key} must lie within the limits {@code limits}, or an error at whichever was written. */
    private static void within(Node.Mapping t, String key, long value, String limitsKey, TimingRange limits)
            throws ConfigException {
        if (!limits.contains(value)) {
            throw new ConfigException(
                    given(t, key, limitsKey),
                    "kwp-timing." + key + ": " + Durations.format(value) + " must lie within " + limitsKey + " ("
                            + Durations.format(limits.min()) + ".." + Durations.format(limits.max()) + ")");
        }
    }

    /**
     * Where to report a rule between two fields that both have defaults: at the first of
     * {@code keys} the file writes (the value that broke the rule), else at the map.
     */
    private static Pos given(Node.Mapping t, String... keys) {
        for (String k : keys) {
            if (t.has(k)) {
                return t.get(k).pos();
            }
        }
        return t.pos();
    }

    /** {@code KEY: nominal} and {@code KEY-tolerance: +-}, each defaulting to {@code dflt}'s. */
    private static TimingRange around(Node.Mapping t, String key, TimingRange dflt) throws ConfigException {
        long nominal = one(t, key, dflt.nominal());
        long tolerance = one(t, key + "-tolerance", dflt.tolerance());
        try {
            return TimingRange.around(nominal, tolerance);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(given(t, key + "-tolerance", key), "kwp-timing." + key + ": " + e.getMessage());
        }
    }

    private static long one(Node.Mapping t, String key, long dflt) throws ConfigException {
        return t.has(key) ? Values.nonNegativeDuration(t.get(key), "kwp-timing." + key) : dflt;
    }

    /** {@code KEY: [min, max]}, or {@code dflt}. */
    private static TimingRange range(Node.Mapping t, String key, TimingRange dflt) throws ConfigException {
        if (!t.has(key)) {
            return dflt;
        }
        List<Node> r = Values.list(t.get(key), "kwp-timing." + key).items();
        if (r.size() != 2) {
            throw new ConfigException(t.get(key).pos(), "kwp-timing." + key + ": expected [min, max]");
        }
        try {
            return TimingRange.of(
                    Values.nonNegativeDuration(r.get(0), "kwp-timing." + key + " min"),
                    Values.nonNegativeDuration(r.get(1), "kwp-timing." + key + " max"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(t.get(key).pos(), "kwp-timing." + key + ": " + e.getMessage());
        }
    }
}
