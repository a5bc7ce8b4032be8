package io.klinebench.cli;

import io.klinebench.config.ConfigException;
import io.klinebench.config.IoCause;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.config.UserFiles;
import io.klinebench.sweep.CsvSink;
import io.klinebench.sweep.JsonSink;
import io.klinebench.sweep.PointResult;
import io.klinebench.sweep.Shard;
import io.klinebench.sweep.Sweep;
import io.klinebench.sweep.SweepLoader;
import io.klinebench.sweep.SweepResult;
import io.klinebench.sweep.SweepSink;
import io.klinebench.sweep.Sweeper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a sequence at every point of a grid of its parameters and profile values (a sweep file, "
                    + "bench-config/sweeps), in virtual time on all cores, and prints how many points had each "
                    + "outcome (the verdict and the ritual's first cause) and, when the file asks for "
                    + "boundaries, where the outcome flips along each axis, bisected to the file's resolution.",
            "",
            "Exit status: 0 the sweep ran (whatever its points' verdicts), 2 bad input."
        })
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A sweep file (YAML); the format is in bench-config/README.md.")
    Path file;

    @Option(
            names = "--json",
            paramLabel = "OUT",
            description = "Write every point, the boundaries and the counts as JSON ('-' for stdout; the summary then"
                    + " goes to stderr).")
    Path json;

    @Option(
            names = "--csv",
            paramLabel = "OUT",
            description = "Write every point as CSV ('-' for stdout; the summary then goes to stderr).")
    Path csv;

    @Mixin
    PictureOptions pictures = new PictureOptions();

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Threads to run points on (default: every processor). The results do not depend on it.")
    Integer threads;

    @Option(
            names = "--shard",
            paramLabel = "i/n",
            description = "Run only shard i of n (the points whose index modulo n is i-1), for a CI matrix; "
                    + "'kline-bench sweep-merge' joins the shards' JSON, boundaries included.")
    String shard;

    @Option(
            names = "--profiles",
            paramLabel = "DIR",
            description = "Look for profiles in DIR first; then a 'profiles' folder beside the sequence's folder, "
                    + "then the built-in profiles.")
    List<Path> profileDirs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Shard part;
        try {
            part = shard == null ? Shard.WHOLE : Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            err.println("kline-bench sweep: --shard: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            err.println("kline-bench sweep: --threads: expected at least 1, found " + n);
            return Main.BAD_INPUT;
        }
        for (Optional<String> bad : List.of(
                new OutputFiles()
                        .orStdout("--json", json)
                        .orStdout("--csv", csv)
                        .file("--html", pictures.html)
                        .file("--svg", pictures.svg)
                        .clash(),
                OutputFiles.isStdout(json) ? Optional.<String>empty() : UserPaths.unwritable("--json", json),
                OutputFiles.isStdout(csv) ? Optional.<String>empty() : UserPaths.unwritable("--csv", csv),
                pictures.unwritable())) {
            if (bad.isPresent()) {
                err.println("kline-bench sweep: " + bad.get());
                return Main.BAD_INPUT;
            }
        }
        if (pictures.wanted() && !part.isWhole()) {
            err.println("kline-bench sweep: --html/--svg: a picture is of a whole sweep, and shard " + part
                    + " has only some of its points; draw the merged shards: kline-bench sweep-merge OUT.json "
                    + "SHARD.json... --html OUT");
            return Main.BAD_INPUT;
        }
        Sweep sweep;
        Optional<SweepSink> picture;
        try {
            ProfileCatalog.requireDirectories(profileDirs, "--profiles");
            sweep = SweepLoader.load(file, profileDirs);
            picture = pictures.sink(sweep);
        } catch (ConfigException e) {
            err.println("kline-bench sweep: " + e.getMessage());
            return Main.BAD_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("kline-bench sweep: --html/--svg: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        long start = System.nanoTime();
        SweepResult[] result = new SweepResult[1];
        long[] gridDone = new long[1];
        ProgressLine progress = ProgressLine.forStderr(err, "sweep", "point");
        // before any file is begun: a stop from here on is said, and leaves nothing behind
        StoppedEarly stop = new StoppedEarly("sweep", err)
                .file("--json", json)
                .file("--csv", csv)
                .file("--html", pictures.html)
                .file("--svg", pictures.svg);
        stop.now(progress, "{at}");
        try {
            writing(
                    json,
                    out,
                    jsonOut -> writing(csv, out, csvOut -> {
                        List<SweepSink> sinks = new ArrayList<>();
                        if (jsonOut != null) {
                            sinks.add(new JsonSink(jsonOut, sweep, part));
                        }
                        if (csvOut != null) {
                            sinks.add(new CsvSink(csvOut, sweep));
                        }
                        picture.ifPresent(sinks::add);
                        SweepSink all = SweepSink.all(sinks);
                        if (OutputFiles.isStdout(json) || OutputFiles.isStdout(csv)) {
                            all = new StdoutWatched(all, out);
                        }
                        result[0] = new Sweeper(sweep, n).run(part, all, (done, total) -> {
                            progress.pointsDone(done, total);
                            if (done == total) {
                                gridDone[0] = System.nanoTime();
                            }
                        });
                        progress.close();
                    }));
            pictures.write();
        } catch (IOException e) {
            progress.close();
            err.println("kline-bench sweep: cannot write the results: " + IoCause.of(e));
            return Main.BAD_INPUT;
        } finally {
            stop.remove();
        }
        long end = System.nanoTime();
        // stdout carries the points when one of them went there; the summary is for people, on stderr then
        PrintWriter human = OutputFiles.isStdout(json) || OutputFiles.isStdout(csv) ? err : out;
        out.flush();
        human.print(SweepText.render(sweep, result[0]));
        long gridNanos = Math.max(1, (gridDone[0] == 0 ? end : gridDone[0]) - start);
        human.printf(
                java.util.Locale.ROOT,
                "%d points in %.3fs on %d thread%s: %.0f points/s%s%n",
                result[0].points(),
                gridNanos / 1e9,
                n,
                n == 1 ? "" : "s",
                result[0].points() * 1e9 / gridNanos,
                sweep.bisects() && part.isWhole()
                        ? String.format(
                                java.util.Locale.ROOT, "; boundaries %.3fs more", (end - gridNanos - start) / 1e9)
                        : "");
        if (!SweepJvm.said().isEmpty()) {
            human.println(SweepJvm.said());
        }
        human.flush();
        return Main.OK;
    }

    /**
     * The points written to stdout, whose reader may go ({@code sweep --csv - | head -1}): a
     * {@link PrintWriter} never throws, so its error flag is asked every {@link #EVERY} points,
     * and a stdout that refused a write stops the sweep (exit status 2, said) instead of running
     * every point into the closed pipe and exiting 0.
     */
    private static final class StdoutWatched implements SweepSink {
        static final int EVERY = 4096;
        private final SweepSink sink;
        private final PrintWriter stdout;
        private long points;

        StdoutWatched(SweepSink sink, PrintWriter stdout) {
            this.sink = sink;
            this.stdout = stdout;
        }

        @Override
        public void point(PointResult p) throws IOException {
            sink.point(p);
            if (++points % EVERY == 0) {
                check();
            }
        }

        @Override
        public void end(SweepResult result) throws IOException {
            sink.end(result);
            check();
        }

        private void check() throws IOException {
            if (stdout.checkError()) { // flushes first
                throw new IOException("stdout refused a write (its reader gone?) after " + points + " points");
            }
        }
    }

    /** What to do with a file's writer (null when the file was not asked for). */
    @FunctionalInterface
    interface WriterUse {
        void accept(Writer w) throws IOException;
    }

    /**
     * Streams into {@code target} as every file of the user's is written ({@link UserFiles}):
     * atomically; or into {@code stdout} when the target is '-'.
     */
    private static void writing(Path target, Writer stdout, WriterUse use) throws IOException {
        if (target == null) {
            use.accept(null);
            return;
        }
        if (OutputFiles.isStdout(target)) {
            use.accept(stdout);
            stdout.flush();
            return;
        }
        UserFiles.writeAtomically(target, o -> {
            try (Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8)) {
                use.accept(w);
                w.flush();
            }
        });
    }
}
