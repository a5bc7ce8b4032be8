package io.klinebench.cli;

import io.klinebench.config.ConfigException;
import io.klinebench.config.IoCause;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.config.UserFiles;
import io.klinebench.sweep.SweepMerge;
import io.klinebench.sweep.SweepResult;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
        name = "sweep-merge",
        mixinStandardHelpOptions = true,
        description = {
            "Joins the JSON of every shard of a sweep ('sweep FILE --shard i/n --json OUT') into the JSON of the "
                    + "whole sweep, the same as one unsharded run writes; the boundaries are bisected here, "
                    + "running the sweep file the shards name.",
            "",
            "Exit status: 0 merged, 2 bad input (a shard missing, given twice, of another sweep); stopped by a "
                    + "signal, 130 (Ctrl-C) or 143 (SIGTERM), said with the files not written (a file there before is "
                    + "as it was)."
        })
final class SweepMergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "The whole sweep's JSON.")
    Path target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SHARD", description = "Every shard's JSON, in any order.")
    List<Path> shards = new ArrayList<>();

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Threads for the bisection (default: every processor).")
    Integer threads;

    @Option(names = "--profiles", paramLabel = "DIR", description = "As for 'sweep'.")
    List<Path> profileDirs = new ArrayList<>();

    @Mixin
    PictureOptions pictures = new PictureOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> bad = new OutputFiles()
                .file("OUT", target)
                .file("--html", pictures.html)
                .file("--svg", pictures.svg)
                .clash()
                .or(() -> UserPaths.unwritable("OUT", target))
                .or(pictures::unwritable);
        if (bad.isPresent()) {
            err.println("kline-bench sweep-merge: " + bad.get());
            return Main.BAD_INPUT;
        }
        // a signal before the end is said, and its unfinished files removed: it left a silent exit
        // 143 and a .OUT.*.tmp of megabytes beside the user's files
        StoppedEarly stop = new StoppedEarly("sweep-merge", err)
                .file("OUT", target)
                .file("--html", pictures.html)
                .file("--svg", pictures.svg);
        stop.now(null, "while merging " + shards.size() + " shards");
        try {
            return merge(out, err, stop);
        } finally {
            stop.remove();
        }
    }

    private int merge(PrintWriter out, PrintWriter err, StoppedEarly stop) {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
        SweepResult[] result = new SweepResult[1];
        try {
            ProfileCatalog.requireDirectories(profileDirs, "--profiles");
            UserFiles.writeAtomically(target, o -> {
                try (Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8)) {
                    result[0] = SweepMerge.merge(
                            shards,
                            profileDirs,
                            n,
                            w,
                            sweep -> pictures.sink(sweep).stream().toList());
                } catch (ConfigException e) {
                    throw new UncheckedIOException(new IOException(e.getMessage(), e));
                }
            });
            stop.written("OUT");
            stop.now(null, "after writing " + target);
            pictures.write();
        } catch (IllegalArgumentException e) {
            err.println("kline-bench sweep-merge: --html/--svg: " + e.getMessage());
            return Main.BAD_INPUT;
        } catch (ConfigException e) {
            err.println("kline-bench sweep-merge: " + e.getMessage());
            return Main.BAD_INPUT;
        } catch (UncheckedIOException e) {
            err.println("kline-bench sweep-merge: " + e.getCause().getMessage());
            return Main.BAD_INPUT;
        } catch (IOException e) {
            err.println("kline-bench sweep-merge: " + IoCause.of(e));
            return Main.BAD_INPUT;
        }
        out.println("Merged " + shards.size() + " shards: " + result[0].points() + " points, "
                + result[0].boundaries().size() + " boundaries, into " + target);
        return Main.OK;
    }
}
