package io.klinebench.cli;

import io.klinebench.config.ConfigException;
import io.klinebench.config.IoCause;
import io.klinebench.config.Utf8Reader;
import io.klinebench.report.EventLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the report of a real-time run from the events file 'sim --events FILE' wrote (JSON lines), "
                    + "as 'run' prints a bench run's: the profile and port, the actions performed with their time, "
                    + "every timing window the car applied (limit, actual, margin, met or MISSED), and the events. "
                    + "A file the sim is still writing, or one cut short by a kill, is read as far as it goes: a last "
                    + "line cut short is left out and said so (on stderr and in the result line).",
            "",
            "An event of a type this version does not know (a newer sim's) is shown as written, its fields "
                    + "unchecked, and said once on stderr.",
            "",
            "Exit status: 0 every window met, 1 a window missed, 2 bad input (file missing, a line that is not "
                    + "an event as the sim writes it: said with its line and field); stopped by a signal, 130 (Ctrl-C) "
                    + "or 143 (SIGTERM), said."
        })
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "EVENTS", description = "The events file ('-' for stdin).")
    String events;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // a signal before the end (Ctrl-C, SIGTERM, an events file of hundreds of MB) is said, not an exit in silence
        StoppedEarly stop = new StoppedEarly("report", err);
        try {
            return report(out, err, stop);
        } finally {
            stop.remove();
        }
    }

    private int report(PrintWriter out, PrintWriter err, StoppedEarly stop) {
        EventLog log;
        String source = events.equals("-") ? "stdin" : events;
        stop.now(null, "while reading " + source + ", before any report");
        // Utf8Reader: bytes that are not UTF-8 (a file cut inside a character) said at their line
        try (Reader in = new Utf8Reader(events.equals("-") ? System.in : Files.newInputStream(Path.of(events)))) {
            log = EventLog.read(source, in);
        } catch (IOException e) {
            err.println("kline-bench report: cannot read " + events + ": " + IoCause.of(e));
            return Main.BAD_INPUT;
        } catch (ConfigException e) {
            err.println("kline-bench report: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        stop.now(null, "while making its report, before it was printed whole");
        if (!log.unknownTypes().isEmpty()) {
            // said once: these lines are shown, but nothing in them was checked
            Map.Entry<String, Integer> first =
                    log.unknownTypes().entrySet().iterator().next();
            err.println("kline-bench report: " + source + ":" + first.getValue() + ": note: event type"
                    + (log.unknownTypes().size() == 1
                            ? " '" + first.getKey() + "' is"
                            : "s " + String.join(", ", log.unknownTypes().keySet()) + " are")
                    + " not known to this kline-bench (a newer sim's?): shown as written, unchecked");
        }
        if (log.cutLine() > 0) {
            err.println("kline-bench report: " + source + ":" + log.cutLine()
                    + ": note: the last line was cut short (the sim killed while it wrote it?): left out");
        }
        out.print(log.render(events));
        out.flush();
        return log.allWindowsMet() ? Main.OK : Main.FAILED;
    }
}
