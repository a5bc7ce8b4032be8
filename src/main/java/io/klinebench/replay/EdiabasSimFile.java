package io.klinebench.replay;

import static io.klinebench.config.CappedLines.quoted;

import io.klinebench.config.CappedLines;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ConfigText;
import io.klinebench.config.IoCause;
import io.klinebench.config.Pos;
import io.klinebench.config.Utf8Reader;
import io.klinebench.kline.KwpEcuLink;
import io.klinebench.line.Hex;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.protocol.DiagnosticProtocol;
import io.klinebench.protocol.FrameParts;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ediabaslib simulation file ({@code .sim}, documented in ediabaslib's
 * docs/EdiabasLib.simulation_file.md) as a {@link ReplayScript}, read from that documentation:
 *
 * <pre>
 * [REQUEST]                 a request per key: two-digit hex bytes separated by commas;
 * key1=00,04,00             XX (or X) any byte, hh&amp;mm / hh|mm a masked byte, a final .. any further bytes
 * [RESPONSE]                the answer to the request of the same key; a byte may be computed:
 * key1=00,10,A0,...,82      hh&lt;op&gt;[ii] (request byte ii), hh&lt;op&gt;#ii (ECU address), hh&lt;op&gt;$ll (checksum)
 * [40.REQUEST]              an ECU (wake) address before the section: requests are bare (data only)
 * </pre>
 *
 * Without an address, request and response are whole frames of the profile's protocol (DS2
 * {@code ADDR LEN DATA}, KWP2000 as BMW-FAST {@code FMT TGT SRC DATA}); a request may leave out
 * its checksum, as the documentation's examples do. With an address (protocols with a wake
 * address: KWP2000 here), the request is its data alone and the response a whole frame. Each
 * request's data becomes a request pattern; its response frame is taken apart by the profile's
 * own decoder and answered through the profile's link layer. Sections for another ECU address
 * and {@code KEYBYTES} (the replay's link answers an init with the profile's key bytes) are said
 * in the notes. Blank lines and lines starting with {@code ;} (an INI comment) are skipped.
 * The file is read a line at a time, as a trace is: a line longer than 64 Ki characters is
 * refused at its line, and an error quotes at most the first 60 characters of what it is about.
 * A simulation file has no times: answers go at the profile's timing.
 */
public final class EdiabasSimFile {

    private static final Pattern SECTION = Pattern.compile("\\[(?:([0-9A-Fa-f]+)\\.)?([A-Za-z]+)]");
    private static final Pattern ENTRY = Pattern.compile("([^=\\s][^=]*?)\\s*=\\s*(.*)");
    private static final Pattern MASKED = Pattern.compile("([0-9A-F]{2})([&|])([0-9A-F]{2})");
    private static final Pattern COMPUTED = Pattern.compile("([0-9A-F]{2})([&|^+\\-*/])([\\[#$])([0-9A-F]{2})(]?)");

    /**
     * The most a simulation file may hold: 1 MiB, as a configuration file ({@link
     * ConfigText#MAX_BYTES}), some 20,000 requests with their answers. The documentation's files
     * and ours are about a kilobyte. The whole file is held as entries and then as the script, at
     * a cost far above its size (4 MB of valid entries took 9 s and 1.35 GB resident, 160 MB
     * over 5 GB and a minute without an end), so a larger file is refused before it is read.
     */
    public static final int MAX_BYTES = ConfigText.MAX_BYTES;

    private EdiabasSimFile() {}

    /** A key's value as written, with where. */
    private record Entry(String key, String value, Pos pos, int valueColumn) {}

    /** A section's entries by key, in file order. */
    private record Section(String name, Optional<Integer> address, Pos pos, Map<String, Entry> entries) {}

