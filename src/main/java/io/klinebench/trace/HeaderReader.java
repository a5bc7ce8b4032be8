package io.klinebench.trace;

import io.klinebench.config.CappedLines;
import io.klinebench.config.ConfigException;
import io.klinebench.config.Pos;
import io.klinebench.protocol.DCan;
import io.klinebench.protocol.Ds2;
import io.klinebench.protocol.Kwp2000;
import io.klinebench.time.Durations;
import io.klinebench.time.Uncertainty;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a trace's header ({@link TraceHeader}) from its comment lines as they come, and remembers
 * where each field was said, for the errors about what it says. A field the judge goes by
 * (profile, protocol, uncertainty) that is malformed, out of range, said twice or after the first
 * entry is refused at its place: taken as nothing, it would judge the trace by other rules than
 * its own (an unreadable uncertainty was taken as 0 and failed a trace the stamps' uncertainty
 * passes). The fields for people (line, transport, stopped-at-start) are free words.
 */
final class HeaderReader {

    /** A comment line that says a field: {@code # key: value}. */
    private static final Pattern FIELD = Pattern.compile("\\s*#\\s*([a-z-]+):\\s*(.*?)\\s*");

    /** A comment line that starts as a field would in any case: {@code # Uncertainty: ...}. */
    private static final Pattern ANY_CASE_KEY = Pattern.compile("\\s*#\\s*([A-Za-z-]+):.*");

    private static final Pattern UNCERTAINTY = Pattern.compile("(-?\\d+) ns(?: \\((.*)\\))?");

    private static final String UNCERTAINTY_FORM =
            "'<whole number> ns', then if it likes '(where it comes from)', e.g. '25000000 ns (a pty, stated)'";

    /** The protocols as a trace names them (D-CAN through an slcan adapter has an id of its own). */
    private static final List<String> PROTOCOLS = List.of(Ds2.ID, Kwp2000.ID, DCan.ID, DCan.SLCAN_ID);

    private TraceHeader header = TraceHeader.NONE;
    private final Map<TraceHeader.Field, Pos> said = new EnumMap<>(TraceHeader.Field.class);

    /** The field a comment line says, if it says one (well formed or not). */
    static Optional<TraceHeader.Field> field(String comment) {
        Matcher m = FIELD.matcher(comment);
        return m.matches() ? TraceHeader.Field.of(m.group(1)) : Optional.empty();
    }

    /**
     * Takes a comment line; one that says no field is passed over, as is a field for people after
     * the first entry (a comment there).
     *
     * @param line         the line's place (the error names the column of what is wrong)
     * @param afterEntries whether an entry came before it
     * @throws ConfigException at the value, saying the field and what it expects
     */
    void take(Pos line, String text, boolean afterEntries) throws ConfigException {
        Matcher m = FIELD.matcher(text);
        Optional<TraceHeader.Field> field = m.matches() ? TraceHeader.Field.of(m.group(1)) : Optional.empty();
        if (field.isEmpty()) {
            refuseKeyInAnotherCase(line, text, afterEntries);
        }
        if (field.isEmpty() || (afterEntries && !field.get().judged())) {
            return;
        }
        TraceHeader.Field f = field.get();
        Pos key = new Pos(line.file(), line.line(), m.start(1) + 1);
        Pos value = new Pos(line.file(), line.line(), m.start(2) + 1);
        if (afterEntries) {
            throw new ConfigException(
                    key,
                    "'# " + f.key() + ":' after the first entry: the header comes before the entries (it says how"
                            + " they are judged)");
        }
        if (said.containsKey(f)) {
            throw new ConfigException(
                    key,
                    "'# " + f.key() + ":' a second time; the first is on line "
                            + said.get(f).line() + " (a header says each field once)");
        }
        String v = m.group(2);
        Optional<Uncertainty> stated = Optional.empty();
        switch (f) {
            case PROFILE -> expect(value, f, !v.isEmpty(), "as the name of the profile it was recorded with", v);
            case PROTOCOL -> expect(value, f, PROTOCOLS.contains(v), "as one of " + String.join(", ", PROTOCOLS), v);
            case UNCERTAINTY -> stated = Optional.of(uncertainty(value, v));
            default -> {
                // for people: any words
            }
        }
        header = header.with(f, v, stated);
        said.put(f, value);
    }

    /**
     * Refuses a comment line that says a key in another case than its own ({@code # Uncertainty:},
     * {@code # Cpu-Stop:}) where the key in lower case would be read: passed over as a comment,
     * it judged the trace without what it says. A field for people after the first entry is a
     * comment in any case, as it is in lower case.
     */
    private static void refuseKeyInAnotherCase(Pos line, String text, boolean afterEntries) throws ConfigException {
        Matcher m = ANY_CASE_KEY.matcher(text);
        if (!m.matches()) {
            return;
        }
        String key = m.group(1).toLowerCase(Locale.ROOT);
        Optional<TraceHeader.Field> field = TraceHeader.Field.of(key);
        boolean read = field.isPresent()
                ? !afterEntries || field.get().judged()
                : key.equals(TraceFormat.INJECTED) || key.equals(TraceFormat.CPU_STOP);
        if (read) {
            throw new ConfigException(
                    new Pos(line.file(), line.line(), m.start(1) + 1),
                    "'" + text.substring(0, m.end(1) + 1).strip() + "': the trace's keys are lower case; did you mean"
                            + " '# " + key + ":'? (as written it would be passed over as a comment)");
        }
    }

    private static void expect(Pos at, TraceHeader.Field f, boolean holds, String what, String found)
            throws ConfigException {
        if (!holds) {
            throw new ConfigException(
                    at,
                    "expected the header's " + f.key() + " " + what + ", found "
                            + (found.isEmpty() ? "nothing" : CappedLines.quoted(found)));
        }
    }

    private static Uncertainty uncertainty(Pos at, String text) throws ConfigException {
        Matcher u = UNCERTAINTY.matcher(text);
        expect(at, TraceHeader.Field.UNCERTAINTY, u.matches(), "as " + UNCERTAINTY_FORM, text);
        BigInteger nanos = new BigInteger(u.group(1)); // any length: "250000000000000000000" is said as too large
        expect(at, TraceHeader.Field.UNCERTAINTY, nanos.signum() >= 0, "of 0 ns or more", text);
        expect(
                at,
                TraceHeader.Field.UNCERTAINTY,
                nanos.compareTo(BigInteger.valueOf(TraceHeader.MAX_UNCERTAINTY_NANOS)) <= 0,
                "of at most " + TraceHeader.MAX_UNCERTAINTY_NANOS + " ns ("
                        + Durations.format(TraceHeader.MAX_UNCERTAINTY_NANOS)
                        + ": stamps further off would leave every limit undecided)",
                text);
        return new Uncertainty(nanos.longValueExact(), u.group(2) == null ? "the trace's" : u.group(2));
    }

    /** What the header said. */
    TraceHeader header() {
        return header;
    }

    /** Where each field it said was said: the place of its value. */
    Map<TraceHeader.Field, Pos> said() {
        return Map.copyOf(said);
    }
}
