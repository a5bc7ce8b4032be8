package io.klinebench.config;

import java.io.IOException;
import java.io.Reader;
import java.util.function.Predicate;

/**
 * A line-based file's text (a trace, an ediabaslib simulation file), one line at a time, as
 * {@link java.io.BufferedReader#readLine} cuts it (at {@code \n}, {@code \r\n} or {@code \r}),
 * but never holding more of a line than {@link #MAX_LENGTH} characters: a file that is not
 * what it should be (a binary log, a 300 MB line) is refused after its first {@code
 * MAX_LENGTH} characters, not read whole into the heap and quoted whole in the error ({@link
 * #quoted}: its first {@link #QUOTED_LENGTH} characters). A line the file's reader lets run
 * longer (a trace's comment: the listener writes the hex of bytes that fit no frame into one)
 * is skipped beyond as it is read, and comes back {@link Line#cut() cut}. A byte order mark
 * before the first line (Windows editors write one; the YAML files accept it too) is not part
 * of it.
 */
public final class CappedLines {

    /**
     * The most of a line that is held. A trace entry is under 60 characters (two 19-digit
     * numbers and three short words), the header's lines a few hundred at most, a simulation
     * file's line a key and its bytes; this leaves room for any spacing and comment a person
     * writes and still keeps the heap small.
     */
    public static final int MAX_LENGTH = 64 * 1024;

    /** The most of a line or field an error quotes: a file's lines are mostly shorter, a file that is not one is not echoed. */
    public static final int QUOTED_LENGTH = 60;

    /** The byte order mark, as a character: U+FEFF. */
    private static final char BOM = '\uFEFF';

    /**
     * One line without its line break.
     *
     * @param number its line number, from 1
     * @param text   its text, at most {@link #MAX_LENGTH} characters
     * @param cut    whether the line was longer (only a comment may be) and {@code text} is its start
     */
    public record Line(int number, String text, boolean cut) {}

    private final String name;
    private final Reader in;
    private final Predicate<String> mayRunLong;
    private final String whyNot;
    private final char[] buffer = new char[8192];
    private int next;
    private int end;
    private boolean atEnd;
    private int number;

    /**
     * Reads {@code in}; {@code name} is the file name for messages.
     *
     * @param mayRunLong given the start of a line longer than {@link #MAX_LENGTH}, whether it may
     *     be (it then comes back cut)
     * @param whyNot     what the error says of a longer line that may not, after "a line longer
     *     than 65536 characters" (": a simulation file's line is ...")
     */
    public CappedLines(String name, Reader in, Predicate<String> mayRunLong, String whyNot) {
        this.name = name;
        this.in = in;
        this.mayRunLong = mayRunLong;
        this.whyNot = whyNot;
    }

    /** {@code text} in quotes for an error, its first {@link #QUOTED_LENGTH} characters and "..." when longer. */
    public static String quoted(String text) {
        return "'" + (text.length() > QUOTED_LENGTH ? text.substring(0, QUOTED_LENGTH) + "..." : text) + "'";
    }

    /**
     * The next line, or null after the last.
     *
     * @throws ConfigException at the line's character {@code MAX_LENGTH + 1}, when it is longer
     *     than {@link #MAX_LENGTH} and may not be
     */
    public Line next() throws ConfigException, IOException {
        if (!fill()) {
            return null;
        }
        number++;
        if (number == 1 && buffer[next] == BOM) {
            next++;
        }
        StringBuilder held = null; // for a line across the buffer's end; most lines are cut from the buffer at once
        boolean cut = false;
        while (fill()) {
            int from = next;
            while (next < end && buffer[next] != '\n' && buffer[next] != '\r') {
                next++;
            }
            boolean broken = next < end;
            if (held == null && broken && next - from <= MAX_LENGTH) {
                String text = new String(buffer, from, next - from);
                lineBreak();
                return new Line(number, text, false);
            }
            if (held == null) {
                held = new StringBuilder();
            }
            int room = MAX_LENGTH - held.length();
            held.append(buffer, from, Math.min(next - from, room));
            if (next - from > room && !cut) {
                cut = true;
                if (!mayRunLong.test(held.toString())) {
                    throw new ConfigException(
                            new Pos(name, number, MAX_LENGTH + 1),
                            "a line longer than " + MAX_LENGTH + " characters" + whyNot + "; it starts "
                                    + quoted(held.toString()));
                }
            }
            if (broken) {
                lineBreak();
                break;
            }
        }
        return new Line(number, held == null ? "" : held.toString(), cut);
    }

    /** Passes the line break at {@code next}: one character, or two for \r\n. */
    private void lineBreak() throws IOException {
        if (buffer[next++] == '\r' && fill() && buffer[next] == '\n') {
            next++;
        }
    }

    /** Whether a character is there to read at {@code next}, reading more when the buffer is used up. */
    private boolean fill() throws IOException {
        while (next >= end && !atEnd) {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                atEnd = true;
            } else {
                next = 0;
                end = n;
            }
        }
        return next < end;
    }
}
