package io.klinebench.cli;

import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.Violation;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.trace.TraceFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            "Exit status: 0 no violation, 1 violations, 2 bad input (file, line, profile)."
        })
final class ValidateCommand implements Callable<Integer> {

    static final String DEFAULT_PROFILE = "r56-2007-2013";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRACE", description = "The trace file.")
    Path trace;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            defaultValue = DEFAULT_PROFILE,
            description = "Whose timing to judge by (see 'kline-bench profiles'); default ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--profiles", paramLabel = "DIR", description = "Look for profiles in DIR first.")
    List<Path> profileDirs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DiagnosticProfile diagnostics;
        List<TraceEntry> entries;
        try {
            diagnostics = ProfileCatalog.searching(profileDirs).loadDiagnostics(profile);
            entries = TraceFile.read(trace);
        } catch (ConfigException e) {
            err.println("kline-bench validate: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        List<Violation> violations = diagnostics.protocol().judge(entries);
        for (Violation v : violations) {
            out.println(v);
        }
        String judged = entries.size() + (entries.size() == 1 ? " entry" : " entries") + " (" + profile + ", "
                + diagnostics.protocol().name() + " timing)";
        if (violations.isEmpty()) {
            out.println("PASSED: no timing violations in " + judged);
            return Main.OK;
        }
        out.println("FAILED: " + violations.size()
                + (violations.size() == 1 ? " timing violation" : " timing violations") + " in " + judged);
        return Main.FAILED;
    }
}
