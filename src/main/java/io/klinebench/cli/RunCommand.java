package io.klinebench.cli;

import io.klinebench.bench.BenchResult;
import io.klinebench.bench.BuiltInSequences;
import io.klinebench.bench.Progress;
import io.klinebench.bench.Sequence;
import io.klinebench.bench.SequenceLoader;
import io.klinebench.bench.SequenceRunner;
import io.klinebench.config.ConfigException;
import io.klinebench.config.IoCause;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.config.UserFiles;
import io.klinebench.report.HtmlReport;
import io.klinebench.report.JsonReport;
import io.klinebench.report.TextReport;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a sequence file in virtual time and prints its report: each step, each timing window "
                    + "the car applied (limit, actual, margin), the events, and the verdict of each expectation.",
            "",
            "Exit status: 0 every expectation held, 1 one did not, 2 bad input (file, YAML, profile, action); "
                    + "stopped by a signal, 130 (Ctrl-C) or 143 (SIGTERM), said with how far it got and "
                    + "which report files were not written."
        })
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "SEQUENCE",
            description =
                    "A sequence file (YAML), or the name of a built-in sequence " + "(see 'kline-bench sequences').")
    String sequence;

    @Option(
            names = "--json",
            paramLabel = "OUT",
            description = "Also write the report as JSON to OUT ('-' for stdout "
                    + "instead of the text report). Schema: bench-config/report.schema.json.")
    Path json;

    @Option(
            names = "--html",
            paramLabel = "OUT",
            description = "Also write the report as one self-contained HTML page to OUT: a timeline in lanes "
                    + "(ignition, key, doors, locks, remotes, learn window, K-line frames, timing windows against "
                    + "their limits) that zooms down to single bytes.")
    Path html;

    @Option(
            names = "--profiles",
            paramLabel = "DIR",
            description = "Look for profiles in DIR first. By default a "
                    + "'profiles' folder beside the sequence's folder is searched, then the built-in profiles.")
    List<Path> profileDirs = new ArrayList<>();

    @Option(
            names = {"-q", "--quiet"},
            description = "Print only the verdicts and the result line.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean jsonToStdout = OutputFiles.isStdout(json);
        // Before the run: a report that cannot be written would otherwise end it with exit 2
        // after the verdict scrolled by.
        Optional<String> cannotWrite = new OutputFiles()
                .orStdout("--json", json)
                .file("--html", html)
                .clash()
                .or(() -> json == null || jsonToStdout ? Optional.empty() : UserPaths.unwritable("--json", json))
                .or(() -> UserPaths.unwritable("--html", html));
        if (cannotWrite.isPresent()) {
            err.println("kline-bench run: " + cannotWrite.get());
            return Main.BAD_INPUT;
        }
        BenchResult result;
        Stop stop = new Stop(err);
        try {
            ProfileCatalog.requireDirectories(profileDirs, "--profiles");
            Sequence seq;
            try (ProgressLine reading = ProgressLine.forStderr(err, "reading")) {
                stop.now(reading, "while reading " + sequence + ", {at}");
                seq = load(reading);
            }
            try (ProgressLine running = ProgressLine.forStderr(err, "running")) {
                stop.now(running, "while running, {at}");
                result = SequenceRunner.run(seq, running);
            }
        } catch (ConfigException e) {
            stop.remove();
            err.println("kline-bench run: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        stop.now(null, "before its report was complete");
        if (jsonToStdout) {
            out.println(JsonReport.toJson(result));
        } else {
            // Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
            boolean colour = Posix.isTerminal(Posix.STDOUT) && System.getenv("NO_COLOR") == null;
            out.print(quiet ? TextReport.renderExpectations(result, colour) : TextReport.render(result, colour));
        }
        out.flush();
        if (out.checkError()) {
            // a PrintWriter never throws: asked, so that 'run ... | head' or a full disk is said;
            // the verdict is the run's, and the files asked for are still written
            err.println("kline-bench run: stdout refused the report (its reader gone, or a full disk?); it is cut"
                    + " short there, and the run " + (result.passed() ? "passed" : "failed"));
        }
        boolean written = true;
        if (json != null && !jsonToStdout) {
            try {
                writeReport(json, result);
            } catch (IOException e) {
                written = cannotWrite(err, "--json", json, e, result);
            }
            stop.notToWrite("--json");
        }
        if (html != null) {
            try {
                HtmlReport.write(html, HtmlReport.of(result));
            } catch (IOException e) {
                written = cannotWrite(err, "--html", html, e, result);
            }
            stop.notToWrite("--html");
        }
        stop.remove();
        // Still 2 when a report asked for is missing; the verdict printed above is said again.
        return !written ? Main.BAD_INPUT : result.passed() ? Main.OK : Main.FAILED;
    }

    /**
     * In a JVM of its own: a signal (Ctrl-C, SIGTERM) before the command's end is said on stderr,
     * with where it stopped (reading or running, at which step of how many) and the report files
     * not written (each is written under a temporary name and renamed over the file only when
     * whole; the temporary one is removed), and the progress line is ended rather than left for
     * the shell's prompt to run into. In someone else's JVM (a test) a signal is not ours to say.
     */
    private final class Stop {
        private final PrintWriter err;
        private final Map<String, Path> files = new LinkedHashMap<>();
        private final Thread hook;
        private volatile ProgressLine progress;
        private volatile String where = "before it began";

        Stop(PrintWriter err) {
            this.err = err;
            if (json != null && !OutputFiles.isStdout(json)) {
                files.put("--json", json);
            }
            if (html != null) {
                files.put("--html", html);
            }
            hook = OwnJvm.isOurs() ? new Thread(this::said, "run-stopped") : null;
            if (hook != null) {
                Runtime.getRuntime().addShutdownHook(hook);
            }
        }

        /** From here on a stop is said as {@code where} ("{at}": how far {@code progress} got). */
        void now(ProgressLine progress, String where) {
            this.progress = progress;
            this.where = where;
        }

        /** The file of {@code option} is written (or said to be not): a stop no longer names it. */
        synchronized void notToWrite(String option) {
            files.remove(option);
        }

        /** The command is at its end: a signal from now on has nothing to cut short. */
        void remove() {
            if (hook == null) {
                return;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException stopping) {
                // the JVM is already ending (the signal came as the run ended): the hook says so
            }
        }

        private synchronized void said() {
            String text = "kline-bench run: stopped " + where
                    + (files.isEmpty()
                            ? ""
                            : "; nothing written to "
                                    + String.join(
                                            ", ",
                                            files.entrySet().stream()
                                                    .map(f -> f.getKey() + " " + f.getValue())
                                                    .toList())
                                    + " (a file there before is as it was)");
            ProgressLine p = progress;
            if (p != null) {
                p.stoppedEarly(text);
            } else {
                err.println(text);
                err.flush();
            }
        }
    }

    private static boolean cannotWrite(PrintWriter err, String option, Path file, IOException e, BenchResult result) {
        err.println("kline-bench run: " + option + " " + file + ": cannot write it: " + IoCause.of(e) + " (the run "
                + (result.passed() ? "passed" : "failed") + ", as reported above)");
        return false;
    }

    private Sequence load(Progress progress) throws ConfigException {
        Path file = Path.of(sequence);
        if (Files.isRegularFile(file)) {
            List<Path> dirs = new ArrayList<>(profileDirs);
            ProfileCatalog.besideSequence(file).ifPresent(dirs::add);
            return new SequenceLoader(ProfileCatalog.searching(dirs), progress).load(file);
        }
        if (Files.exists(file)) {
            throw new ConfigException(sequence, "not a regular file");
        }
        if (!BuiltInSequences.names().contains(sequence)) {
            throw new ConfigException(
                    sequence, "no such file, and no built-in sequence of that name (see 'kline-bench sequences')");
        }
        return BuiltInSequences.load(sequence, ProfileCatalog.searching(profileDirs));
    }

    /** As every file of the user's is written ({@link UserFiles}): atomically, with the user's umask. */
    private static void writeReport(Path target, BenchResult result) throws IOException {
        UserFiles.writeAtomically(target, out -> {
            try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                JsonReport.write(result, w);
            }
        });
    }
}
