package io.klinebench.cli;

import io.klinebench.config.ConfigException;
import io.klinebench.config.IoCause;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.Violation;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.serial.JSerialCommChannel;
import io.klinebench.serial.PtyWorkers;
import io.klinebench.serial.ThreadPriority;
import io.klinebench.sim.Listener;
import io.klinebench.sim.PortSettings;
import io.klinebench.time.SystemClock;
import io.klinebench.time.Uncertainty;
import io.klinebench.trace.TraceFile;
import io.klinebench.trace.TraceHeader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "listen",
        mixinStandardHelpOptions = true,
        description = {
            "Listens on a live K-line (a real tester and a real car, or any two peers) without ever sending a byte: "
                    + "stamps every byte as it arrives, tells the tester's frames from the module's (KWP2000 by "
                    + "the header's addresses and service id, DS2 by the request/answer turn), prints each frame "
                    + "as it completes with the gap before it (P2, P3...), judges both sides' timing as 'validate' "
                    + "does and prints every violation as it is found. Bytes that fit no frame (garbled, cut off) "
                    + "are said as such.",
            "",
            "Ctrl-C (SIGINT) or SIGTERM ends it with a summary: frames per side, the verdict on the whole trace. "
                    + "The trace (--trace) is the one 'validate' reads, with a header naming the profile, the "
                    + "protocol, the stamps' uncertainty and 'transport: listen on PORT'.",
            "",
            "Exit status: 2 for a port that cannot be opened or vanishes, an unknown profile, a bad option; "
                    + "ended by a signal, the signal's (130 for Ctrl-C, 143 for SIGTERM)."
        })
