package io.klinebench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
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
        subcommands = {
            RunCommand.class,
            SimCommand.class,
            TesterCommand.class,
            ProfilesCommand.class,
            SequencesCommand.class,
            PortsCommand.class,
            ValidateCommand.class,
            ReportCommand.class,
            SweepCommand.class,
            SweepMergeCommand.class,
            CommandLine.HelpCommand.class,
            // 'kline-bench generate-completion' prints a bash/zsh completion script (picocli's)
            AutoComplete.GenerateCompletion.class
        })
public final class Main {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line without exiting. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with its output and errors going to the given writers (tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
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
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
            return BAD_INPUT;
        });
        return cl.execute(args);
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