    /**
     * Reads {@code file} for {@code profile}'s module.
     *
     * @throws ConfigException naming file:line:col and the cause for a malformed file
     */
    public static ReplayScript read(Path file, DiagnosticProfile profile) throws ConfigException {
        List<Section> sections;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw new ConfigException(
                        file.toString(),
                        "is " + Files.size(file) + " bytes, more than the " + MAX_BYTES + " (1 MiB) a simulation file"
                                + " may have (some 20,000 requests with their answers; is this a .sim file?)");
            }
        } catch (IOException e) {
            // opening it says what is wrong
        }
        try (Reader r = new Utf8Reader(Files.newInputStream(file))) {
            sections = sections(file.toString(), r);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + IoCause.of(e));
        }
        return script(file.toString(), sections, profile);
    }

    /** Reads the lines of a simulation file; {@code name} names it in messages and sources. */
    public static ReplayScript read(String name, List<String> lines, DiagnosticProfile profile) throws ConfigException {
        try {
            return script(name, sections(name, new StringReader(String.join("\n", lines))), profile);
        } catch (IOException e) {
            throw new IllegalStateException("a string cannot fail to be read", e);
        }
    }

    private static ReplayScript script(String name, List<Section> sections, DiagnosticProfile profile)
            throws ConfigException {
        DiagnosticProtocol protocol = profile.protocol();
        ReplayScript.Builder script = new ReplayScript.Builder(List.of());
        for (Section s : sections) {
            if (s.address().isPresent() && protocol.inits().isEmpty()) {
                throw new ConfigException(
                        s.pos(),
                        "an address before a section is for an ECU woken by its address (the documentation's UDS,"
                                + " TP2.0, KWP 2000, ISO 9141); " + protocol.name()
                                + " has none: write [" + s.name() + "]");
            }
            if (s.address().isPresent() && s.address().get() != profile.ecuAddress()) {
                script.note(String.format(
                        "%s: [%X.%s] is for ECU %02X, this profile's module is %02X; left out",
                        s.pos(), s.address().get(), s.name(), s.address().get(), profile.ecuAddress()));
                continue;
            }
            if (s.name().equals("KEYBYTES")) {
                for (Entry e : s.entries().values()) {
                    script.note(e.pos() + ": KEYBYTES " + e.value() + ": the replay's link layer answers an init with"
                            + " the profile's key bytes");
                }
            } else if (s.name().equals("RESPONSE")) {
                Section requests = find(sections, "REQUEST", s.address());
                for (Entry e : s.entries().values()) {
                    if (requests == null || !requests.entries().containsKey(e.key())) {
                        throw new ConfigException(
                                e.pos(),
                                "RESPONSE " + e.key() + " has no REQUEST " + e.key() + " (the keys pair them)");
                    }
                }
            } else {
                Section responses = find(sections, "RESPONSE", s.address());
                for (Entry e : s.entries().values()) {
                    Entry answer =
                            responses == null ? null : responses.entries().get(e.key());
                    if (answer == null) {
                        throw new ConfigException(
                                e.pos(),
                                "REQUEST " + e.key() + " has no RESPONSE " + e.key() + " (the keys pair them)");
                    }
                    exchange(name, e, answer, s.address().isPresent(), profile, script);
                }
            }
        }
        if (script.isEmpty()) {
            throw new ConfigException(name, "no REQUEST with its RESPONSE for this module: nothing to replay");
        }
        return script.build(name);
    }

    private static Section find(List<Section> sections, String name, Optional<Integer> address) {
        return sections.stream()
                .filter(s -> s.name().equals(name) && s.address().equals(address))
                .findFirst()
                .orElse(null);
    }

    /**
     * The file's sections, read a line at a time as a trace is ({@link CappedLines}: a line held
     * to 64 Ki characters, a byte order mark no part of the first), so that a file that is no
     * simulation file is refused at its first long line, not read whole.
     */
    private static List<Section> sections(String name, Reader in) throws ConfigException, IOException {
        CappedLines lines = new CappedLines(
                name,
                in,
                start -> false,
                ": a simulation file's line is a section or a key with its bytes (is this a .sim file?)");
        List<Section> out = new ArrayList<>();
        Section current = null;
        long read = 0; // characters with their line breaks: a pipe or a device has no size to look at first
        for (CappedLines.Line line; (line = lines.next()) != null; ) {
            int n = line.number();
            String raw = line.text();
            read += raw.length() + 1;
            if (read > MAX_BYTES) {
                throw new ConfigException(
                        new Pos(name, n, 1),
                        "the file goes on past " + MAX_BYTES + " characters (1 MiB), more than a simulation file may"
                                + " have (a pipe or a device that does not end, or a file that grew as it was read?)");
            }
            String text = raw.strip();
            int col = raw.indexOf(text) + 1;
            if (text.isEmpty() || text.startsWith(";")) {
                continue;
            }
            Pos pos = new Pos(name, n, col);
            if (text.startsWith("[")) {
                Matcher m = SECTION.matcher(text);
                if (!m.matches()) {
                    throw new ConfigException(
                            pos,
                            "expected a section: [REQUEST], [RESPONSE], [KEYBYTES] or"
                                    + " [ADDR.REQUEST] (ADDR the ECU address in hex), not " + quoted(text));
                }
                String section = m.group(2).toUpperCase(Locale.ROOT);
                if (!List.of("REQUEST", "RESPONSE", "KEYBYTES").contains(section)) {
                    throw new ConfigException(
                            pos,
                            "unknown section " + quoted("[" + m.group(2) + "]")
                                    + ": a simulation file has REQUEST, RESPONSE and KEYBYTES");
                }
                Optional<Integer> address = Optional.ofNullable(m.group(1)).map(a -> Integer.parseInt(a, 16));
                if (find(out, section, address) != null) {
                    throw new ConfigException(pos, "section " + quoted(text) + " a second time");
                }
                current = new Section(section, address, pos, new LinkedHashMap<>());
                out.add(current);
                continue;
            }
            Matcher m = ENTRY.matcher(text);
            if (!m.matches()) {
                throw new ConfigException(pos, "expected key=value (e.g. key1=00,04,00), not " + quoted(text));
            }
            if (current == null) {
                throw new ConfigException(pos, "an entry before any section ([REQUEST], [RESPONSE], [KEYBYTES])");
            }
            String key = m.group(1);
            if (current.entries().containsKey(key)) {
                throw new ConfigException(
                        pos,
                        key + " a second time in [" + current.name() + "]; first on line "
                                + current.entries().get(key).pos().line());
            }
            int valueColumn = raw.indexOf(m.group(2), raw.indexOf('=')) + 1;
            current.entries().put(key, new Entry(key, m.group(2).strip(), pos, valueColumn));
        }
        return out;
    }

    /** One REQUEST with its RESPONSE, added to the script (or said in the notes when it is for another module). */
    private static void exchange(
            String name,
            Entry request,
            Entry response,
            boolean bare,
            DiagnosticProfile profile,
            ReplayScript.Builder script)
            throws ConfigException {
        DiagnosticProtocol protocol = profile.protocol();
        if (request.value().equals("_")) {
            script.note(request.pos() + ": REQUEST " + request.key()
                    + " is empty (_): a replay answers requests, and no request is empty; left out");
            return;
        }
        List<String> words = words(request);
        boolean more = words.get(words.size() - 1).equals("..");
        if (more) {
            words = words.subList(0, words.size() - 1);
        }
        byte[] value = new byte[words.size()];
        byte[] mask = new byte[words.size()];
        for (int i = 0; i < value.length; i++) {
            int[] vm = requestByte(request, words.get(i));
            value[i] = (byte) vm[0];
            mask[i] = (byte) vm[1];
        }
        byte[] header = new byte[0];
        int dataFrom = 0;
        int dataTo = value.length;
        if (!bare) {
            if (more) {
                throw new ConfigException(
                        at(request, words.size()), "'..' with a whole frame: its length byte fixes its length");
            }
            int[] split = frameSplit(request, value, mask, protocol);
            dataFrom = split[0];
            dataTo = split[1];
            header = Arrays.copyOf(value, dataFrom);
            FrameParts parts = protocol.unframe(Arrays.copyOf(value, dataTo), false);
            int target = parts.target();
            if (target >= 0 && target != profile.ecuAddress() && target != KwpEcuLink.FUNCTIONAL_ADDRESS) {
                script.note(String.format(
                        "%s: REQUEST %s is for ECU %02X, this profile's module is %02X; left out",
                        request.pos(), request.key(), target, profile.ecuAddress()));
                return;
            }
        }
        RequestPattern pattern = new RequestPattern(
                Arrays.copyOfRange(value, dataFrom, dataTo), Arrays.copyOfRange(mask, dataFrom, dataTo), more);
        if (protocol.linkAnswers(pattern.value())) {
            script.note(request.pos() + ": REQUEST " + request.key() + " (" + pattern
                    + ") is answered by the replay's link layer, as the profile says");
            return;
        }
        AnswerData answer = response(response, header, pattern, profile, script);
        script.add(
                pattern,
                new ReplayAnswer(
                        Optional.of(answer), Optional.empty(), response.pos().toString()));
    }

    /** Where the request's data lies in its whole frame: {from, to}; after {@code to} at most its checksum. */
    private static int[] frameSplit(Entry request, byte[] value, byte[] mask, DiagnosticProtocol protocol)
            throws ConfigException {
        for (int withoutLast = 0; withoutLast <= 1; withoutLast++) {
            int n = value.length - withoutLast;
            try {
                FrameParts parts = protocol.unframe(Arrays.copyOf(value, n), false);
                int from = n - parts.data().length;
                for (int i = 0; i < from; i++) {
                    if (mask[i] != (byte) 0xFF) {
                        throw new ConfigException(
                                at(request, i),
                                "a wildcard in the frame's header: the header (address, length) must be exact");
                    }
                }
                return new int[] {from, n};
            } catch (IllegalArgumentException e) {
                // not with this many bytes: try without the last one (a checksum)
            }
        }
        throw new ConfigException(
                request.pos(),
                "REQUEST " + request.key() + " is no whole " + protocol.name()
                        + " frame (with or without its checksum): " + Hex.of(value));
    }

    private static AnswerData response(
            Entry response,
            byte[] header,
            RequestPattern pattern,
            DiagnosticProfile profile,
            ReplayScript.Builder script)
            throws ConfigException {
        List<String> words = words(response);
        List<EdiabasResponse.Term> terms = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            terms.add(term(response, words.get(i), i));
        }
        DiagnosticProtocol protocol = profile.protocol();
        EdiabasResponse computed = new EdiabasResponse(terms, header, profile.ecuAddress(), protocol, response.value());
        if (!computed.constant()) {
            try {
                computed.forRequest(pattern.value()); // a sample request: the frame must come out whole
            } catch (IllegalArgumentException e) {
                throw new ConfigException(response.pos(), "RESPONSE " + response.key() + ": " + e.getMessage());
            }
            return computed;
        }
        byte[] bytes = new byte[terms.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ((EdiabasResponse.Constant) terms.get(i)).value();
        }
        List<FrameParts> frames = frames(response, bytes, protocol);
        FrameParts chosen = frames.stream()
                .filter(f -> f.source() == profile.ecuAddress())
                .findFirst()
                .orElse(frames.get(0));
        if (frames.size() > 1) {
            script.note(response.pos() + ": RESPONSE " + response.key() + " holds " + frames.size()
                    + " frames (answers of several ECUs to a functional request); the one from "
                    + String.format("%02X", chosen.source()) + " is replayed");
        }
        return AnswerData.of(chosen.data());
    }

    /** The whole frames {@code bytes} are, one after the other, each with its checksum. */
    private static List<FrameParts> frames(Entry response, byte[] bytes, DiagnosticProtocol protocol)
            throws ConfigException {
        List<FrameParts> out = new ArrayList<>();
        int from = 0;
        String why = "";
        while (from < bytes.length) {
            FrameParts found = null;
            int to = from + 1;
            for (; to <= bytes.length && found == null; to++) {
                try {
                    found = protocol.unframe(Arrays.copyOfRange(bytes, from, to), true);
                } catch (IllegalArgumentException e) {
                    why = e.getMessage();
                }
            }
            if (found == null) {
                try {
                    protocol.unframe(Arrays.copyOfRange(bytes, from, bytes.length), true);
                } catch (IllegalArgumentException e) {
                    why = e.getMessage();
                }
                throw new ConfigException(
                        response.pos(),
                        "RESPONSE " + response.key() + " is no whole " + protocol.name() + " frame with its checksum ("
                                + why + ")");
            }
            out.add(found);
            from = to - 1;
        }
        return out;
    }

    private static List<String> words(Entry e) throws ConfigException {
        if (e.value().isEmpty()) {
            throw new ConfigException(e.pos(), e.key() + " has no bytes");
        }
        return List.of(e.value().split("\\s*,\\s*", -1));
    }

    /** {value, mask} of a request byte as written. */
    private static int[] requestByte(Entry e, String word) throws ConfigException {
        String w = word.toUpperCase(Locale.ROOT);
        if (w.equals("X") || w.equals("XX")) {
            return new int[] {0, 0};
        }
        if (w.matches("[0-9A-F]{2}")) {
            return new int[] {Integer.parseInt(w, 16), 0xFF};
        }
        Matcher m = MASKED.matcher(w);
        if (m.matches()) {
            int v = Integer.parseInt(m.group(1), 16);
            int mask = Integer.parseInt(m.group(3), 16);
            // hh&mm: the bits of mm must be those of hh; hh|mm: the bits of mm are ignored
            return m.group(2).equals("&") ? new int[] {v & mask, mask} : new int[] {v & ~mask & 0xFF, ~mask & 0xFF};
        }
        throw new ConfigException(
                at(e, word),
                quoted(word)
                        + " is not a request byte: two hex digits, XX (any), hh&mm or hh|mm (masked), or a final ..");
    }

    private static EdiabasResponse.Term term(Entry e, String word, int index) throws ConfigException {
        String w = word.toUpperCase(Locale.ROOT);
        if (w.matches("[0-9A-F]{2}")) {
            return new EdiabasResponse.Constant(Integer.parseInt(w, 16));
        }
        Matcher m = COMPUTED.matcher(w);
        if (m.matches() && m.group(3).equals("[") == m.group(5).equals("]")) {
            int c = Integer.parseInt(m.group(1), 16);
            char op = m.group(2).charAt(0);
            int n = Integer.parseInt(m.group(4), 16);
            switch (m.group(3)) {
                case "[":
                    return new EdiabasResponse.FromRequest(c, op, n);
                case "#":
                    if (n != 0) {
                        throw new ConfigException(
                                at(e, word),
                                "#" + m.group(4)
                                        + ": a K-line ECU address is one byte, #00 (two bytes are a CAN address)");
                    }
                    return new EdiabasResponse.FromAddress(c, op, n);
                default:
                    if (op != '^' && op != '+') {
                        throw new ConfigException(at(e, word), "a checksum ($) is made with ^ or + only, not " + op);
                    }
                    if (n > index) {
                        // refused as a request byte past the request is: taken as $00 it was a checksum of other bytes
                        throw new ConfigException(
                                at(e, index),
                                "RESPONSE " + e.key() + ": $" + m.group(4) + " is past the " + index
                                        + " bytes before it (hh<op>$ll: a checksum of the response's first ll bytes,"
                                        + " $00 all before it)");
                    }
                    return new EdiabasResponse.Checksum(c, op, n);
            }
        }
        throw new ConfigException(
                at(e, word),
                quoted(word)
                        + " is not a response byte: two hex digits, or hh<op>[ii], hh<op>#ii, hh<op>$ll with op one"
                        + " of & | ^ + - * / (no wildcards in a response)");
    }

    private static Pos at(Entry e, String word) {
        int i = e.value().indexOf(word);
        return new Pos(e.pos().file(), e.pos().line(), e.valueColumn() + Math.max(i, 0));
    }

    private static Pos at(Entry e, int wordIndex) {
        int col = e.valueColumn();
        String v = e.value();
        int seen = 0;
        for (int i = 0; i < v.length() && seen < wordIndex; i++) {
            if (v.charAt(i) == ',') {
                seen++;
                col = e.valueColumn() + i + 1;
            }
        }
        return new Pos(e.pos().file(), e.pos().line(), col);
    }
}
