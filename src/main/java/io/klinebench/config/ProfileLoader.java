package io.klinebench.config;

import io.klinebench.car.Profile;
import io.klinebench.fob.BatterySpec;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a profile file (bench-config/profiles/NAME.yaml) into a {@link Profile}. Every field
 * is required: a profile states all its numbers, so none hides in code.
 */
public final class ProfileLoader {

    private ProfileLoader() {}

    public static Profile read(String file, Reader text, String expectedName) throws ConfigException {
        Node.Mapping root = Read.map(YamlReader.read(file, text), "profile")
                .onlyKeys(
                        Set.of(
                                "name",
                                "summary",
                                "doors",
                                "slots",
                                "cycles",
                                "completion",
                                "rolling-code",
                                "car-battery",
                                "remote-battery",
                                "diagnostics"),
                        "a profile");
        String name = Read.text(root.require("name", "a profile"), "name");
        if (expectedName != null && !name.equals(expectedName)) {
            throw new ConfigException(
                    root.get("name").pos(), "name '" + name + "' does not match the file name '" + expectedName + "'");
        }
        List<String> doors = new ArrayList<>();
        for (Node d : Read.list(root.require("doors", "a profile"), "doors").items()) {
            doors.add(Read.text(d, "door"));
        }
        try {
            return new Profile(
                    name,
                    Read.text(root.require("summary", "a profile"), "summary"),
                    doors,
                    (int) Read.integer(root.require("slots", "a profile"), "slots", 1, 64),
                    cycles(Read.map(root.require("cycles", "a profile"), "cycles")),
                    completion(Read.map(root.require("completion", "a profile"), "completion")),
                    rollingCode(Read.map(root.require("rolling-code", "a profile"), "rolling-code")),
                    new Profile.CarBatteryRule(Read.bool(
                            Read.map(root.require("car-battery", "a profile"), "car-battery")
                                    .onlyKeys(Set.of("desyncs-remotes"), "car-battery")
                                    .require("desyncs-remotes", "car-battery"),
                            "car-battery.desyncs-remotes")),
                    battery(Read.map(root.require("remote-battery", "a profile"), "remote-battery")));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(root.pos(), "inconsistent profile: " + e.getMessage());
        }
    }

    private static Profile.CycleRule cycles(Node.Mapping m) throws ConfigException {
        m.onlyKeys(
                Set.of(
                        "count",
                        "run-position",
                        "min-run-time",
                        "max-run-time",
                        "max-off-time",
                        "require-doors-closed",
                        "require-unlocked"),
                "cycles");
        String w = "cycles";
        return new Profile.CycleRule(
                (int) Read.integer(m.require("count", w), "cycles.count", 1, 20),
                (int) Read.integer(m.require("run-position", w), "cycles.run-position", 1, 3),
                Read.nonNegativeDuration(m.require("min-run-time", w), "cycles.min-run-time"),
                Read.nonNegativeDuration(m.require("max-run-time", w), "cycles.max-run-time"),
                Read.nonNegativeDuration(m.require("max-off-time", w), "cycles.max-off-time"),
                Read.bool(m.require("require-doors-closed", w), "cycles.require-doors-closed"),
                Read.bool(m.require("require-unlocked", w), "cycles.require-unlocked"));
    }

    private static Profile.Completion completion(Node.Mapping m) throws ConfigException {
        String w = "completion";
        Profile.Completion.Kind kind =
                Read.choice(m.require("kind", w), "completion.kind", Profile.Completion.Kind.class);
        Set<String> common =
                Set.of("kind", "further-remote-within", "accepts-new-remotes", "drops-remotes-not-learned", "chime");
        Set<String> gesture = Set.of(
                "key-out-deadline",
                "first-remote-within",
                "hold-unlock",
                "lock-presses",
                "release-tolerance",
                "confirm-step");
        Set<String> allowed = new LinkedHashSet<>(common);
        if (kind == Profile.Completion.Kind.REMOTE_GESTURE) {
            allowed.addAll(gesture);
        }
        m.onlyKeys(allowed, "completion of kind " + Read.kebab(kind));
        boolean g = kind == Profile.Completion.Kind.REMOTE_GESTURE;
        return new Profile.Completion(
                kind,
                g ? Read.nonNegativeDuration(m.require("key-out-deadline", w), "completion.key-out-deadline") : 0,
                g ? Read.nonNegativeDuration(m.require("first-remote-within", w), "completion.first-remote-within") : 0,
                Read.nonNegativeDuration(m.require("further-remote-within", w), "completion.further-remote-within"),
                g && Read.bool(m.require("hold-unlock", w), "completion.hold-unlock"),
                g ? (int) Read.integer(m.require("lock-presses", w), "completion.lock-presses", 1, 10) : 0,
                g ? Read.nonNegativeDuration(m.require("release-tolerance", w), "completion.release-tolerance") : 0,
                Read.bool(m.require("accepts-new-remotes", w), "completion.accepts-new-remotes"),
                Read.bool(m.require("drops-remotes-not-learned", w), "completion.drops-remotes-not-learned"),
                Read.bool(m.require("chime", w), "completion.chime"),
                g ? Read.nonNegativeDuration(m.require("confirm-step", w), "completion.confirm-step") : 0);
    }

    private static Profile.RollingCodeRule rollingCode(Node.Mapping m) throws ConfigException {
        m.onlyKeys(Set.of("accept-window", "resync-window"), "rolling-code");
        return new Profile.RollingCodeRule(
                (int) Read.integer(m.require("accept-window", "rolling-code"), "rolling-code.accept-window", 1, 0x8000),
                (int) Read.integer(
                        m.require("resync-window", "rolling-code"), "rolling-code.resync-window", 2, 0x8000));
    }

    private static BatterySpec battery(Node.Mapping m) throws ConfigException {
        String w = "remote-battery";
        BatterySpec.Type type = Read.choice(m.require("type", w), "remote-battery.type", BatterySpec.Type.class);
        Set<String> allowed = new LinkedHashSet<>(Set.of("type", "drain-per-day", "per-press", "min-operating-level"));
        allowed.addAll(
                type == BatterySpec.Type.RECHARGEABLE
                        ? Set.of("full-charge-time", "charge-positions")
                        : Set.of("max-out-time"));
        m.onlyKeys(allowed, "remote-battery of type " + Read.kebab(type));
        boolean rechargeable = type == BatterySpec.Type.RECHARGEABLE;
        Set<Integer> positions = new LinkedHashSet<>();
        if (rechargeable) {
            for (Node p : Read.list(m.require("charge-positions", w), "remote-battery.charge-positions")
                    .items()) {
                positions.add((int) Read.integer(p, "remote-battery.charge-positions", 0, 3));
            }
        }
        return new BatterySpec(
                type,
                rechargeable
                        ? Read.nonNegativeDuration(m.require("full-charge-time", w), "remote-battery.full-charge-time")
                        : 0,
                positions,
                Read.fraction(m.require("drain-per-day", w), "remote-battery.drain-per-day"),
                Read.fraction(m.require("per-press", w), "remote-battery.per-press"),
                Read.fraction(m.require("min-operating-level", w), "remote-battery.min-operating-level"),
                rechargeable
                        ? 0
                        : Read.nonNegativeDuration(m.require("max-out-time", w), "remote-battery.max-out-time"));
    }
}
