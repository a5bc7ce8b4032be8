package io.klinebench.cli;

import io.klinebench.car.Profile;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "profiles",
        mixinStandardHelpOptions = true,
        description = "Lists the model-year profiles with a one-line summary each.")
final class ProfilesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--profiles",
            paramLabel = "DIR",
            description = "Also list the profiles in DIR (they take precedence).")
    List<Path> dirs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            ProfileCatalog.requireDirectories(dirs, "--profiles");
            for (Profile p : ProfileCatalog.searching(dirs).all()) {
                out.printf("%-20s %s%n", p.name(), p.summary());
            }
            return Main.OK;
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("kline-bench profiles: " + e.getMessage());
            return Main.BAD_INPUT;
        }
    }
}
