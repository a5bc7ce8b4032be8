package io.klinebench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** kline-bench: the command line. Exit codes: 0 ok, 1 an expectation failed, 2 bad input. */
@Command(
        name = "kline-bench",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Simulated MINI body control module (R50/R53 2002-2008, R56 2007-2013) with its K-line "
                + "diagnostics (DS2, KWP2000): a bench that runs timed sequences against it in virtual time, and a "
                + "simulator that puts it on a serial port or a virtual pty pair in real time.",
        // the subcommands are added by execute(): all of them, or only the one named
        subcommands = {})
public final class Main {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    /**
     * Every command, in the order help lists them. picocli builds a command's model (its options,
     * by reflection) when the command is added: when the first argument names one, only that one
     * is added, about 60 ms less before {@code sim}'s first answer (830 -> 770 ms, BENCHMARKS.md).
     */
    private static final List<Class<?>> COMMANDS = List.of(
            RunCommand.class,
            SimCommand.class,
            TesterCommand.class,
            ProfilesCommand.class,
            SequencesCommand.class,
            PortsCommand.class,
            ValidateCommand.class,
            ListenCommand.class,
            ReplayCommand.class,
            ReportCommand.class,
            SweepCommand.class,
            SweepMergeCommand.class,
            CommandLine.HelpCommand.class,
            // 'kline-bench generate-completion' prints a bash/zsh completion script (picocli's)
            AutoComplete.GenerateCompletion.class);

    public static void main(String[] args) {
        OwnJvm.claim();
        if (SweepJvm.wanted(args)) {
            System.exit(SweepJvm.run(args)); // the points in a JVM of their own, tuned for them
        }
        SweepJvm.endWithParent();
        System.exit(execute(args));
    }

    /** Runs the command line without exiting. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with its output and errors going to the given writers (tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> command : commandsFor(args)) {
            cl.addSubcommand(command);
        }
        // Every subcommand answers --version / -V as the top command does (picocli gives each its
        // own spec; without a provider they printed nothing).
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(new Version());
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("kline-bench: internal error: " + ex);
            org.slf4j.LoggerFactory.getLogger(Main.class).error("internal error", ex);
            return 3;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("kline-bench: " + ex.getMessage());
            if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
                // "Did you mean: sim?", "--json?": picocli knows the near names
                CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, cmd.getErr());
            }
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
            return BAD_INPUT;
        });
        return cl.execute(args);
    }

    /**
     * The commands {@code args} need: the one the first argument names, or all of them (no
     * command, an option, a misspelt command, help and completion, which speak of all).
     */
    static List<Class<?>> commandsFor(String[] args) {
        if (args.length > 0) {
            for (Class<?> c : COMMANDS) {
                boolean aboutAll = c == CommandLine.HelpCommand.class || c == AutoComplete.GenerateCompletion.class;
                if (!aboutAll && c.getAnnotation(Command.class).name().equals(args[0])) {
                    return List.of(c);
                }
            }
        }
        return COMMANDS;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/kline-bench.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {
                "kline-bench " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
