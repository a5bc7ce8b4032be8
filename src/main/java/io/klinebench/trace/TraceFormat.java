package io.klinebench.trace;

import static io.klinebench.config.CappedLines.quoted;

import io.klinebench.config.ConfigException;
import io.klinebench.config.Pos;
import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.CpuStop;
import java.util.Locale;

/**
 * The one place the trace line syntax is written and read:
 *
 * <pre>
 * # comment (a line starting with #); blank lines are ignored too
 * &lt;ns&gt; &lt;tester|ecu&gt; &lt;hex byte&gt; &lt;frame number&gt;      1234567 tester 81 3
 * &lt;ns&gt; &lt;tester|ecu&gt; LOW &lt;duration ns&gt;             1000 tester LOW 25000000   (wake-up pattern)
 * &lt;ns&gt; &lt;tester|ecu&gt; SLOW &lt;hex byte&gt; &lt;duration ns&gt;  0 tester SLOW 33 2000000000 (5-baud byte)
 * </pre>
 *
 * Times are the trace's clock in nanoseconds, from its start: never negative. The frame number is the writer's grouping (for
 * people reading the file); the reader checks it is a number and leaves it out: the
 * validator frames the bytes itself.
 */
public final class TraceFormat {

    /** The first line every writer writes. */
    public static final String HEADER = "# kline-bench trace: <ns> <tester|ecu> <hex byte> <frame>"
            + " | <ns> <side> LOW <duration ns> | <ns> <side> SLOW <hex byte> <duration ns>";

    private TraceFormat() {}

    /**
     * {@code e} as a line (no line break), its time counted from {@code origin}; {@code frame}
     * is written for bytes only.
     */
    public static String line(TraceEntry e, long origin, long frame) {
        String side = e.from() == Direction.TESTER ? "tester" : "ecu";
        long t = e.at() - origin;
        return switch (e.kind()) {
            case BYTE -> String.format(Locale.ROOT, "%d %s %02X %d", t, side, e.value(), frame);
            case LOW -> String.format(Locale.ROOT, "%d %s LOW %d", t, side, e.durationNanos());
            case SLOW -> String.format(Locale.ROOT, "%d %s SLOW %02X %d", t, side, e.value(), e.durationNanos());
        };
    }

    /** The key of the line that marks an injected answer. */
    static final String INJECTED = "injected";

    /** The comment line that marks an answer the module was told to break (times as the entries'). */
    public static String injected(Trace.Injected i) {
        return "# " + INJECTED + ": " + i.from() + " " + i.until() + " " + i.what();
    }

    /** Whether a comment line marks an injected answer (well formed or not). */
    public static boolean isInjected(String text) {
        return body(text, INJECTED) >= 0;
    }

    /**
     * The injected answer a {@code # injected:} line marks; an error at the field that is wrong
     * when it is not one (it was passed over, and the module's violations in that answer were
     * then judged as its own timing).
     */
    public static Trace.Injected injected(Pos pos, String text) throws ConfigException {
        int body = body(text, INJECTED);
        String[] f = words(text.substring(body), 3);
        int field = 0; // the one being read: where the error points
        try {
            if (f.length == 3) {
                long from = Long.parseLong(f[0]);
                field = 1;
                long until = Long.parseLong(f[1]);
                if (from >= 0 && until >= from) {
                    return new Trace.Injected(from, until, f[2]);
                }
                field = from < 0 ? 0 : 1;
            } else {
                field = f.length;
            }
        } catch (NumberFormatException e) {
            // said below, with the place
        }
        throw new ConfigException(
                at(pos, text, body, field),
                "not an injected answer: expected '# injected: FROM-NS UNTIL-NS FAULT' (times from the trace's start,"
                        + " FROM not after UNTIL, FAULT the fault's words), got " + quoted(text.strip()));
    }

    /** The key of the line that says a stop of the machine. */
    static final String CPU_STOP = "cpu-stop";
    /** In a {@code # cpu-stop:} line, in place of a CPU's number: the kernel's pty delivery stalled. */
    private static final String PTY = "pty";

