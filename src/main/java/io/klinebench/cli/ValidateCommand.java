package io.klinebench.cli;

import io.klinebench.config.ConfigException;
import io.klinebench.config.IoCause;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.Violation;
import io.klinebench.line.Direction;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.report.HtmlReport;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Uncertainty;
import io.klinebench.trace.Trace;
import io.klinebench.trace.TraceFile;
import io.klinebench.trace.TraceHeader;
import java.io.IOException;
import java.io.PrintWriter;
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
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Checks the timing of a K-line trace file against a profile's timing (KWP2000 or DS2) and prints "
                    + "every violation: which parameter, who broke it, measured value, limit and the bytes around it.",
            "",
            "Trace format, one line per byte ('#' starts a comment):",
            "  <ns> <tester|ecu> <hex byte> <frame number>      e.g. 1234567 tester 81 3",
            "  <ns> <tester|ecu> LOW <duration ns>              a wake-up pattern",
            "  <ns> <tester|ecu> SLOW <hex byte> <duration ns>  a 5-baud byte",
            "",
            "A trace the sim wrote says in its header which profile it ran and how far each stamp may be off (its "
                    + "transport's uncertainty): a violation within that uncertainty is listed as not decidable and "
                    + "does not fail the trace.",
            "",
            "A line '# injected: <from ns> <until ns> <fault>' marks an answer the sim was told to break (a fault "
                    + "step, its console, control port or setup): the module's violations in it are printed with "
                    + "'(injected: <fault>)', never as its own timing.",
            "",
            "Exit status: 0 no violation beyond the uncertainty, 1 violations, 2 bad input (file, line, profile, "
                    + "an empty trace); stopped by a signal, 130 (Ctrl-C) or 143 (SIGTERM), said with where it was "
                    + "and whether --html was written."
        })
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRACE", description = "The trace file.")
    Path trace;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "Whose timing to judge by (see 'kline-bench profiles'); default: the profile the trace "
                    + "names in its header (the sim writes it).")
    String profile;

    @Option(
            names = "--uncertainty",
            paramLabel = "DURATION",
            description = "How far each stamp may be off; default: what the trace's header says, else 0 (exact).")
    String uncertainty;

    @Option(names = "--profiles", paramLabel = "DIR", description = "Look for profiles in DIR first.")
    List<Path> profileDirs = new ArrayList<>();

    @Option(
            names = "--html",
            paramLabel = "OUT",
            description = "Also write one self-contained HTML page to OUT: each side's bytes and bursts on a "
                    + "timeline that zooms down to single bytes, and every violation as a missed window against "
                    + "its limit.")
    Path html;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // A long trace is held whole (the checks sort and index it): keep the heap near what
        // it holds rather than the JVM's throughput default (1.35 GB resident for a 50 MB trace
        // whose entries need under 200 MB).
        OwnJvm.keepHeapSmall();
        // Before the work: a page that cannot be written would otherwise end it with exit 2
        // after the verdict scrolled by.
        Optional<String> cannotWrite = UserPaths.unwritable("--html", html);
        if (cannotWrite.isPresent()) {
            err.println("kline-bench validate: " + cannotWrite.get());
            return Main.BAD_INPUT;
        }
        // a signal before the end (Ctrl-C, SIGTERM, a trace of hundreds of MB) is said, not an exit in silence
        StoppedEarly stop = new StoppedEarly("validate", err).file("--html", html);
        stop.now(null, "while reading " + trace);
        try {
            return validate(out, err, stop);
        } finally {
            stop.remove();
        }
    }

    private int validate(PrintWriter out, PrintWriter err, StoppedEarly stop) {
        DiagnosticProfile diagnostics;
        Trace read;
        String judgedBy;
        Uncertainty stamps;
        try {
            ProfileCatalog.requireDirectories(profileDirs, "--profiles");
            read = TraceFile.load(trace);
            if (read.entries().isEmpty()) {
                throw new ConfigException(
                        trace.toString(),
                        "no entries: an empty trace proves nothing"
                                + read.header()
                                        .stoppedAtStart()
                                        .map(why -> " (the run that wrote it stopped at start: " + why + ")")
                                        .orElse(""));
            }
            judgedBy = profile != null
                    ? profile
                    : read.header()
                            .profile()
                            .orElseThrow(() -> new ConfigException(
                                    trace.toString(),
                                    "the trace does not say which profile it was recorded with; give --profile NAME"));
            try {
                diagnostics = ProfileCatalog.searching(profileDirs).loadDiagnostics(judgedBy);
            } catch (ConfigException e) {
                // the profile the trace names: said at the line that names it
                throw profile != null ? e : read.at(TraceHeader.Field.PROFILE, e);
            }
            if (read.header().protocol().isPresent()) {
                // the profile's protocol as the trace's line carried it (D-CAN through slcan)
                diagnostics = diagnostics.withProtocol(
                        diagnostics.protocol().asTraced(read.header().protocol().get()));
            }
            String speaks = diagnostics.protocol().id();
            if (read.header().protocol().filter(p -> !p.equals(speaks)).isPresent()) {
                throw read.error(
                        TraceHeader.Field.PROTOCOL,
                        trace.toString(),
                        "the trace is " + read.header().protocol().get() + ", profile " + judgedBy + " speaks "
                                + speaks);
            }
            stamps = uncertainty != null
                    ? UncertaintyOption.parse(uncertainty)
                    : read.header().uncertainty().orElse(Uncertainty.NONE);
        } catch (ConfigException e) {
            err.println("kline-bench validate: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        stop.now(null, "while judging its " + read.entries().size() + " entries, before any verdict");
        CpuStops stops = read.stops();
        List<Violation> all = diagnostics.protocol().judge(read.entries(), stamps, stops);
        List<Violation> violations =
                all.stream().filter(v -> v.beyond(stamps, stops)).toList();
        List<Violation> undecided =
                all.stream().filter(v -> !v.beyond(stamps, stops)).toList();
        if (!read.cpuStops().isEmpty()) {
            out.println("the machine stopped " + read.cpuStops().size() + " time(s) while the trace was written"
                    + " (its # cpu-stop lines); a gap one of them held is judged with that much more uncertainty");
        }
        for (Violation v : violations) {
            out.println(v + injected(read, v));
        }
        for (Violation v : undecided) {
            out.println(undecidedBecause(v, stamps, stops) + v + injected(read, v));
        }
        String headline = TraceVerdict.headline(
                read.entries().size(),
                judgedBy,
                diagnostics.protocol().name(),
                stamps,
                violations.size(),
                undecided.size());
        out.println(headline);
        out.flush();
        stop.now(null, "after its verdict (above)");
        int verdict = violations.isEmpty() ? Main.OK : Main.FAILED;
        if (html != null) {
            try {
                HtmlReport.write(
                        html,
                        HtmlReport.ofTrace(
                                trace.toString(),
                                "Judged by " + judgedBy + " (" + diagnostics.lineDescription() + ")",
                                headline,
                                read.entries(),
                                HtmlReport.byteNanos(diagnostics.baud(), diagnostics.framing()),
                                violations,
                                undecided));
            } catch (IOException e) {
                // Still 2, the page asked for is missing; the verdict printed above is said again.
                err.println("kline-bench validate: --html " + html + ": cannot write it: " + IoCause.of(e)
                        + " (the trace " + (verdict == Main.OK ? "passed" : "failed") + ", as printed above)");
                return Main.BAD_INPUT;
            }
        }
        return verdict;
    }

    /** "not decidable within the stamps' uncertainty: ", naming the machine's stops when they bear on it. */
    private static String undecidedBecause(Violation v, Uncertainty stamps, CpuStops stops) {
        String held = v.stopsSaid(stops, stamps);
        return held.isEmpty()
                ? "not decidable within the stamps' uncertainty: "
                : "not decidable within the stamps' uncertainty and the machine's stops (" + held + "): ";
    }

    /** " (injected: late 15ms at 21 01)" for a violation of the module's in an answer it was told to break. */
    private static String injected(Trace trace, Violation v) {
        if (v.by() != Direction.ECU) {
            return "";
        }
        return trace.injectedAt(v.at())
                .map(i -> " (injected: " + i.what() + ")")
                .orElse("");
    }
}
