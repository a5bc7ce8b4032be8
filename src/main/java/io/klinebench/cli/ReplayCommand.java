package io.klinebench.cli;

import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.replay.EdiabasSimFile;
import io.klinebench.replay.ReplayOptions;
import io.klinebench.replay.ReplayScript;
import io.klinebench.replay.RequestPattern;
import io.klinebench.replay.TraceScript;
import io.klinebench.replay.UnknownRequest;
import io.klinebench.report.EventText;
import io.klinebench.report.ReportModel;
import io.klinebench.serial.BaudWatch;
import io.klinebench.serial.JSerialCommChannel;
import io.klinebench.serial.PortChannel;
import io.klinebench.serial.PtyPair;
import io.klinebench.sim.EventStream;
import io.klinebench.sim.PortModule;
import io.klinebench.sim.PortReplay;
import io.klinebench.sim.PortSettings;
import io.klinebench.sim.SimEvent;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.SystemClock;
import io.klinebench.trace.LiveTrace;
import io.klinebench.trace.Trace;
import io.klinebench.trace.TraceFile;
import io.klinebench.trace.TraceHeader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Puts a replay module on a serial port or a new virtual pty pair, in real time, until interrupted: it "
                    + "answers a tester with the answers of a recorded session. RECORDING is our trace (as 'sim "
                    + "--trace', 'tester --trace' and 'listen --trace' write it) or an ediabaslib simulation file "
                    + "(.sim; see bench-config/README.md). The profile's own link layer does the inits, framing and "
                    + "addresses; the replay answers where the module's services would.",
            "",
            "A request gets the recorded answers to the same request in order: the first time the first, the "
                    + "second time the second; after the last, --after-last says (repeat: the last again; "
                    + "unknown: as a request the recording never answered). --match PATTERN makes every recorded "
                    + "request it matches one request (XX any byte, 1X / X1 any nibble, a final .. any further "
                    + "bytes): e.g. '27 02 XX XX' for keys that differ with the seed.",
            "",
            "It prints where the tester connects, what the recording holds and what was left out of it, then one "
                    + "line per event as the sim does: frame received, replay-answered (which answer, from where), "
                    + "replay-refused or replay-ignored with the reason, answered with its P2.",
            "",
            "Exit status: 130 on SIGINT, 143 on SIGTERM, 2 bad input (recording, profile, option, port), or a trace "
                    + "file that stops taking writes (a full disk), or a stdout whose reader is gone: the replay says "
                    + "so and stops at once."
        })
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECORDING", description = "Our trace, or an ediabaslib .sim file.")
    Path recording;

    @Option(
            names = "--format",
            paramLabel = "trace|ediabas",
            description = "What RECORDING is. Default: ediabas for a name ending in .sim, else trace.")
    String format;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "The module's profile (protocol, address, line, timing). Default: the one the trace's header "
                    + "names; needed for a .sim file.")
    String profileName;

    /** --port or --virtual, --link, --echo: as sim has them. */
    @Mixin
    PortOptions where = new PortOptions();

    @Option(
            names = "--timing",
            paramLabel = "recorded|profile",
            description = "When answers go out: at the recorded P2 and gaps between bytes (default; a .sim file has no "
                    + "times: the profile's), or at the profile's P2 and gap.")
    String timing = "recorded";

    @Option(
            names = "--unknown",
            paramLabel = "nrc:HH|status:HH|ignore",
            description = "A request the recording has no answer for: refused with a KWP2000 NRC (7F SID HH) or a DS2 "
                    + "status byte, or not answered. Default: nrc:11 (serviceNotSupported) for KWP2000, status:B1 "
                    + "(ERROR_ECU_FUNCTION) for DS2. Either way the event says why.")
    String unknown;

    @Option(
            names = "--after-last",
            paramLabel = "repeat|unknown",
            description = "A request asked more often than recorded: the last answer again (default), or as --unknown.")
    String afterLast = "repeat";

    @Option(
            names = "--match",
            paramLabel = "PATTERN",
            description = "Recorded requests this matches are one request, their answers in order (repeatable).")
    List<String> matches = new ArrayList<>();

    @Option(names = "--trace", paramLabel = "FILE", description = "Write every byte of the replay's line to FILE.")
    Path trace;

    @Option(names = "--profiles", paramLabel = "DIR", description = "Look for profiles in DIR first.")
    List<Path> profileDirs = new ArrayList<>();

    @Option(
            names = {"-q", "--quiet"},
            description = "Do not print the live stream of events.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> wrong =
                where.nowhere() ? Optional.of("--port PATH or --virtual is needed") : where.wrongWords();
        if (wrong.isPresent()) {
            err.println("kline-bench replay: " + wrong.get());
            return Main.BAD_INPUT;
        }
        DiagnosticProfile diag;
        ReplayScript script;
        ReplayOptions options;
        try {
            ProfileCatalog.requireDirectories(profileDirs, "--profiles");
            ProfileCatalog catalog = ProfileCatalog.searching(profileDirs);
            boolean ediabas = format == null
                    ? recording
                            .getFileName()
                            .toString()
                            .toLowerCase(Locale.ROOT)
                            .endsWith(".sim")
                    : switch (format) {
                        case "ediabas" -> true;
                        case "trace" -> false;
                        default ->
                            throw new ConfigException("--format", "expected trace or ediabas, not '" + format + "'");
                    };
            Trace recorded = ediabas ? null : TraceFile.load(recording);
            boolean fromTrace = profileName == null
                    && recorded != null
                    && recorded.header().profile().isPresent();
            if (fromTrace) {
                profileName = recorded.header().profile().get();
            }
            if (profileName == null) {
                err.println("kline-bench replay: --profile NAME is needed ("
                        + (ediabas ? "a simulation file names none" : recording + " names no profile in its header")
                        + ")");
                return Main.BAD_INPUT;
            }
            try {
                diag = catalog.loadDiagnostics(profileName);
            } catch (ConfigException e) {
                // the profile the trace names: said at the line that names it
                throw fromTrace ? recorded.at(TraceHeader.Field.PROFILE, e) : e;
            }
            Optional<String> traced =
                    recorded == null ? Optional.empty() : recorded.header().protocol();
            if (traced.isPresent() && !traced.get().equals(diag.protocol().id())) {
                throw recorded.error(
                        TraceHeader.Field.PROTOCOL,
                        recording.toString(),
                        "a " + traced.get() + " trace; profile " + profileName + " speaks "
                                + diag.protocol().id());
            }
            List<RequestPattern> masks = new ArrayList<>();
            for (String m : matches) {
                masks.add(parse("--match", () -> RequestPattern.parse(m)));
            }
            script = ediabas
                    ? EdiabasSimFile.read(recording, diag)
                    : TraceScript.of(recording.toString(), recorded, diag, masks);
            if (ediabas && !masks.isEmpty()) {
                throw new ConfigException(
                        "--match", "a simulation file writes its own patterns; --match is for traces");
            }
            UnknownRequest unknownRequest = unknown == null
                    ? new UnknownRequest.Refuse(diag.protocol().notSupported())
                    : parse("--unknown", () -> UnknownRequest.parse(unknown, diag.protocol()));
            ReplayOptions.Timing t = parse("--timing", () -> switch (timing) {
                case "recorded" -> ReplayOptions.Timing.RECORDED;
                case "profile" -> ReplayOptions.Timing.PROFILE;
                default -> throw new IllegalArgumentException("expected recorded or profile, not '" + timing + "'");
            });
            ReplayOptions.AfterLast after = parse("--after-last", () -> switch (afterLast) {
                case "repeat" -> ReplayOptions.AfterLast.REPEAT;
                case "unknown" -> ReplayOptions.AfterLast.UNKNOWN;
                default -> throw new IllegalArgumentException("expected repeat or unknown, not '" + afterLast + "'");
            });
            options = new ReplayOptions(t, unknownRequest, after);
        } catch (ConfigException e) {
            err.println("kline-bench replay: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        Optional<String> unwritable = where.unmakeableLink().or(() -> UserPaths.unwritable("--trace", trace));
        if (unwritable.isPresent()) {
            err.println("kline-bench replay: " + unwritable.get());
            return Main.BAD_INPUT;
        }
        Posix.stopOnSigintEvenWhenIgnored();
        Resources r = new Resources();
        CountDownLatch stopped = new CountDownLatch(1);
        LostRecord lost = new LostRecord("replay", err, r, stopped);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            lost.stopping();
                            r.close();
                            stopped.countDown();
                            lost.endWithStatusIfLost();
                        },
                        "replay-shutdown"));
        try {
            where.removeOldLink();
            r.clock = new SystemClock("replay");
            long origin = r.clock.nanos();
            PortChannel channel;
            if (where.virtual()) {
                r.pty = PtyPair.open(null);
                channel = r.pty.master();
            } else {
                channel = new JSerialCommChannel(
                        where.port(), diag.baud(), JSerialCommChannel.Framing.parse(diag.framing()), true);
            }
            PortSettings settings = where.virtual() ? PortSettings.virtualPair() : PortSettings.cable();
            settings = where.echoAsGiven(settings);
            String lineText = settings.lineText(diag);
            if (trace != null) {
                TraceHeader header = new TraceHeader(
                        Optional.of(profileName),
                        Optional.of(diag.protocol().id()),
                        Optional.of(settings.line().uncertainty()),
                        Optional.of(lineText),
                        Optional.of(where.virtual() ? "pty " + r.pty.slavePath() : "serial port " + where.port()));
                r.trace = new LiveTrace(
                        r.clock,
                        Files.newBufferedWriter(trace, StandardCharsets.UTF_8),
                        origin,
                        20 * Durations.MS,
                        header);
            }
            boolean colour = Posix.isTerminal(Posix.STDOUT) && System.getenv("NO_COLOR") == null;
            Function<Event, String> liveLine = e -> {
                Map<String, Object> m = ReportModel.event(e, s -> null, origin);
                String text = EventText.line(m);
                return colour ? EventText.coloured(EventText.tone(m), text) : text;
            };
            if (!quiet) {
                r.live = EventStream.held("replay-live", out, liveLine, false)
                        .whenFailed(why -> lost.lost("stdout", why, "every event"));
            }
            EventStream live = r.live;
            LiveTrace tw = r.trace;
            r.replay = PortReplay.start(
                    diag,
                    script,
                    options,
                    r.clock,
                    channel,
                    settings,
                    tw == null ? e -> {} : tw::record,
                    r.pty == null ? null : BaudWatch.of(r.pty),
                    e -> {
                        if (tw != null && e instanceof SimEvent.MachineStopped c) {
                            // validate, and a replay of this trace, widen the gaps this stop held, as the link did
                            tw.cpuStop(c.stop());
                        }
                        if (live != null) {
                            live.accept(e);
                        }
                    });
            // a replay runs for hours, as the sim does: its heap kept small and given back as it runs
            OwnJvm.keepHeapSmallWhileRunning();
            r.link = where.publish(r.pty);
            String connect = where.connect(r.pty);
            out.println("kline-bench replay: " + script.origin() + ", profile " + profileName);
            out.println("connect the tester to: " + connect);
            out.println(lineText);
            OwnJvm.Timing raised = OwnJvm.timing(r.replay.priority(), settings.raisePriority());
            r.workers = raised.workers();
            out.println("timing: stamps " + settings.line().uncertainty() + "; "
                    + raised.threads().said() + "; " + r.workers.said() + "; " + r.replay.machineWatch());
            out.println("recording: " + script.holds() + "; timing "
                    + timing + "; unknown requests: " + describe(options.unknown(), diag) + "; after the last answer: "
                    + afterLast);
            for (String note : script.notes()) {
                out.println("note: " + note);
            }
            out.println("SIGINT or SIGTERM stops");
            out.flush();
            if (live != null) {
                live.release();
            }
            // told only now that the replay is up: a stop must not meet one half started
            if (tw != null) {
                tw.whenFailed(why -> lost.lost("--trace " + trace, why, "every byte on the line"));
            }
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return lost.happened() ? Main.BAD_INPUT : 130;
        } catch (IOException | IllegalArgumentException e) {
            r.close();
            err.println("kline-bench replay: " + e.getMessage());
            return Main.BAD_INPUT;
        }
    }

    private static String describe(UnknownRequest u, DiagnosticProfile diag) {
        if (u instanceof UnknownRequest.Refuse f) {
            return String.format(
                    Locale.ROOT, "refused, %s:%02X", diag.protocol().refusalCode(), f.code());
        }
        return "ignored";
    }

    /** A value of an option, its IllegalArgumentException as the option's error. */
    private static <T> T parse(String option, java.util.function.Supplier<T> read) throws ConfigException {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(option, e.getMessage());
        }
    }

    /** What the replay holds open beside what every command on a port does: the replaying module. */
    private static final class Resources extends PortResources {
        PortReplay replay;

        @Override
        void stopModule() {
            if (replay != null) {
                replay.close();
            }
        }

        @Override
        PortModule module() {
            return replay;
        }
    }
}
