package io.klinebench.bench;

import io.klinebench.car.Profile;
import io.klinebench.config.ConfigException;
import io.klinebench.config.Node;
import io.klinebench.config.Pos;
import io.klinebench.config.Values;
import io.klinebench.protocol.CarLines;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.protocol.DiagnosticProtocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of the configuration files that describe the car on the bench, shared by the
 * sequence files ({@code car:}) and the bench setup files ({@code keys:}, {@code locked:}):
 * reading the keys, and checking an action against those keys and the profile.
 */
public final class CarSetupReader {

    private static final Set<String> KEY =
            Set.of("remote", "counter", "battery", "transponder", "authorised", "slot", "car-counter", "sync");

    private CarSetupReader() {}

    /** A sequence's {@code car:} section: locked, receiver-coded, keys. */
    public static CarSetup car(Node.Mapping m, Profile profile) throws ConfigException {
        m.onlyKeys(Set.of("locked", "receiver-coded", "keys"), "car");
        boolean locked = !m.has("locked") || Values.bool(m.get("locked"), "car.locked");
        boolean coded = !m.has("receiver-coded") || Values.bool(m.get("receiver-coded"), "car.receiver-coded");
        List<KeySpec> keys = m.has("keys") ? keys(Values.map(m.get("keys"), "car.keys"), profile) : List.of();
        return new CarSetup(locked, coded, keys);
    }

    /** A map of key name to key fields ({@code A: {remote: 0x1A2B3C, slot: 0}}). */
    public static List<KeySpec> keys(Node.Mapping km, Profile profile) throws ConfigException {
        List<KeySpec> keys = new ArrayList<>();
        Map<Integer, Pos> slotsTaken = new HashMap<>();
        Map<Integer, String> serials = new HashMap<>();
        for (Map.Entry<String, Node> e : km.entries().entrySet()) {
            String id = e.getKey();
            Pos at = km.keyPos().get(id);
            if (!id.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                throw new ConfigException(
                        at, "key name '" + id + "' must start with a letter and hold letters, digits, - or _");
            }
            KeySpec k = key(id, Values.map(e.getValue(), "key " + id).onlyKeys(KEY, "key " + id), profile);
            if (k.hasRemote() && serials.containsKey(k.serial())) {
                throw new ConfigException(
                        at, "key " + id + " has the same remote serial as key " + serials.get(k.serial()));
            }
            if (k.slot() >= 0 && slotsTaken.containsKey(k.slot())) {
                throw new ConfigException(
                        at, "slot " + k.slot() + " is already taken by another key (" + slotsTaken.get(k.slot()) + ")");
            }
            serials.put(k.serial(), id);
            if (k.slot() >= 0) {
                slotsTaken.put(k.slot(), at);
            }
            keys.add(k);
        }
        return keys;
    }

    private static KeySpec key(String id, Node.Mapping m, Profile profile) throws ConfigException {
        String w = "key " + id;
        int serial = m.has("remote") ? (int) Values.integer(m.get("remote"), w + ".remote", 1, 0x0FFF_FFFF) : 0;
        int counter = m.has("counter") ? (int) Values.integer(m.get("counter"), w + ".counter", 0, 0xFFFF) : 100;
        double battery = m.has("battery") ? Values.fraction(m.get("battery"), w + ".battery") : 1.0;
        String transponder = m.has("transponder") ? Values.text(m.get("transponder"), w + ".transponder") : "T-" + id;
        boolean authorised = !m.has("authorised") || Values.bool(m.get("authorised"), w + ".authorised");
        int slot = m.has("slot") ? (int) Values.integer(m.get("slot"), w + ".slot", 0, profile.slots() - 1) : -1;
        int carCounter = m.has("car-counter")
                ? (int) Values.integer(m.get("car-counter"), w + ".car-counter", 0, 0xFFFF)
                : counter;
        boolean inSync = true;
        if (m.has("sync")) {
            String s = Values.text(m.get("sync"), w + ".sync");
            if (!s.equals("in-sync") && !s.equals("lost")) {
                throw new ConfigException(
                        m.get("sync").pos(), w + ".sync: expected in-sync or lost, found '" + s + "'");
            }
            inSync = s.equals("in-sync");
        }
        if (serial == 0) {
            for (String f : List.of("counter", "battery", "slot", "car-counter", "sync")) {
                if (m.has(f)) {
                    throw new ConfigException(m.keyPos().get(f), w + " has no 'remote', so '" + f + "' means nothing");
                }
            }
        }
        return new KeySpec(id, serial, counter, battery, transponder, authorised, slot, carCounter, inSync);
    }

