package io.klinebench.trace;

import io.klinebench.time.Durations;
import io.klinebench.time.Uncertainty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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
 * the user says. Keys are lower case, as are {@code # injected:} and {@code # cpu-stop:}: a
 * line that says one in another case ({@code # Uncertainty:}) is refused at the key with the
 * key it looks like, not passed over as a comment (the trace would be judged without it); a
 * field for people after the first entry is a comment in any case.
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

    /**
     * The most a trace may say its stamps are off: a minute. The line's limits the judge checks
     * are seconds at most (P3max 5 s) and the transports' stated uncertainties tens of
     * milliseconds (a pty 25 ms, a USB cable 45 ms), so stamps a minute off would leave every
     * verdict undecided: a larger value is a mistake (seconds written as nanoseconds), not a
     * measurement, and refused rather than passing everything. It also keeps the judge's sums
     * of times and uncertainties far from overflowing a {@code long} (a value near 2^63 ns
     * turned limits negative: "-15ms over").
     */
    public static final long MAX_UNCERTAINTY_NANOS = 60 * Durations.S;

    /** A field of the header: the word before its colon. */
    public enum Field {
        PROFILE("profile"),
        PROTOCOL("protocol"),
        UNCERTAINTY("uncertainty"),
        LINE("line"),
        TRANSPORT("transport"),
        STOPPED_AT_START("stopped-at-start");

        private final String key;

        Field(String key) {
            this.key = key;
        }

        /** As the file writes it: "uncertainty". */
        public String key() {
            return key;
        }

        /** Whether validate and replay go by it (else it is for people). */
        boolean judged() {
            return this == PROFILE || this == PROTOCOL || this == UNCERTAINTY;
        }

        static Optional<Field> of(String key) {
            return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
        }
    }

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

    /** This header with {@code field} saying {@code value} (as {@link HeaderReader} checked it). */
    TraceHeader with(Field field, String value, Optional<Uncertainty> stated) {
        return switch (field) {
            case PROFILE -> new TraceHeader(Optional.of(value), protocol, uncertainty, line, transport, stoppedAtStart);
            case PROTOCOL -> new TraceHeader(profile, Optional.of(value), uncertainty, line, transport, stoppedAtStart);
            case UNCERTAINTY -> new TraceHeader(profile, protocol, stated, line, transport, stoppedAtStart);
            case LINE -> new TraceHeader(profile, protocol, uncertainty, Optional.of(value), transport, stoppedAtStart);
            case TRANSPORT -> new TraceHeader(profile, protocol, uncertainty, line, Optional.of(value), stoppedAtStart);
            case STOPPED_AT_START ->
                new TraceHeader(profile, protocol, uncertainty, line, transport, Optional.of(value));
        };
    }
}
