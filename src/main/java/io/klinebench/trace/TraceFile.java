package io.klinebench.trace;

import io.klinebench.config.ConfigException;
import io.klinebench.config.Pos;
import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A K-line trace as text, one line per byte, as the sim writes it and {@code kline-bench
 * validate} reads it:
 *
 * <pre>
 * # comment (a line starting with #); blank lines are ignored too
 * &lt;ns&gt; &lt;tester|ecu&gt; &lt;hex byte&gt; &lt;frame number&gt;      1234567 tester 81 3
 * &lt;ns&gt; &lt;tester|ecu&gt; LOW &lt;duration ns&gt;             1000 tester LOW 25000000   (wake-up pattern)
 * &lt;ns&gt; &lt;tester|ecu&gt; SLOW &lt;hex byte&gt; &lt;duration ns&gt;  0 tester SLOW 33 2000000000 (5-baud byte)
 * </pre>
 *
 * Times are the trace's clock in nanoseconds. The frame number is the writer's grouping (for
 * people reading the file); the reader checks it is a number and leaves it out: the
 * validator frames the bytes itself.
 */
public final class TraceFile {

    /** The first line {@link Writer} writes. */
    public static final String HEADER = "# kline-bench trace: <ns> <tester|ecu> <hex byte> <frame>"
            + " | <ns> <side> LOW <duration ns> | <ns> <side> SLOW <hex byte> <duration ns>";

    private TraceFile() {}

    /** One entry as a line (without the line break); {@code frame} is written for bytes only. */
    public static String line(TraceEntry e, long frame) {
        return e.traceLine(0, frame);
    }

    // ---- reading ------------------------------------------------------------------------

    /**
     * Reads a trace file.
     *
     * @throws ConfigException naming the file (and for a malformed line its number and what was expected)
     */
    public static List<TraceEntry> read(Path file) throws ConfigException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), r);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "no such file");
        } catch (MalformedInputException e) {
            throw new ConfigException(file.toString(), "not a text file (not UTF-8)");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    /** Reads a trace from {@code in}; {@code name} is the file name for messages. */
    public static List<TraceEntry> read(String name, Reader in) throws ConfigException, IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<TraceEntry> out = new ArrayList<>();
        String text;
        int n = 0;
        while ((text = r.readLine()) != null) {
            n++;
            String t = text.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            out.add(parse(new Pos(name, n, 1), t));
        }
        return out;
    }

    private static final String EXPECTED_LINE = "expected '<ns> <tester|ecu> <hex byte> <frame>', "
            + "'<ns> <tester|ecu> LOW <duration ns>' or '<ns> <tester|ecu> SLOW <hex byte> <duration ns>'";

    private static TraceEntry parse(Pos pos, String t) throws ConfigException {
        String[] f = t.split("\\s+");
        if (f.length < 4) {
            throw new ConfigException(pos, EXPECTED_LINE + ", found '" + t + "'");
        }
        long at = number(pos, f[0], "the time in nanoseconds", Long.MIN_VALUE);
        Direction from = switch (f[1].toLowerCase(Locale.ROOT)) {
            case "tester" -> Direction.TESTER;
            case "ecu" -> Direction.ECU;
            default ->
                throw new ConfigException(pos, "expected 'tester' or 'ecu' as the second field, found '" + f[1] + "'");
        };
        String what = f[2].toUpperCase(Locale.ROOT);
        if (what.equals("LOW")) {
            expectFields(pos, f, 4, "'<ns> <side> LOW <duration ns>'", t);
            return new TraceEntry(
                    at, from, TraceEntry.Kind.LOW, -1, number(pos, f[3], "the LOW duration in nanoseconds", 1));
        }
        if (what.equals("SLOW")) {
            expectFields(pos, f, 5, "'<ns> <side> SLOW <hex byte> <duration ns>'", t);
            return new TraceEntry(
                    at,
                    from,
                    TraceEntry.Kind.SLOW,
                    hexByte(pos, f[3]),
                    number(pos, f[4], "the SLOW duration in nanoseconds", 1));
        }
        expectFields(pos, f, 4, "'<ns> <tester|ecu> <hex byte> <frame>'", t);
        int value = hexByte(pos, f[2]);
        number(pos, f[3], "the frame number", 0);
        return TraceEntry.ofByte(at, from, value);
    }

    private static void expectFields(Pos pos, String[] f, int count, String form, String t) throws ConfigException {
        if (f.length != count) {
            throw new ConfigException(
                    pos, "expected " + count + " fields " + form + ", found " + f.length + ": '" + t + "'");
        }
    }

    private static long number(Pos pos, String text, String what, long min) throws ConfigException {
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(pos, "expected " + what + " (a whole number), found '" + text + "'");
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
            throw new ConfigException(pos, "expected a byte in hex (00..FF), found '" + text + "'");
        }
        return Integer.parseInt(h, 16);
    }

    // ---- writing ------------------------------------------------------------------------

    /**
     * Appends entries as they happen. Lines are buffered and flushed at the end of each frame
     * ({@link #endFrame()}) and after each LOW or SLOW, so that a file being written is whole
     * up to the last complete frame. Not thread-safe: the thread that owns the line writes.
     */
    public static final class Writer implements Closeable, Flushable {

        private final java.io.Writer out;

        /** Writes to {@code out}, starting with {@link #HEADER}. */
        public Writer(java.io.Writer out) throws IOException {
            this.out = out;
            out.write(HEADER);
            out.write('\n');
        }

        /** A new trace file (an existing one is replaced). */
        public static Writer create(Path file) throws IOException {
            return new Writer(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        }

        /** One entry; {@code frame} is the frame the byte belongs to (ignored for LOW and SLOW, which are flushed at once). */
        public void append(TraceEntry entry, long frame) throws IOException {
            out.write(line(entry, frame));
            out.write('\n');
            if (entry.kind() != TraceEntry.Kind.BYTE) {
                out.flush();
            }
        }

        /** The frame is complete: what was appended goes to the file. */
        public void endFrame() throws IOException {
            out.flush();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
