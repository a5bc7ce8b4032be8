package io.klinebench.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klinebench.car.FaultMemory;
import io.klinebench.car.Nvm;
import io.klinebench.car.Profile;
import io.klinebench.car.Slot;
import io.klinebench.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * <p>{@link #save} is atomic and durable: the JSON goes to a temporary file in the target's
 * directory, which is forced to the disk, renamed over the target in one step, and the
 * directory is forced too (where the platform allows it). A crash, a kill or a power cut at
 * any moment leaves either the old file or the new one, never a mix. A killed writer may
 * leave its temporary file ({@code .NAME.*.tmp}) behind; it is never read.
 */
public final class StateFile {

    static final String FORMAT = "kline-bench-state";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StateFile() {}

    // ---- writing ------------------------------------------------------------------------

    /** Writes {@code nvm} to {@code target} atomically and durably (see the class comment). */
    public static void save(Nvm nvm, Path target) throws IOException {
        byte[] bytes = toJson(nvm).getBytes(StandardCharsets.UTF_8);
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            // No fallback to a plain move: a non-atomic replace could leave half a file.
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        forceDirectory(dir);
    }

    /** Makes the rename itself durable; not every platform can open a directory (Windows). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The file is complete and in place; only its durability across a power cut is weaker.
        }
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
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(where, "no such file");
        } catch (IOException e) {
            throw new ConfigException(where, "cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    where, "not a complete JSON document (corrupt or truncated state file): " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(where, "cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(where, "empty, or not a JSON object: not a kline-bench state file");
        }
        return new Parser(where).parse(root);
    }

    /** Strict field-by-field reading, each error naming the field. */
    private record Parser(String where) {

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
            String profile = text(root, "profile", "profile");
            int slotCount = integer(root, "slotCount", "slotCount", 1, 64);
            boolean coded = bool(root, "receiverCoded", "receiverCoded");
            JsonNode vinNode = root.get("vin");
            if (vinNode != null && !vinNode.isNull() && !vinNode.isTextual()) {
                throw fail("vin", "expected a text or null");
            }
            String vin = vinNode == null || vinNode.isNull() ? null : vinNode.asText();
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
            Nvm.Security security = new Nvm.Security(
                    integer(sec, "failedAttempts", "security.failedAttempts", 0, 1_000_000),
                    bool(sec, "delayPending", "security.delayPending"),
                    longValue(sec, "delayRemainingNanos", "security.delayRemainingNanos"),
                    longValue(sec, "restartNanos", "security.restartNanos"),
                    longValue(sec, "seedsIssued", "security.seedsIssued"));
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
            String serialText = text(n, "serial", at + ".serial");
            int serial;
            try {
                serial = Integer.parseInt(serialText, 16);
            } catch (NumberFormatException e) {
                throw fail(at + ".serial", "expected hex digits, found \"" + serialText + "\"");
            }
            if (serial <= 0 || serial > 0x0FFF_FFFF) {
                throw fail(at + ".serial", "expected 1..0FFFFFFF, found " + serialText);
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
            FaultMemory.Fault f = named(FaultMemory.Fault.class, text(n, "fault", at + ".fault"), at + ".fault");
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
                throw fail(at, "expected a text, found " + v);
            }
            return v.asText();
        }

        private boolean bool(JsonNode n, String name, String at) throws ConfigException {
            JsonNode v = field(n, name, at);
            if (!v.isBoolean()) {
                throw fail(at, "expected true or false, found " + v);
            }
            return v.asBoolean();
        }

        private int integer(JsonNode n, String name, String at, int min, int max) throws ConfigException {
            JsonNode v = field(n, name, at);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
                throw fail(at, "expected a whole number " + min + ".." + max + ", found " + v);
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

        private long longValue(JsonNode n, String name, String at) throws ConfigException {
            long l = anyLong(n, name, at);
            if (l < 0) {
                throw fail(at, "expected a number not below 0, found " + l);
            }
            return l;
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
                throw fail(at, "expected one of " + String.join(", ", names) + ", found \"" + text + "\"");
            }
        }

        private ConfigException fail(String at, String message) {
            return new ConfigException(where, at + ": " + message);
        }
    }
}
