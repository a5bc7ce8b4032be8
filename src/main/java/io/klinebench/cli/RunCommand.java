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
import java.util.List;
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
        StoppedEarly stop = new StoppedEarly("run", err).file("--json", json).file("--html", html);
        try {
            ProfileCatalog.requireDirectories(profileDirs, "--profiles");
            Sequence seq;
            try (ProgressLine reading = ProgressLine.forStderr(err, "reading", "step")) {
                stop.now(reading, "while reading " + sequence + ", {at}");
                seq = load(reading);
            }
            try (ProgressLine running = ProgressLine.forStderr(err, "running", "step")) {
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
            stop.written("--json");
        }
        if (html != null) {
            try {
                HtmlReport.write(html, HtmlReport.of(result));
            } catch (IOException e) {
                written = cannotWrite(err, "--html", html, e, result);
            }
            stop.written("--html");
        }
        stop.remove();
        // Still 2 when a report asked for is missing; the verdict printed above is said again.
        return !written ? Main.BAD_INPUT : result.passed() ? Main.OK : Main.FAILED;
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
