package io.klinebench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "ports",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the serial ports with their driver and description, and warns about settings that spoil "
                    + "K-line timing (an FTDI adapter's latency timer above 1 ms).",
            "",
            "Exit status: 0 listed (or none found), 1 the ports cannot be listed on this system."
        })
final class PortsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** For tests: read sysfs and /dev under this directory instead of "/". */
    @Option(names = "--system-root", paramLabel = "DIR", hidden = true)
    Path systemRoot;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PortLister lister = systemRoot != null ? new LinuxPortLister(systemRoot) : PortLister.forThisSystem();
        if (lister == null) {
            err.println("kline-bench ports: listing serial ports is implemented for Linux only, not "
                    + System.getProperty("os.name"));
            return Main.FAILED;
        }
        List<PortLister.Port> ports;
        try {
            ports = lister.list();
        } catch (IOException e) {
            err.println("kline-bench ports: cannot list the serial ports: " + e.getMessage());
            return Main.FAILED;
        }
        if (ports.isEmpty()) {
            out.println("no serial ports found");
            return Main.OK;
        }
        for (PortLister.Port p : ports) {
            String latency = p.latencyTimerMs().isPresent()
                    ? "  latency timer " + p.latencyTimerMs().getAsInt() + " ms"
                    : "";
            out.printf("%-14s %-12s %s%s%n", p.device(), p.driver(), p.description(), latency);
            for (String id : p.byId()) {
                out.println("    " + id);
            }
            for (String w : p.warnings()) {
                out.println("    warning: " + w);
            }
        }
        return Main.OK;
    }
}