    /**
     * The comment line that says the machine stopped a CPU ({@link CpuStop}), its times counted
     * from {@code origin} as the entries' are: {@code # cpu-stop: 1 1200000 101300000 (CPU 1
     * ran nothing of ours for 100.1ms)}, or {@code # cpu-stop: pty ...} for the kernel's pty
     * delivery; the words in brackets are for people. A trace's times are never negative: a stop
     * that began before {@code origin} (the watch may start before the trace) is written from 0,
     * the part of it the trace can hold, and one that ended before it as nothing long at 0; the
     * words still say the whole stop.
     */
    public static String cpuStop(CpuStop s, long origin) {
        return "# " + CPU_STOP + ": " + (s.cpu() == CpuStop.PTY_DELIVERY ? PTY : String.valueOf(s.cpu())) + " "
                + Math.max(0, s.from() - origin) + " " + Math.max(0, s.to() - origin) + " (" + s.said() + ")";
    }

    /** Whether a comment line says a stop of the machine (well formed or not). */
    public static boolean isCpuStop(String text) {
        return body(text, CPU_STOP) >= 0;
    }

    /** The stop a {@code # cpu-stop:} line says; an error naming the place when it is not one. */
    public static CpuStop cpuStop(Pos pos, String text) throws ConfigException {
        int body = body(text, CPU_STOP);
        String[] f = words(text.substring(body), 4);
        int field = 0; // the one being read: where the error points
        try {
            if (f.length >= 3) {
                int cpu = f[0].equals(PTY) ? CpuStop.PTY_DELIVERY : Integer.parseUnsignedInt(f[0]);
                field = 1;
                long from = Long.parseLong(f[1]);
                if (from >= 0) { // a negative time widened gaps the trace never had
                    field = 2; // also when TO is before FROM
                    return new CpuStop(cpu, from, Long.parseLong(f[2]));
                }
            } else {
                field = f.length;
            }
        } catch (IllegalArgumentException e) {
            // said below, with the place
        }
        throw new ConfigException(
                at(pos, text, body, field),
                "not a CPU stop: expected '# cpu-stop: CPU FROM-NS TO-NS' (CPU a number, or pty; times from the"
                        + " trace's start, FROM not after TO), got " + quoted(text.strip()));
    }