    /** An action on the car's two lines needs a profile with them, and a module it names must be on them. */
    private static void checkLines(Action a, Pos pos, Profile profile, DiagnosticProfile diagnostics)
            throws ConfigException {
        if (diagnostics == null || diagnostics.lines().isEmpty()) {
            throw new ConfigException(
                    pos,
                    "'" + a.text() + "' needs the car's two lines (pins 7 and 8), and profile " + profile.name()
                            + " has one line (no diagnostics.lines)");
        }
        if (a instanceof Action.TesterSendTo t) {
            List<CarLines.LineModule> modules =
                    new ArrayList<>(diagnostics.lines().pin8());
            modules.addAll(diagnostics.lines().pin7());
            CarLines.LineModule module = modules.stream()
                    .filter(m -> m.name().equals(t.module()))
                    .findFirst()
                    .orElseThrow(() -> new ConfigException(
                            pos,
                            "no module called '" + t.module() + "' on the lines of profile " + profile.name()
                                    + "; they have "
                                    + String.join(
                                            ", ",
                                            modules.stream()
                                                    .map(CarLines.LineModule::name)
                                                    .toList())));
            checkSize(
                    "'tester send-to " + t.module() + "'",
                    t.data().length,
                    "module " + t.module() + " speaks " + module.protocol().id(),
                    RequestSize.of(module.protocol()),
                    pos);
        }
    }

    /** A request longer than its frame can carry is refused here: it could never be sent. */
    private static void checkSize(String what, int bytes, String speaker, RequestSize.Limit limit, Pos pos)
            throws ConfigException {
        if (bytes > limit.maxData()) {
            throw new ConfigException(
                    pos,
                    what + " has " + bytes + " bytes, more than one request can carry: " + speaker + ", and "
                            + limit.frame() + " holds at most " + limit.maxData() + " data bytes ("
                            + limit.why() + ")");
        }
    }

    /**
     * Checks that an action can be performed on this car: its key exists (and has a remote
     * when a button is pressed), its door exists, the K-line protocol knows an initialisation.
     * {@code keysPlace} names where the keys are defined, for the message ("the car section").
     */
    public static void checkAction(
            Action a, Pos pos, CarSetup setup, Profile profile, DiagnosticProfile diagnostics, String keysPlace)
            throws ConfigException {
        if (a instanceof Action.TesterSendTo || a instanceof Action.TesterModuleSearch || a instanceof Action.Cable) {
            checkLines(a, pos, profile, diagnostics);
        }
        String key = null;
        boolean needsRemote = false;
        if (a instanceof Action.InsertKey k) {
            key = k.key();
        } else if (a instanceof Action.Press p) {
            key = p.remote();
            needsRemote = true;
        } else if (a instanceof Action.Hold h) {
            key = h.remote();
            needsRemote = true;
        } else if (a instanceof Action.Release r) {
            key = r.remote();
            needsRemote = true;
        } else if (a instanceof Action.RemoteBattery b) {
            key = b.remote();
            needsRemote = true;
        } else if (a instanceof Action.TesterInit t
                && diagnostics.protocol().init(t.init()).isEmpty()) {
            DiagnosticProtocol protocol = diagnostics.protocol();
            throw new ConfigException(
                    pos,
                    "profile " + profile.name() + " speaks " + protocol.id()
                            + (protocol.inits().isEmpty()
                                    ? ", which has no initialisation: send requests directly"
                                    : ", which has no " + t.init().text()));
        } else if (a instanceof Action.TesterSend t && diagnostics != null) {
            checkSize(
                    "'tester send'",
                    t.data().length,
                    "profile " + profile.name() + " speaks "
                            + diagnostics.protocol().name(),
                    RequestSize.of(diagnostics.protocol()),
                    pos);
        } else if (a instanceof Action.InjectFault f
                && diagnostics != null
                && diagnostics.protocol().cannotMake(f.fault()) != null) {
            throw new ConfigException(
                    pos,
                    "'fault " + f.fault().text() + "' cannot be made: profile " + profile.name() + " speaks "
                            + diagnostics.protocol().id() + ", and "
                            + diagnostics.protocol().cannotMake(f.fault()));
        } else if (a instanceof Action.Door d && !profile.doors().contains(d.door())) {
            throw new ConfigException(
                    pos,
                    "unknown door '" + d.door() + "'; profile " + profile.name() + " has "
                            + String.join(", ", profile.doors()));
        }
        if (key == null) {
            return;
        }
        KeySpec spec = findKey(setup, key);
        if (spec == null) {
            throw new ConfigException(
                    pos,
                    "unknown key '" + key + "'; " + keysPlace + " defines "
                            + (setup.keys().isEmpty()
                                    ? "no keys"
                                    : String.join(
                                            ", ",
                                            setup.keys().stream()
                                                    .map(KeySpec::id)
                                                    .toList())));
        }
        if (needsRemote && !spec.hasRemote()) {
            throw new ConfigException(
                    pos, "key '" + key + "' has no remote (give it 'remote: SERIAL' in " + keysPlace + ")");
        }
    }

    /** The key called {@code id}, or null. */
    public static KeySpec findKey(CarSetup setup, String id) {
        for (KeySpec k : setup.keys()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        return null;
    }
}
