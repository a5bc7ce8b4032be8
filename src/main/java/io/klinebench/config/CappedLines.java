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
 *
 * <p>Read through a {@link Utf8Reader}, bytes that are not UTF-8 are refused at their line and
 * column, with the byte and its place in the file; a file whose last bytes begin a character
 * and stop (a file cut short in the middle of one) is refused the same way, or, for a reader
 * made to take it ({@code lastMayEndInsideCharacter}), gives its last line with the characters
 * before and {@link Line#endsInsideCharacter()} set, for the caller to leave out and say.
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
     * @param endsInsideCharacter whether this is the file's last line and the file ends inside a
     *     character ({@code text} is the characters before it); only for a reader that takes it
     */
    public record Line(int number, String text, boolean cut, boolean endsInsideCharacter) {}

    private final String name;
    private final Reader in;
    private final Predicate<String> mayRunLong;
    private final String whyNot;
    private final boolean lastMayEndInsideCharacter;
    private final char[] buffer = new char[8192];
    private int next;
    private int end;
    private boolean atEnd;
    private int number;
    /** The characters read into the buffer before its present content, and the stream's character where the line began. */
    private long before;

    private long lineStart;
    /** The bytes that ended the file inside a character, when a reader that takes it met them. */
    private Utf8Reader.NotUtf8 endedInside;
    /** The line being read, when it runs across the buffer's end; most lines are cut from the buffer at once. */
    private StringBuilder held;
    /** Whether the line being read is longer than is held. */
    private boolean cut;
    /** Whether the line being read has begun: its first character was read. */
    private boolean begun;

    /**
     * Reads {@code in}; {@code name} is the file name for messages.
     *
     * @param mayRunLong given the start of a line longer than {@link #MAX_LENGTH}, whether it may
     *     be (it then comes back cut)
     * @param whyNot     what the error says of a longer line that may not, after "a line longer
     *     than 65536 characters" (": a simulation file's line is ...")
     */
    public CappedLines(String name, Reader in, Predicate<String> mayRunLong, String whyNot) {
        this(name, in, mayRunLong, whyNot, false);
    }

    /**
     * As {@link #CappedLines(String, Reader, Predicate, String)}; with {@code
     * lastMayEndInsideCharacter}, a file that ends inside a character gives its last line {@link
     * Line#endsInsideCharacter()} instead of an error, for a caller that knows a file cut short
     * (an events file a kill cut in the middle of a write) and says so ({@link #refused} gives
     * the error for it otherwise).
     */
    public CappedLines(
            String name, Reader in, Predicate<String> mayRunLong, String whyNot, boolean lastMayEndInsideCharacter) {
        this.name = name;
        this.in = in;
        this.mayRunLong = mayRunLong;
        this.whyNot = whyNot;
        this.lastMayEndInsideCharacter = lastMayEndInsideCharacter;
    }

    /**
     * The error for a line that {@link Line#endsInsideCharacter() ends inside a character}, at
     * its place, for a caller that does not leave it out.
     */
    public ConfigException refused(Line line) {
        return notUtf8(new Pos(name, line.number(), line.text().length() + 1), endedInside);
    }

    private static ConfigException notUtf8(Pos pos, Utf8Reader.NotUtf8 e) {
        return new ConfigException(pos, "not UTF-8 text: " + e.what());
    }

    /** {@code text} in quotes for an error, its first {@link #QUOTED_LENGTH} characters and "..." when longer. */
    public static String quoted(String text) {
        return "'" + (text.length() > QUOTED_LENGTH ? text.substring(0, QUOTED_LENGTH) + "..." : text) + "'";
    }

    /**
     * The next line, or null after the last.
     *
     * @throws ConfigException at the line's character {@code MAX_LENGTH + 1}, when it is longer
     *     than {@link #MAX_LENGTH} and may not be; at a byte that is not UTF-8 (read through a
     *     {@link Utf8Reader})
     */
    public Line next() throws ConfigException, IOException {
        try {
            return nextLine();
        } catch (Utf8Reader.NotUtf8 e) {
            if (!begun) { // the bad bytes begin a line
                number++;
                lineStart = before + end;
            }
            if (e.atEnd() && lastMayEndInsideCharacter) {
                endedInside = e;
                atEnd = true;
                return new Line(number, held == null ? "" : held.toString(), cut, true);
            }
            throw notUtf8(new Pos(name, number, (int) Math.min(Integer.MAX_VALUE, before + end - lineStart + 1)), e);
        }
    }

    private Line nextLine() throws ConfigException, IOException {
        held = null;
        cut = false;
        begun = false;
        if (!fill()) {
            return null;
        }
        number++;
        begun = true;
        lineStart = before + next;
        if (number == 1 && buffer[next] == BOM) {
            next++;
            lineStart++;
        }
        while (fill()) {
            int from = next;
            while (next < end && buffer[next] != '\n' && buffer[next] != '\r') {
                next++;
            }
            boolean broken = next < end;
            if (held == null && broken && next - from <= MAX_LENGTH) {
                String text = new String(buffer, from, next - from);
                lineBreak();
                return new Line(number, text, false, false);
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
        return new Line(number, held == null ? "" : held.toString(), cut, false);
    }

    /** Passes the line break at {@code next}: one character, or two for \r\n. */
    private void lineBreak() throws IOException {
        if (buffer[next++] == '\r' && more() && buffer[next] == '\n') {
            next++;
        }
    }

    /**
     * {@link #fill}, for a look past a line's end: bytes that are not UTF-8 there are the next
     * line's, said when it is read (the reader says them again).
     */
    private boolean more() throws IOException {
        try {
            return fill();
        } catch (Utf8Reader.NotUtf8 e) {
            return false;
        }
    }

    /** Whether a character is there to read at {@code next}, reading more when the buffer is used up. */
    private boolean fill() throws IOException {
        while (next >= end && !atEnd) {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                atEnd = true;
            } else {
                before += end;
                next = 0;
                end = n;
            }
        }
        return next < end;
    }
}