final class ListenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", required = true, paramLabel = "PATH", description = "The port on the K-line.")
    String port;

    @Option(
            names = "--profile",
            required = true,
            paramLabel = "NAME",
            description = "The module's profile: its protocol, address, line settings and timing.")
    String profileName;

    @Option(names = "--trace", paramLabel = "FILE", description = "Write every byte heard to FILE.")
    Path trace;

    @Option(
            names = "--uncertainty",
            paramLabel = "DURATION",
            description = "How far each stamp may be off; default 25ms on a pty, 45ms on a cable (as 'sim' states).")
    String uncertainty;

    @Option(names = "--quiet", description = "Print only violations and the summary, not every frame.")
    boolean quiet;

    @Option(names = "--profiles", paramLabel = "DIR", description = "Look for profiles in DIR first.")
    List<Path> profileDirs = new ArrayList<>();

    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean gone;
    private Listener listener;
    private SystemClock clock;
    private DiagnosticProfile diag;
    private Uncertainty stamps;
    private boolean finished;
    /** The kernel's serial-line workers, raised while it listens (a JVM of its own). */
    private PtyWorkers workers = PtyWorkers.leftAsTheyAre("not listening yet");

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ProfileCatalog.requireDirectories(profileDirs, "--profiles");
            diag = ProfileCatalog.searching(profileDirs).loadDiagnostics(profileName);
            stamps = stamps();
        } catch (ConfigException e) {
            err.println("kline-bench listen: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        Optional<String> unwritable = UserPaths.unwritable("--trace", trace);
        if (unwritable.isPresent()) {
            err.println("kline-bench listen: " + unwritable.get());
            return Main.BAD_INPUT;
        }
        TraceHeader header = new TraceHeader(
                Optional.of(profileName),
                Optional.of(diag.protocol().id()),
                Optional.of(stamps),
                Optional.of(diag.lineDescription()),
                Optional.of("listen on " + port));
        TraceFile.Writer writer;
        try {
            writer = trace == null
                    ? new TraceFile.Writer(Writer.nullWriter(), header)
                    : TraceFile.Writer.create(trace, header);
        } catch (IOException e) {
            err.println("kline-bench listen: --trace " + trace + ": " + IoCause.of(e));
            return Main.BAD_INPUT;
        }
        Posix.stopOnSigintEvenWhenIgnored();
        clock = new SystemClock("listen");
        JSerialCommChannel channel = new JSerialCommChannel(
                port,
                diag.baud(),
                JSerialCommChannel.Framing.parse(diag.framing()),
                true); // PARMRK: breaks are wake-ups
        PrintWriter live = out;
        try {
            listener = Listener.start(
                    clock,
                    channel,
                    diag,
                    stamps,
                    writer,
                    line -> {
                        if (!quiet || line.startsWith("violation") || line.startsWith("not decidable")) {
                            live.println(line);
                        }
                    },
                    () -> {
                        // jSerialComm closes its ports at shutdown: a signal, not a vanished port
                        gone = !StoppedEarly.shuttingDown();
                        ended.countDown();
                    });
        } catch (IOException | RuntimeException e) {
            clock.close();
            try {
                // as the sim's trace does: validate then says why it holds nothing
                writer.stoppedAtStart(e.getMessage() == null ? e.toString() : e.getMessage());
                writer.close();
            } catch (IOException x) {
                // the port's failure is the news; the trace holds its header only
            }
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            err.println("kline-bench listen: " + (why.contains(port) ? why : port + ": " + why));
            return Main.BAD_INPUT;
        }
        // The stamps are only as good as the reader's scheduling, as the sim's are: on a busy
        // machine a listener at normal priority stamped a module's byte 47 ms late and reported a
        // P1 violation the module did not make. Its clock and reader run raised (Listener), and
        // in a JVM of its own what in the JVM can stop them.
        OwnJvm.Timing timing = OwnJvm.timing(listener.priority(), true);
        ThreadPriority.Outcome priority = timing.threads();
        workers = timing.workers();
        out.println("kline-bench listen: " + port + ", profile " + profileName + " (" + diag.lineDescription() + ")");
        out.println("sending nothing; stamps " + stamps + "; "
                + priority.said()
                + (priority.raised() ? "" : "; stamps on a busy machine are less exact")
                + "; " + workers.said()
                + "; Ctrl-C or SIGTERM ends with a summary");
        out.flush();
        Thread hook = new Thread(() -> finish(out), "listen-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!StoppedEarly.shuttingDown()) {
            Runtime.getRuntime().removeShutdownHook(hook); // run in a JVM that goes on (a test): leave nothing behind
        }
        finish(out);
        if (gone) {
            err.println("kline-bench listen: " + port + " is gone (unplugged, or its other end closed); "
                    + "the trace is complete up to then");
            return Main.BAD_INPUT;
        }
        return Main.OK;
    }

    /** Once, from the main thread (the port vanished) or the shutdown hook (a signal). */
    private synchronized void finish(PrintWriter out) {
        if (finished) {
            return;
        }
        finished = true;
        Listener.Summary s = listener.stop();
        clock.close();
        workers.close(); // put back as they were: they are the whole machine's
        out.println("heard: " + s.testerFrames() + " tester frames, " + s.ecuFrames() + " ecu frames, "
                + s.inits() + (s.inits() == 1 ? " init" : " inits") + ", " + s.unattributedBytes()
                + " bytes that fit no frame");
        for (Violation v : s.violations()) {
            out.println(v);
        }
        for (Violation v : s.undecided()) {
            out.println("not decidable within the stamps' uncertainty: " + v);
        }
        out.println(TraceVerdict.headline(
                s.entries(),
                profileName,
                diag.protocol().name(),
                stamps,
                s.violations().size(),
                s.undecided().size()));
        out.flush();
        ended.countDown();
    }

    private Uncertainty stamps() throws ConfigException {
        if (uncertainty != null) {
            return UncertaintyOption.parse(uncertainty);
        }
        return isPty(port) ? PortSettings.PTY : PortSettings.CABLE;
    }

    /** A pseudo-terminal (or a link to one): its bytes are late as a pty's, not as a USB cable's. */
    private static boolean isPty(String port) {
        try {
            return Path.of(port).toRealPath().startsWith("/dev/pts");
        } catch (IOException | RuntimeException e) {
            return false; // opening it will say what is wrong
        }
    }
}
