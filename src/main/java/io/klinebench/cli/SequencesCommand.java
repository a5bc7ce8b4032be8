package io.klinebench.cli;

import io.klinebench.bench.BuiltInSequences;
import io.klinebench.bench.Sequence;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "sequences",
        mixinStandardHelpOptions = true,
        description = "Lists the built-in sequences (bench-config/sequences) that 'run NAME' accepts.")
final class SequencesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        for (String name : BuiltInSequences.names()) {
            try {
                Sequence s = BuiltInSequences.load(name, ProfileCatalog.builtIn());
                String first = s.description().strip().lines().findFirst().orElse("");
                out.printf("%-40s %-18s %s%n", name, s.profile().name(), first);
            } catch (ConfigException e) {
                spec.commandLine().getErr().println("kline-bench sequences: " + e.getMessage());
                return Main.BAD_INPUT;
            }
        }
        return Main.OK;
    }
}
