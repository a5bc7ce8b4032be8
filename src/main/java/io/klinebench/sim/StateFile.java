package io.klinebench.sim;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.klinebench.car.FaultMemory;
import io.klinebench.car.Nvm;
import io.klinebench.car.Profile;
import io.klinebench.car.Slot;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ConfigText;
import io.klinebench.config.IoCause;
import io.klinebench.config.Pos;
import io.klinebench.config.UserFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The module's non-volatile memory ({@link Nvm}) as a JSON file the user keeps between runs
 * (the sim's {@code --state FILE}).
 *
 * <pre>
 * {
 *   "format" : "kline-bench-state", "version" : 1,
 *   "profile" : "r56-2007-2013", "slotCount" : 4, "receiverCoded" : true, "vin" : "WMW...",
 *   "slots" : [ { "index" : 0, "serial" : "01A2B3C", "counter" : 101, "sync" : "IN_SYNC",
 *                 "pendingCounter" : 0, "lowBattery" : false } ],
 *   "faults" : [ { "fault" : "LEARN_ABORTED", "dtc" : "9302", "status" : "STORED", "occurrences" : 1,
 *                  "firstAt" : 1000, "lastAt" : 1000, "age" : 2 } ],
 *   "security" : { "failedAttempts" : 0, "delayPending" : false, "delayRemainingNanos" : 0,
 *                  "restartNanos" : 0, "seedsIssued" : 3 }
 * }
 * </pre>
 *
 * Fault times ({@code firstAt}, {@code lastAt}) are the clock times of the run that set them.
 *
 * <p>{@link #save} writes it as every file of the user's is written ({@link UserFiles}):
 * atomically and durably, through a symlink, keeping its permissions. A killed writer may leave
 * its temporary file ({@code .NAME.*.tmp}) behind; it is never read. {@link #read} refuses,
 * naming the place, whatever it would not write back: an unknown field, a field given twice,
 * anything after the JSON object, a value the module cannot hold.
 */
public final class StateFile {

    static final String FORMAT = "kline-bench-state";
    static final int VERSION = 1;

    /**
     * The largest count or time (ns) the file holds: about 104 days of lockout, far more seeds
     * than a module hands out, and a clock time plus it cannot overflow (Long.MAX_VALUE made the
     * lockout end before it began). It is also the largest whole number every JSON reader
     * reads exactly (2^53 - 1).
     */
    static final long MAX_COUNT = (1L << 53) - 1;

    /** A VIN as the coding record carries it and the profile's diagnostics.vin is written. */
    private static final Pattern VIN = Pattern.compile("[A-HJ-NPR-Z0-9]{17}");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StateFile() {}

    // ---- writing ------------------------------------------------------------------------

    /** Writes {@code nvm} to {@code target} atomically and durably (see the class comment). */
    public static void save(Nvm nvm, Path target) throws IOException {
        write(toJson(nvm).getBytes(StandardCharsets.UTF_8), target);
    }

    /** Writes {@code bytes} as {@link #save} does (a test pads a state with whitespace through it). */
    static void write(byte[] bytes, Path target) throws IOException {
        UserFiles.writeAtomically(target, out -> out.write(bytes));
    }

    /** The JSON text {@link #save} writes. */
    public static String toJson(Nvm nvm) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("profile", nvm.profile());
        root.put("slotCount", nvm.slotCount());
        root.put("receiverCoded", nvm.receiverCoded());
        if (nvm.vin() == null) {
            root.putNull("vin");
        } else {
            root.put("vin", nvm.vin());
        }
        ArrayNode slots = root.putArray("slots");
        for (Nvm.SlotState s : nvm.slots()) {
            ObjectNode n = slots.addObject();
            n.put("index", s.index());
            n.put("serial", String.format(Locale.ROOT, "%07X", s.serial()));
            n.put("counter", s.counter());
            n.put("sync", s.sync().name());
            n.put("pendingCounter", s.pendingCounter());
            n.put("lowBattery", s.lowBattery());
        }
        ArrayNode faults = root.putArray("faults");
        for (FaultMemory.Entry e : nvm.faults()) {
            ObjectNode n = faults.addObject();
            n.put("fault", e.fault().name());
            n.put("dtc", String.format(Locale.ROOT, "%04X", e.fault().dtc()));
            n.put("status", e.status().name());
            n.put("occurrences", e.occurrences());
            n.put("firstAt", e.firstAt());
            n.put("lastAt", e.lastAt());
            n.put("age", e.age());
        }
        Nvm.Security sec = nvm.security();
        ObjectNode s = root.putObject("security");
        s.put("failedAttempts", sec.failedAttempts());
        s.put("delayPending", sec.delayPending());
        s.put("delayRemainingNanos", sec.delayRemainingNanos());
        s.put("restartNanos", sec.restartNanos());
        s.put("seedsIssued", sec.seedsIssued());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    // ---- reading ------------------------------------------------------------------------

    /**
     * Reads a state file for {@code profile}.
     *
     * @throws ConfigException naming the file and the cause: missing or unreadable, not JSON,
     *         a field missing or out of range, or the memory of another profile
     */
    public static Nvm load(Path file, Profile profile) throws ConfigException {
        Nvm nvm = read(file);
        if (!nvm.profile().equals(profile.name())) {
            throw new ConfigException(
                    file.toString(),
                    "this state file is for profile '" + nvm.profile() + "', not '" + profile.name()
                            + "'; use another --state file or --profile " + nvm.profile());
        }
        if (nvm.slotCount() != profile.slots()) {
            throw new ConfigException(
                    file.toString(),
                    "this state file has " + nvm.slotCount() + " slots, profile '" + profile.name() + "' has "
                            + profile.slots());
        }
        return nvm;
    }

    /** Reads a state file of any profile. */
    public static Nvm read(Path file) throws ConfigException {
        String where = file.toString();
        byte[] bytes;
        try {
            // bounded: a device (/dev/zero) or a pipe never ends, and a state file is small
            bytes = ConfigText.readAtMost(file, ConfigText.MAX_BYTES);
        } catch (NoSuchFileException e) {
            throw new ConfigException(where, "no such file");
        } catch (IOException e) {
            throw cannotRead(where, e);
        }
        if (bytes.length > ConfigText.MAX_BYTES) {
            throw new ConfigException(
                    where,
                    "has more than the " + ConfigText.MAX_BYTES + " bytes (1 MiB) a state file may have: not a"
                            + " kline-bench state file" + (Files.isRegularFile(file) ? "" : " (not a regular file)"));
        }
        JsonNode root = oneObject(where, bytes);
        if (root == null || !root.isObject()) {
            throw new ConfigException(where, "empty, or not a JSON object: not a kline-bench state file");
        }
        return new Parser(where).parse(root);
    }

    static ConfigException cannotRead(String where, IOException e) {
        return new ConfigException(where, "cannot read: " + IoCause.of(e));
    }

    /** The one JSON value in {@code bytes}, or null when there is none; anything after it is refused. */
    private static JsonNode oneObject(String where, byte[] bytes) throws ConfigException {
        JsonNode root;
        int end;
        try (JsonParser p = JSON.createParser(bytes)) {
            root = JSON.readTree(p);
            end = (int) p.currentLocation().getByteOffset();
        } catch (JsonProcessingException e) {
            Pos at = new Pos(
                    where,
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr());
            String why = e.getOriginalMessage();
            if (why.startsWith("Duplicate field")) {
                // Jackson keeps the last silently; which one did the user mean?
                throw new ConfigException(
                        at, "d" + why.substring(1) + ": given twice; a state file gives each field once");
            }
            throw new ConfigException(at, "not a complete JSON document (corrupt or truncated state file): " + why);
        } catch (IOException e) {
            throw cannotRead(where, e);
        }
        int next = end;
        while (next < bytes.length && isJsonWhitespace(bytes[next])) {
            next++;
        }
        if (root != null && next < bytes.length) {
            // Read and rewritten, the file would lose it: refused, not dropped.
            boolean document = bytes[next] == '{' || bytes[next] == '[';
            throw new ConfigException(
                    Pos.atByte(where, bytes, next),
                    (document ? "a second JSON document" : "more text")
                            + " after the state's JSON object; a state file is one JSON object and nothing else");
        }
        return root;
    }

    private static boolean isJsonWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /** Strict field-by-field reading, each error naming the field. */
    private record Parser(String where) {

        private static final List<String> ROOT_FIELDS = List.of(
                "format", "version", "profile", "slotCount", "receiverCoded", "vin", "slots", "faults", "security");
        private static final List<String> SLOT_FIELDS =
                List.of("index", "serial", "counter", "sync", "pendingCounter", "lowBattery");
        private static final List<String> FAULT_FIELDS =
                List.of("fault", "dtc", "status", "occurrences", "firstAt", "lastAt", "age");
        private static final List<String> SECURITY_FIELDS =
                List.of("failedAttempts", "delayPending", "delayRemainingNanos", "restartNanos", "seedsIssued");

        Nvm parse(JsonNode root) throws ConfigException {
            if (!FORMAT.equals(root.path("format").asText(null))) {
                throw fail("format", "expected \"" + FORMAT + "\": not a kline-bench state file");
            }
            int version = integer(root, "version", "version", 1, Integer.MAX_VALUE);
            if (version != VERSION) {
                throw fail(
                        "version",
                        "version " + version + " is not known to this kline-bench (it reads " + VERSION + ")");
            }
            onlyKnown(root, "", ROOT_FIELDS);
            String profile = text(root, "profile", "profile");
            int slotCount = integer(root, "slotCount", "slotCount", 1, 64);
            boolean coded = bool(root, "receiverCoded", "receiverCoded");
            JsonNode vinNode = root.get("vin");
            if (vinNode != null && !vinNode.isNull() && !vinNode.isTextual()) {
                throw fail("vin", "expected a text or null");
            }
            String vin = vinNode == null || vinNode.isNull() ? null : vinNode.asText();
            if (vin != null && !VIN.matcher(vin).matches()) {
                // Record 06 and the coding services carry a VIN as 17 ASCII bytes
                // (firmware-notes/diagnostics.md): any other text broke 21 06.
                throw fail("vin", "expected 17 letters and digits (no I, O, Q), or null; found " + shown(vinNode));
            }
            List<Nvm.SlotState> slots = new ArrayList<>();
            JsonNode slotArray = array(root, "slots", "slots");
            for (int i = 0; i < slotArray.size(); i++) {
                slots.add(slot(slotArray.get(i), "slots[" + i + "]"));
            }
            List<FaultMemory.Entry> faults = new ArrayList<>();
            JsonNode faultArray = array(root, "faults", "faults");
            for (int i = 0; i < faultArray.size(); i++) {
                faults.add(fault(faultArray.get(i), "faults[" + i + "]"));
            }
            JsonNode sec = object(root, "security", "security");
            onlyKnown(sec, "security.", SECURITY_FIELDS);
            Nvm.Security security = new Nvm.Security(
                    integer(sec, "failedAttempts", "security.failedAttempts", 0, 1_000_000),
                    bool(sec, "delayPending", "security.delayPending"),
                    count(sec, "delayRemainingNanos", "security.delayRemainingNanos"),
                    count(sec, "restartNanos", "security.restartNanos"),
                    count(sec, "seedsIssued", "security.seedsIssued"));
            try {
                return new Nvm(profile, slotCount, slots, coded, vin, faults, security);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where, e.getMessage());
            }
        }

        private Nvm.SlotState slot(JsonNode n, String at) throws ConfigException {
            if (!n.isObject()) {
                throw fail(at, "expected an object");
            }
            onlyKnown(n, at + ".", SLOT_FIELDS);
            String serialText = text(n, "serial", at + ".serial");
            int serial;
            try {
                serial = Integer.parseInt(serialText, 16);
            } catch (NumberFormatException e) {
                throw fail(at + ".serial", "expected hex digits, found " + shown(n.get("serial")));
            }
            if (serial <= 0 || serial > 0x0FFF_FFFF) {
                throw fail(at + ".serial", "expected 1..0FFFFFFF, found " + shown(n.get("serial")));
            }
            return new Nvm.SlotState(
                    integer(n, "index", at + ".index", 0, 63),
                    serial,
                    integer(n, "counter", at + ".counter", 0, 0xFFFF),
                    named(Slot.Sync.class, text(n, "sync", at + ".sync"), at + ".sync"),
                    integer(n, "pendingCounter", at + ".pendingCounter", 0, 0xFFFF),
                    bool(n, "lowBattery", at + ".lowBattery"));
        }

        private FaultMemory.Entry fault(JsonNode n, String at) throws ConfigException {
            if (!n.isObject()) {
                throw fail(at, "expected an object");
            }
            onlyKnown(n, at + ".", FAULT_FIELDS);
            FaultMemory.Fault f = named(FaultMemory.Fault.class, text(n, "fault", at + ".fault"), at + ".fault");
            String dtc = String.format(Locale.ROOT, "%04X", f.dtc());
            if (n.has("dtc")
                    && !(n.get("dtc").isTextual() && dtc.equals(n.get("dtc").asText()))) {
                // written for the reader's eyes and derived from the fault: a different one was edited
                throw fail(at + ".dtc", "fault " + f.name() + " is DTC " + dtc + ", found " + shown(n.get("dtc")));
            }
            return new FaultMemory.Entry(
                    f,
                    named(FaultMemory.Status.class, text(n, "status", at + ".status"), at + ".status"),
                    integer(n, "occurrences", at + ".occurrences", 1, Integer.MAX_VALUE),
                    anyLong(n, "firstAt", at + ".firstAt"),
                    anyLong(n, "lastAt", at + ".lastAt"),
                    integer(n, "age", at + ".age", 0, Integer.MAX_VALUE));
        }

        private JsonNode field(JsonNode n, String name, String at) throws ConfigException {
            JsonNode v = n.get(name);
            if (v == null || v.isNull()) {
                throw fail(at, "missing");
            }
            return v;
        }

        private String text(JsonNode n, String name, String at) throws ConfigException {
            JsonNode v = field(n, name, at);
            if (!v.isTextual()) {
                throw fail(at, "expected a text, found " + shown(v));
            }
            return v.asText();
        }

        private boolean bool(JsonNode n, String name, String at) throws ConfigException {
            JsonNode v = field(n, name, at);
            if (!v.isBoolean()) {
                throw fail(at, "expected true or false, found " + shown(v));
            }
            return v.asBoolean();
        }

        private int integer(JsonNode n, String name, String at, int min, int max) throws ConfigException {
            JsonNode v = field(n, name, at);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
                throw fail(at, "expected a whole number " + min + ".." + max + ", found " + shown(v));
            }
            return v.asInt();
        }

        private long anyLong(JsonNode n, String name, String at) throws ConfigException {
            JsonNode v = field(n, name, at);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw fail(at, "expected a whole number, found " + v);
            }
            return v.asLong();
        }

        /** A count or a time in ns, 0..{@link #MAX_COUNT}. */
        private long count(JsonNode n, String name, String at) throws ConfigException {
            JsonNode v = field(n, name, at);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > MAX_COUNT) {
                throw fail(at, "expected a whole number 0.." + MAX_COUNT + ", found " + shown(v));
            }
            return v.asLong();
        }

        /**
         * Refuses a field this version does not know: read and written back, the file would
         * lose it.
         */
        private void onlyKnown(JsonNode n, String prefix, List<String> known) throws ConfigException {
            for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw fail(
                            prefix + name,
                            "unknown field; a state file of version " + VERSION + " has " + String.join(", ", known)
                                    + " here (kline-bench would drop any other at its next save)");
                }
            }
        }

        private JsonNode array(JsonNode n, String name, String at) throws ConfigException {
            JsonNode v = field(n, name, at);
            if (!v.isArray()) {
                throw fail(at, "expected a list");
            }
            return v;
        }

        private JsonNode object(JsonNode n, String name, String at) throws ConfigException {
            JsonNode v = field(n, name, at);
            if (!v.isObject()) {
                throw fail(at, "expected an object");
            }
            return v;
        }

        private <E extends Enum<E>> E named(Class<E> type, String text, String at) throws ConfigException {
            try {
                return Enum.valueOf(type, text);
            } catch (IllegalArgumentException e) {
                List<String> names = new ArrayList<>();
                for (E c : type.getEnumConstants()) {
                    names.add(c.name());
                }
                throw fail(
                        at, "expected one of " + String.join(", ", names) + ", found " + shown(TextNode.valueOf(text)));
            }
        }

        /** A value as found, cut short: a message is one line, whatever the file holds. */
        private static String shown(JsonNode v) {
            String text = v.toString();
            return text.length() <= 40 ? text : text.substring(0, 37) + "...";
        }

        private ConfigException fail(String at, String message) {
            return new ConfigException(where, at + ": " + message);
        }
    }
}