    /**
     * Where the words after {@code # key:} begin in a comment line that starts so (spaces
     * around the {@code #} forgiven, as in the header's lines); -1 for another line.
     */
    private static int body(String text, String key) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i == text.length() || text.charAt(i) != '#') {
            return -1;
        }
        i++;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return text.startsWith(key + ":", i) ? i + key.length() + 1 : -1;
    }

    /** At most {@code n} whitespace-separated words of {@code text}, the last one the rest of it. */
    private static String[] words(String text, int n) {
        String t = text.strip();
        return t.isEmpty() ? new String[0] : t.split("\\s+", n);
    }

    /** A comment or a blank line, which readers skip. */
    public static boolean isComment(String text) {
        String t = text.strip();
        return t.isEmpty() || t.startsWith("#");
    }

    /**
     * Reads one line that is not a comment.
     *
     * @param pos the line's place (its column is not used: an error names the column of the field it is about)
     * @throws ConfigException at the field that is wrong, saying what was expected
     */
    public static TraceEntry parse(Pos pos, String text) throws ConfigException {
        return parseLine(pos, text);
    }

    /**
     * The place of field {@code field} (from 0) of {@code text}'s whitespace-separated fields from
     * index {@code from}; just past the last field when there are fewer (where the missing one goes).
     * Counted only for an error: the entries of a long trace are read without it.
     */
    static Pos at(Pos line, String text, int from, int field) {
        int i = from;
        int seen = -1;
        int lastEnd = from;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i == text.length()) {
                break;
            }
            if (++seen == field) {
                return new Pos(line.file(), line.line(), i + 1);
            }
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            lastEnd = i;
        }
        return new Pos(line.file(), line.line(), lastEnd + (seen < 0 ? 1 : 2));
    }

    /** The place of an entry's field {@code field} (from 0). */
    static Pos at(Pos line, String text, int field) {
        return at(line, text, 0, field);
    }

    private static final String EXPECTED_LINE = "expected '<ns> <tester|ecu> <hex byte> <frame>', "
            + "'<ns> <tester|ecu> LOW <duration ns>' or '<ns> <tester|ecu> SLOW <hex byte> <duration ns>'";

    private static TraceEntry parseLine(Pos pos, String t) throws ConfigException {
        String[] f = fields(t);
        if (f.length < 4) {
            throw new ConfigException(at(pos, t, f.length), EXPECTED_LINE + ", found " + quoted(t.strip()));
        }
        long at = number(at(pos, t, 0), f[0], "the time in nanoseconds", Long.MIN_VALUE);
        if (at < 0) {
            throw new ConfigException(
                    at(pos, t, 0), "the time " + at + " is negative; a time is nanoseconds since the trace's start");
        }
        Direction from = switch (f[1].toLowerCase(Locale.ROOT)) {
            case "tester" -> Direction.TESTER;
            case "ecu" -> Direction.ECU;
            default ->
                throw new ConfigException(
                        at(pos, t, 1), "expected 'tester' or 'ecu' as the second field, found " + quoted(f[1]));
        };
        String what = f[2].toUpperCase(Locale.ROOT);
        if (what.equals("LOW")) {
            expectFields(pos, f, 4, "'<ns> <side> LOW <duration ns>'", t);
            return new TraceEntry(
                    at,
                    from,
                    TraceEntry.Kind.LOW,
                    -1,
                    number(at(pos, t, 3), f[3], "the LOW duration in nanoseconds", 1));
        }
        if (what.equals("SLOW")) {
            expectFields(pos, f, 5, "'<ns> <side> SLOW <hex byte> <duration ns>'", t);
            return new TraceEntry(
                    at,
                    from,
                    TraceEntry.Kind.SLOW,
                    hexByte(at(pos, t, 3), f[3]),
                    number(at(pos, t, 4), f[4], "the SLOW duration in nanoseconds", 1));
        }
        expectFields(pos, f, 4, "'<ns> <tester|ecu> <hex byte> <frame>'", t);
        int value = hexByte(at(pos, t, 2), f[2]);
        number(at(pos, t, 3), f[3], "the frame number", 0);
        return TraceEntry.ofByte(at, from, value);
    }

    /**
     * The line's whitespace-separated fields. By hand, not {@code split("\\s+")}: that compiles
     * a pattern for every line, and a long trace has millions (the garbage made the heap grow
     * to a gigabyte for a 50 MB trace). Two passes, counting then cutting, so that a line costs
     * its fields and their array only: a list per line brought a 50 MB trace from 600 to 700 MB.
     */
    private static String[] fields(String t) {
        int count = 0;
        for (int i = 0; i < t.length(); ) {
            while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
                i++;
            }
            if (i < t.length()) {
                count++;
            }
            while (i < t.length() && !Character.isWhitespace(t.charAt(i))) {
                i++;
            }
        }
        String[] f = new String[count];
        int k = 0;
        for (int i = 0; i < t.length(); ) {
            while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < t.length() && !Character.isWhitespace(t.charAt(i))) {
                i++;
            }
            if (i > start) {
                f[k++] = t.substring(start, i);
            }
        }
        return f;
    }

    /** An error at the first field too many, or where the first missing one goes. */
    private static void expectFields(Pos pos, String[] f, int count, String form, String t) throws ConfigException {
        if (f.length != count) {
            throw new ConfigException(
                    at(pos, t, Math.min(f.length, count)),
                    "expected " + count + " fields " + form + ", found " + f.length + ": " + quoted(t.strip()));
        }
    }

    private static long number(Pos pos, String text, String what, long min) throws ConfigException {
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(pos, "expected " + what + " (a whole number), found " + quoted(text));
        }
        if (v < min) {
            throw new ConfigException(pos, "expected " + what + " of at least " + min + ", found " + v);
        }
        return v;
    }

    private static int hexByte(Pos pos, String text) throws ConfigException {
        String h = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (h.isEmpty()
                || h.length() > 2
                || Character.digit(h.charAt(0), 16) < 0
                || (h.length() == 2 && Character.digit(h.charAt(1), 16) < 0)) {
            throw new ConfigException(pos, "expected a byte in hex (00..FF), found " + quoted(text));
        }
        return Integer.parseInt(h, 16);
    }
}
