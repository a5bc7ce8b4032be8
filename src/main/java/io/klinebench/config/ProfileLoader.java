package io.klinebench.config;

import io.klinebench.car.Profile;
import io.klinebench.fob.BatterySpec;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a profile file (bench-config/profiles/NAME.yaml) into a {@link Profile}. Every field
 * is required: a profile states all its numbers, so none hides in code.
 */
public final class ProfileLoader {

    private ProfileLoader() {}

    public static Profile read(String file, Reader text, String expectedName) throws ConfigException {
        return read(YamlReader.read(file, text), expectedName);
    }

    /** A profile from its YAML tree (a sweep's, with a value overridden). */
    public static Profile read(Node tree, String expectedName) throws ConfigException {
        Node.Mapping root = Values.map(tree, "profile")
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
        String name = Values.text(root.require("name", "a profile"), "name");
        if (expectedName != null && !name.equals(expectedName)) {
            throw new ConfigException(
                    root.get("name").pos(), "name '" + name + "' does not match the file name '" + expectedName + "'");
        }
        List<String> doors = new ArrayList<>();
        Map<String, Pos> doorAt = new HashMap<>();
        Node.Seq doorList = Values.list(root.require("doors", "a profile"), "doors");
        for (Node d : doorList.items()) {
            String door = Values.text(d, "door");
            // A step names a door in one word ("door NAME open"): one of two words could never be named.
            if (!door.matches("\\S+")) {
                throw new ConfigException(
                        d.pos(),
                        "door '" + door + "': a door's name is one word, as a step names it ('door NAME open')");
            }
            Pos first = doorAt.putIfAbsent(door, d.pos());
            if (first != null) {
                throw new ConfigException(
                        d.pos(),
                        "door '" + door + "' is given twice (also at " + first.line() + ":" + first.column()
                                + "); each door of the car once");
            }
            doors.add(door);
        }
        if (doors.isEmpty()) {
            throw new ConfigException(doorList.pos(), "doors: a car needs at least one door");
        }
        try {
            return new Profile(
                    name,
                    Values.text(root.require("summary", "a profile"), "summary"),
                    doors,
                    (int) Values.integer(root.require("slots", "a profile"), "slots", 1, 64),
                    cycles(Values.map(root.require("cycles", "a profile"), "cycles")),
                    completion(Values.map(root.require("completion", "a profile"), "completion")),
                    rollingCode(Values.map(root.require("rolling-code", "a profile"), "rolling-code")),
                    new Profile.CarBatteryRule(Values.bool(
                            Values.map(root.require("car-battery", "a profile"), "car-battery")
                                    .onlyKeys(Set.of("desyncs-remotes"), "car-battery")
                                    .require("desyncs-remotes", "car-battery"),
                            "car-battery.desyncs-remotes")),
                    battery(Values.map(root.require("remote-battery", "a profile"), "remote-battery")));
        } catch (IllegalArgumentException e) {
            // The records' own checks, a backstop: each rule they hold is checked above at its
            // value, so that a message points at the number to change.
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
        Node minRunNode = m.require("min-run-time", w);
        Node maxRunNode = m.require("max-run-time", w);
        long minRun = Values.nonNegativeDuration(minRunNode, "cycles.min-run-time");
        long maxRun = Values.nonNegativeDuration(maxRunNode, "cycles.max-run-time");
        if (maxRun <= minRun) {
            throw Values.notAbove(maxRunNode, "cycles.max-run-time", minRunNode, "cycles.min-run-time");
        }
        return new Profile.CycleRule(
                (int) Values.integer(m.require("count", w), "cycles.count", 1, 20),
                (int) Values.integer(m.require("run-position", w), "cycles.run-position", 1, 3),
                minRun,
                maxRun,
                Values.positiveDuration(m.require("max-off-time", w), "cycles.max-off-time"),
                Values.bool(m.require("require-doors-closed", w), "cycles.require-doors-closed"),
                Values.bool(m.require("require-unlocked", w), "cycles.require-unlocked"));
    }

    private static Profile.Completion completion(Node.Mapping m) throws ConfigException {
        String w = "completion";
        Profile.Completion.Kind kind =
                Values.choice(m.require("kind", w), "completion.kind", Profile.Completion.Kind.class);
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
        m.onlyKeys(allowed, "completion of kind " + Values.kebab(kind));
        boolean g = kind == Profile.Completion.Kind.REMOTE_GESTURE;
        return new Profile.Completion(
                kind,
                g ? Values.positiveDuration(m.require("key-out-deadline", w), "completion.key-out-deadline") : 0,
                g ? Values.positiveDuration(m.require("first-remote-within", w), "completion.first-remote-within") : 0,
                Values.positiveDuration(m.require("further-remote-within", w), "completion.further-remote-within"),
                g && Values.bool(m.require("hold-unlock", w), "completion.hold-unlock"),
                g ? (int) Values.integer(m.require("lock-presses", w), "completion.lock-presses", 1, 10) : 0,
                g ? Values.nonNegativeDuration(m.require("release-tolerance", w), "completion.release-tolerance") : 0,
                Values.bool(m.require("accepts-new-remotes", w), "completion.accepts-new-remotes"),
                Values.bool(m.require("drops-remotes-not-learned", w), "completion.drops-remotes-not-learned"),
                Values.bool(m.require("chime", w), "completion.chime"),
                g ? Values.nonNegativeDuration(m.require("confirm-step", w), "completion.confirm-step") : 0);
    }

    private static Profile.RollingCodeRule rollingCode(Node.Mapping m) throws ConfigException {
        m.onlyKeys(Set.of("accept-window", "resync-window"), "rolling-code");
        Node acceptNode = m.require("accept-window", "rolling-code");
        Node resyncNode = m.require("resync-window", "rolling-code");
        int accept = (int) Values.integer(acceptNode, "rolling-code.accept-window", 1, 0x8000);
        int resync = (int) Values.integer(resyncNode, "rolling-code.resync-window", 2, 0x8000);
        if (resync <= accept) {
            throw Values.notAbove(resyncNode, "rolling-code.resync-window", acceptNode, "rolling-code.accept-window");
        }
        return new Profile.RollingCodeRule(accept, resync);
    }

    private static BatterySpec battery(Node.Mapping m) throws ConfigException {
        String w = "remote-battery";
        BatterySpec.Type type = Values.choice(m.require("type", w), "remote-battery.type", BatterySpec.Type.class);
        Set<String> allowed = new LinkedHashSet<>(Set.of("type", "drain-per-day", "per-press", "min-operating-level"));
        allowed.addAll(
                type == BatterySpec.Type.RECHARGEABLE
                        ? Set.of("full-charge-time", "charge-positions")
                        : Set.of("max-out-time"));
        m.onlyKeys(allowed, "remote-battery of type " + Values.kebab(type));
        boolean rechargeable = type == BatterySpec.Type.RECHARGEABLE;
        Set<Integer> positions = new LinkedHashSet<>();
        if (rechargeable) {
            for (Node p : Values.list(m.require("charge-positions", w), "remote-battery.charge-positions")
                    .items()) {
                positions.add((int) Values.integer(p, "remote-battery.charge-positions", 0, 3));
            }
        }
        return new BatterySpec(
                type,
                rechargeable
                        ? Values.positiveDuration(m.require("full-charge-time", w), "remote-battery.full-charge-time")
                        : 0,
                positions,
                Values.fraction(m.require("drain-per-day", w), "remote-battery.drain-per-day"),
                Values.fraction(m.require("per-press", w), "remote-battery.per-press"),
                Values.fraction(m.require("min-operating-level", w), "remote-battery.min-operating-level"),
                rechargeable
                        ? 0
                        : Values.positiveDuration(m.require("max-out-time", w), "remote-battery.max-out-time"));
    }
}
