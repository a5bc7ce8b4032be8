package io.klinebench.testsupport;

import io.klinebench.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One {@code kline-bench} command run in this JVM through picocli, as {@link Main#execute}
 * runs it (the way the CLI tests do): its exit status, what it printed and what it said on
 * stderr.
 *
 * <p>It runs under a German default locale (decimal comma, other month names), restored after:
 * text for people must not depend on where it runs, so a {@code String.format} without {@code
 * Locale.ROOT} shows in a golden file as {@code 1,5s} instead of passing on an English machine.
 * Colour and the progress line need a terminal, which a test's stdout and stderr are not (and
 * {@link HumanText} rejects an escape code anyway); nothing depends on the terminal's width.
 *
 * @param args what followed {@code kline-bench}
 * @param exit the exit status
 * @param out  stdout
 * @param err  stderr
 */
public record CliRun(List<String> args, int exit, String out, String err) {

    /** The locale the commands run under: not English, a decimal comma. */
    public static final Locale LOCALE = Locale.GERMANY;

    private static String version;

    /** Runs {@code kline-bench ARGS}. */
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Locale before = Locale.getDefault();
        Locale.setDefault(LOCALE);
        int exit;
        try {
            exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        } finally {
            Locale.setDefault(before);
        }
        return new CliRun(List.of(args), exit, out.toString(), err.toString());
    }

    /**
     * The run as a golden file holds it: the command line, the exit status, then stdout and
     * stderr under their names (an empty one left out). What varies between machines and runs
     * is replaced, nothing else: each of {@code temps} (a test's temporary folder) by {@code
     * <tmp>}, and the version {@code kline-bench --version} prints by {@code <version>}.
     */
    public String transcript(Path... temps) {
        StringBuilder sb = new StringBuilder();
        sb.append("$ kline-bench ").append(String.join(" ", args)).append('\n');
        sb.append("exit ").append(exit).append('\n');
        if (!out.isEmpty()) {
            sb.append("--- stdout\n").append(out);
            if (!out.endsWith("\n")) {
                sb.append("\n\\ no line break at the end\n");
            }
        }
        if (!err.isEmpty()) {
            sb.append("--- stderr\n").append(err);
            if (!err.endsWith("\n")) {
                sb.append("\n\\ no line break at the end\n");
            }
        }
        String text = sb.toString().replace("\r\n", "\n");
        for (Path t : temps) {
            text = text.replace(t.toString(), "<tmp>");
        }
        String v = version();
        return v.isEmpty() ? text : text.replace("kline-bench " + v, "kline-bench <version>");
    }

    private static synchronized String version() {
        if (version == null) {
            StringWriter out = new StringWriter();
            Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--version");
            version = out.toString().lines().findFirst().orElse("").replaceFirst("^kline-bench ", "");
        }
        return version;
    }
}
