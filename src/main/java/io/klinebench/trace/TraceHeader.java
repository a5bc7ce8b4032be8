package io.klinebench.trace;

import io.klinebench.time.Uncertainty;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a trace file says of itself, in comment lines after {@link TraceFormat#HEADER}, so that
 * {@code validate} judges it by the right rules and within the right uncertainty:
 *
 * <pre>
 * # profile: r56-2007-2013
 * # protocol: kwp2000
 * # uncertainty: 25000000 ns (a pty, stated)
 * # line: protocol KWP2000, 10400 baud 8N1, ECU address 0x40 (tester 0xF1; fast init or 5-baud init), echo on
 * # transport: pty /dev/pts/4
 * </pre>
 *
 * Every field is optional; a trace without them (a capture from elsewhere) is judged by what
 * the user says.
 *
 * @param profile     the profile the module ran
 * @param protocol    its protocol's id ("kwp2000", "ds2")
 * @param uncertainty how far each stamp may be off
 * @param line        the line settings, for people
 * @param transport   where the bytes were stamped, for people
 * @param stoppedAtStart why the sim that wrote it stopped before it ran ({@code # stopped-at-start:
 *     could not open can0: ...}), so that an empty trace says why it is empty
 */
public record TraceHeader(
        Optional<String> profile,
        Optional<String> protocol,
        Optional<Uncertainty> uncertainty,
        Optional<String> line,
        Optional<String> transport,
        Optional<String> stoppedAtStart) {

    /** Says nothing. */
    public static final TraceHeader NONE =
            new TraceHeader(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** A header of a sim that ran. */
    public TraceHeader(
            Optional<String> profile,
            Optional<String> protocol,
            Optional<Uncertainty> uncertainty,
            Optional<String> line,
            Optional<String> transport) {
        this(profile, protocol, uncertainty, line, transport, Optional.empty());
    }

    /** The comment line that says why the sim stopped before it ran. */
    public static String stoppedAtStartLine(String why) {
        return "# stopped-at-start: " + why.replace('\n', ' ').replace('\r', ' ');
    }

    private static final Pattern FIELD = Pattern.compile("#\\s*([a-z-]+):\\s*(.*?)\\s*");
    private static final Pattern UNCERTAINTY = Pattern.compile("(\\d+) ns(?: \\((.*)\\))?");

    /** Whether a comment line says a field of the header (well formed or not). */
    static boolean says(String comment) {
        Matcher m = FIELD.matcher(comment.strip());
        return m.matches() && KEYS.contains(m.group(1));
    }

    private static final Set<String> KEYS =
            Set.of("profile", "protocol", "uncertainty", "line", "transport", "stopped-at-start");

    /** The comment lines that say it (without line breaks), in a fixed order. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        profile.ifPresent(p -> out.add("# profile: " + p));
        protocol.ifPresent(p -> out.add("# protocol: " + p));
        uncertainty.ifPresent(u -> out.add("# uncertainty: " + u.nanos() + " ns (" + u.source() + ")"));
        line.ifPresent(l -> out.add("# line: " + l));
        transport.ifPresent(t -> out.add("# transport: " + t));
        stoppedAtStart.ifPresent(w -> out.add(stoppedAtStartLine(w)));
        return out;
    }

    /** This header with what {@code comment} (a line of the file that is a comment) says, if it says a field. */
    TraceHeader with(String comment) {
        Matcher m = FIELD.matcher(comment.strip());
        if (!m.matches()) {
            return this;
        }
        String value = m.group(2);
        return switch (m.group(1)) {
            case "profile" ->
                new TraceHeader(Optional.of(value), protocol, uncertainty, line, transport, stoppedAtStart);
            case "protocol" ->
                new TraceHeader(profile, Optional.of(value), uncertainty, line, transport, stoppedAtStart);
            case "uncertainty" -> {
                Matcher u = UNCERTAINTY.matcher(value);
                yield u.matches()
                        ? new TraceHeader(
                                profile,
                                protocol,
                                Optional.of(new Uncertainty(
                                        Long.parseLong(u.group(1)), u.group(2) == null ? "the trace's" : u.group(2))),
                                line,
                                transport,
                                stoppedAtStart)
                        : this;
            }
            case "line" ->
                new TraceHeader(profile, protocol, uncertainty, Optional.of(value), transport, stoppedAtStart);
            case "transport" ->
                new TraceHeader(profile, protocol, uncertainty, line, Optional.of(value), stoppedAtStart);
            case "stopped-at-start" ->
                new TraceHeader(profile, protocol, uncertainty, line, transport, Optional.of(value));
            default -> this;
        };
    }
}
