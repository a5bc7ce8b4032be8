package io.klinebench.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * Golden files: a text a person reads (a report, a listing, an error message) compared whole
 * with {@code src/test/resources/golden/NAME.txt}, so that its wording, its numbers and its
 * columns cannot drift unseen.
 *
 * <p>On a mismatch the test fails with a unified diff ({@code -} the golden file, {@code +}
 * what the code printed now, three lines of context) and says how to accept the change.
 *
 * <p><b>Updating.</b> When a change to the text is intended, rewrite the files and read the
 * diff before committing it:
 *
 * <pre>
 *   ./mvnw -q -o test -Dtest='Golden*' -Dgolden.update=true
 *   git diff src/test/resources/golden
 * </pre>
 *
 * With {@code -Dgolden.update=true} every compared text is written to its file (a missing file
 * is created) and the comparison passes; a text that {@link HumanText#offences} rejects (raw
 * nanoseconds, an escape code) is never written.
 *
 * <p>Files are read and written in the source tree (the tests run with the project folder as the
 * working directory, as surefire does), UTF-8, with {@code \n} line ends. Nothing is normalised
 * here: what truly varies between runs (a temporary folder, the version) is replaced by the
 * caller, see {@link CliRun#transcript}.
 */
public final class Golden {

    /** The system property that rewrites the golden files instead of comparing. */
    public static final String UPDATE = "golden.update";

    /** Where the golden files live, from the project folder. */
    public static final Path DIR = Path.of("src/test/resources/golden");

    private static final int CONTEXT = 3;

    private Golden() {}

    /** Whether this run rewrites the golden files ({@code -Dgolden.update=true}). */
    public static boolean updating() {
        return Boolean.getBoolean(UPDATE);
    }

    /** The file of the golden text {@code name} ("run/r53-2005-2008-ritual" is {@code golden/run/r53-2005-2008-ritual.txt}). */
    public static Path file(String name) {
        return DIR.resolve(name + ".txt");
    }

    /**
     * Asserts that {@code actual} is the golden text {@code name}, and that it reads as people
     * read numbers ({@link HumanText#offences}); with {@code -Dgolden.update=true} writes it
     * instead.
     */
    public static void assertMatches(String name, String actual) {
        String text = actual.replace("\r\n", "\n");
        List<String> offences = HumanText.offences(text);
        if (!offences.isEmpty()) {
            throw new AssertionError("golden/" + name + ".txt: the text shows numbers that are not human ("
                    + HumanText.RULES + "):\n  " + String.join("\n  ", offences));
        }
        Path file = file(name);
        if (updating()) {
            write(file, text);
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no golden file " + file + " for this output; create it with\n  " + howToUpdate()
                    + "\nthen read it and commit it. The output was:\n" + text);
        }
        String expected = read(file);
        if (!expected.equals(text)) {
            throw new AssertionFailedError(
                    file + " differs from the output (- golden, + now); if the change is intended:\n  " + howToUpdate()
                            + "\n" + diff(expected, text),
                    expected,
                    text);
        }
    }

    /** The command that rewrites the golden files. */
    public static String howToUpdate() {
        return "./mvnw -q -o test -Dtest='Golden*' -D" + UPDATE + "=true   (then: git diff " + DIR + ")";
    }

    /** The golden file's text, {@code \n} line ends. */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.isRegularFile(file) || !read(file).equals(text)) {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A unified diff of two texts by lines: hunks headed {@code @@ -a,b +c,d @@}, lines kept
     * with a space, removed with {@code -}, added with {@code +}; a line's end of text without a
     * line break is marked as diff does.
     */
    public static String diff(String expected, String actual) {
        List<String> a = lines(expected);
        List<String> b = lines(actual);
        // Longest common subsequence, from the end: golden files are a few hundred lines.
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(' ', a.get(i), i++, j++));
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add(new Edit('-', a.get(i), i++, j)); // removals first, as diff shows them
            } else {
                edits.add(new Edit('+', b.get(j), i, j++));
            }
        }
        StringBuilder sb = new StringBuilder();
        int k = 0;
        while (k < edits.size()) {
            if (edits.get(k).op() == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // A hunk runs on while the next change is within two contexts of the last one.
            for (int n = k; n < edits.size(); n++) {
                if (edits.get(n).op() != ' ') {
                    end = n;
                } else if (n - end > 2 * CONTEXT) {
                    break;
                }
            }
            end = Math.min(edits.size() - 1, end + CONTEXT);
            List<Edit> hunk = edits.subList(start, end + 1);
            long removed = hunk.stream().filter(e -> e.op() != '+').count();
            long added = hunk.stream().filter(e -> e.op() != '-').count();
            sb.append("@@ -")
                    .append(hunk.get(0).a() + 1)
                    .append(',')
                    .append(removed)
                    .append(" +")
                    .append(hunk.get(0).b() + 1)
                    .append(',')
                    .append(added)
                    .append(" @@\n");
            for (Edit e : hunk) {
                sb.append(e.op()).append(e.line()).append('\n');
            }
            k = end + 1;
        }
        return sb.toString();
    }

    private record Edit(char op, String line, int a, int b) {}

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>(text.lines().toList());
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out.set(out.size() - 1, out.get(out.size() - 1) + "\n\\ No newline at end of file");
        }
        return out;
    }
}
