package io.klinebench.cli;

import io.klinebench.bench.Action;
import io.klinebench.car.Profile;
import io.klinebench.config.ConfigException;
import io.klinebench.config.IoCause;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.report.EventLog;
import io.klinebench.serial.BaudWatch;
import io.klinebench.serial.JSerialCommChannel;
import io.klinebench.serial.ModemLines;
import io.klinebench.serial.PortChannel;
import io.klinebench.serial.PtyPair;
import io.klinebench.serial.ThreadPriority;
import io.klinebench.sim.BenchSetup;
import io.klinebench.sim.EventStream;
import io.klinebench.sim.ModemMapping;
import io.klinebench.sim.ModemWiring;
import io.klinebench.sim.PortSettings;
import io.klinebench.sim.PortSimulator;
import io.klinebench.sim.SetupLoader;
import io.klinebench.sim.SimEvent;
import io.klinebench.sim.StateKeeper;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.SystemClock;
import io.klinebench.trace.LiveTrace;
import io.klinebench.trace.TraceHeader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "sim",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Puts the simulated module on a serial port (a real K-line cable) or on a new virtual pty pair, "
                    + "in real time, until interrupted: Ctrl-C, SIGINT or SIGTERM (kill PID) close everything cleanly, "
                    + "the trace complete and the state saved; started with & from a script (where the shell ignores "
                    + "SIGINT for it) it still stops on SIGINT.",
            "",
            "It prints where the tester connects, the protocol, baud rate, framing and ECU address. The car is the "
                    + "default setup: key A with its remote in slot 0, authorised. With --virtual --link PATH the "
                    + "link appears once the module answers: a script may wait for it.",
            "",
            "Then it says what it sees, one line per event with the time since start: each action, ignition "
                    + "cycle n of N, learn window opened and why it closed, remote learned, frame received, answered, "
                    + "ignored or dropped and why, init refused and why, every timing window judged with its value, "
                    + "limit, margin and verdict; in colour when stdout is a terminal (red missed or refused, "
                    + "yellow a warning, green met or done; NO_COLOR turns it off). --quiet turns the stream off.",
            "",
            "Console: physical actions on stdin, one per line, in the words of sequence steps (insert A, ignition 1, "
                    + "door driver open, press A lock, car-battery disconnect...), read only when stdin is a terminal "
                    + "(and the sim is in its foreground: 'sim ... &' in a shell runs without touching it) or with "
                    + "--console. Each is performed on the model's clock and answered on one line with what the car "
                    + "did: 'ok: EVENT; EVENT...' (e.g. 'ok: ignition-changed from=1 to=2; cycle-counted n=1 of=4'; "
                    + "'ok: nothing happened'), 'refused: WHY' when the car or a remote refuses it (e.g. 'refused: no "
                    + "key in the ignition'), or 'error: WHY' when the line is not an action for this car (an unknown "
                    + "key or door) or not one in real time ('wait' is for sequences: here time passes by itself).",
            "",
            "--events FILE|-: every event also as one JSON object per line, as the JSON run report's events: "
                    + "at-ns and t (since start), type, then the event's fields; the sim adds 'sim-started' (profile, "
                    + "summary, connect, line), 'action-performed' (action), 'port-gone' (port, why) and 'port-back' (a --port "
                    + "that vanished and came back: port, away-nanos, bytes-not-sent; a --port that is a pty's own "
                    + "/dev/pts path is not opened again: its number goes to the next pty, another program's), 'cpu-stopped' (cpu, since, for-nanos: the "
                    + "machine ran nothing of ours on that CPU; gaps it held are taken), 'pty-stalled' (since, for-nanos: the "
                    + "kernel delivered no pty byte, seen on a probe pty of ours; gaps it held are taken), 'sim-stopped' and, when the output cannot "
                    + "keep up, 'events-dropped' (count). With '-' stdout carries only these lines; the banner, the "
                    + "live stream and console answers go to stderr. 'kline-bench report FILE' prints the run's "
                    + "timing windows and events from it.",
            "",
            "--trace FILE: one line per byte on the line, written as it happens and flushed at the end of each frame:",
            "  <ns since start> <tester|ecu> <hex byte> <frame number>",
            "  e.g. '1203443112 tester 81 1'. A frame is a run of bytes from one side with no gap over 20 ms.",
            "  Comment lines say the header (profile, protocol, uncertainty, line, transport), answers the module was "
                    + "told to break ('# injected:') and the machine's stops seen while a tester talked "
                    + "('# cpu-stop: CPU FROM-NS TO-NS', CPU 'pty' for the kernel's pty delivery), which 'validate' reads.",
            "",
            "--state FILE: the module's non-volatile memory (slots and counters, coding, VIN, fault memory, "
                    + "security lockout) is restored from FILE at start and saved to it, atomically, at most once a second "
                    + "after a change and at exit: a crash or kill never leaves it half written. A symlink is written "
                    + "through and a file keeps its permissions; one that cannot be read or written, or holds anything "
                    + "the module would not keep (an unknown field, more after the JSON), is refused at start.",
            "",
            "--control PORT: the same console on a TCP port bound to 127.0.0.1 only (0 picks a free one; the port is "
                    + "printed), one action per line, answered as on the console. Up to " + ControlServer.MAX_CLIENTS
                    + " clients at once: a newcomer "
                    + "finding every seat taken gets the seat of the client silent the longest, which is told why "
                    + "('error: closed to make room for a new client: ...') and closed.",
            "",
            "Exit status: 130 on SIGINT, 143 on SIGTERM, 2 bad input (profile, port missing or busy, state file, "
                    + "control port), or an events, trace or state file that stops taking writes (a full disk, a "
                    + "removed drive), or a stdout whose reader is gone ('sim ... | head -1'): the sim says so and "
                    + "stops at once, as what it records from then on would be lost."
        })
final class SimCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "The profile (see 'kline-bench profiles'); " + "required unless the setup file names one.")
    String profileName;

    /** --port or --virtual, --link, --echo: as replay has them. */
    @Mixin
    PortOptions where = new PortOptions();

    @Option(
            names = "--setup",
            paramLabel = "FILE",
            description = "A bench setup (bench-config/setups/): profile, port, "
                    + "baud, echo, the car's keys, and the modem-line wiring of a relay rig. Options given here win.")
    Path setupFile;

    @Option(
            names = "--can",
            paramLabel = CanOption.WORDS,
            description = "A D-CAN profile on CAN itself instead of a K+DCAN cable: slcan:PATH drives the slcan "
                    + "adapter (a CANable) at PATH; slcan with --virtual or --port makes that port an slcan adapter "
                    + "with the car's bus behind it, for any slcan host (the tester's --can); socketcan:IFACE answers "
                    + "on the SocketCAN interface IFACE (can0, vcan0) through a raw CAN socket. Echo off.")
    String can;

    @Option(
            names = "--uncertainty",
            paramLabel = "DURATION",
            description = "How late a byte may be stamped after the tester sent it on this port: timing within it is "
                    + "taken, not refused, and said. Default: 25ms for --virtual, 45ms for --port (see BENCHMARKS.md).")
    String uncertainty;

    @Option(
            names = "--strict",
            description = "Drop and refuse exactly as a real module would, whatever the port's uncertainty.")
    boolean strict;

    @Option(
            names = "--cable",
            paramLabel = "7+8|7",
            description = "A car with two K-lines (the R50/R53): the K+DCAN cable's switch. 7+8 (the default) bridges "
                    + "pins 7 and 8, and the tester hears every module of both lines; 7 leaves pin 7 alone (the engine "
                    + "line). The console's 'cable 7' or 'cable 7+8' switches it while the sim runs.")
    String cable;

    @Option(names = "--trace", paramLabel = "FILE", description = "Write every byte to FILE (format above).")
    Path trace;

    @Option(names = "--state", paramLabel = "FILE", description = "Keep the module's non-volatile memory in FILE.")
    Path state;

    @Option(
            names = "--control",
            paramLabel = "PORT",
            description = "Also take actions on 127.0.0.1:PORT (0: any free port).")
    Integer control;

    @Option(names = "--profiles", paramLabel = "DIR", description = "Look for profiles in DIR first.")
    List<Path> profileDirs = new ArrayList<>();

    @Option(
            names = {"-q", "--quiet"},
            description = "Do not print the live stream of events (the banner and answers still come).")
    boolean quiet;

    @Option(
            names = "--events",
            paramLabel = "FILE|-",
            description = "Also write every event to FILE as JSON lines ('-': stdout; format above).")
    String events;

    @Option(
            names = "--console",
            description = "Read actions from stdin even when it is not a terminal (a pipe, a file).")
    boolean console;

    /** The module the options and the setup file ask for; {@code can} and {@code setup} are null when not given. */
    private record ModuleChoice(
            Profile profile, DiagnosticProfile diag, CanOption can, BenchSetup setup, Optional<Action.Cable> cable) {}

    /** The options refused before anything starts, said as "kline-bench sim: MESSAGE" with exit status 2. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModuleChoice chosen;
        Path eventsFile;
        try {
            chosen = chooseModule();
            // Before anything starts: a file that cannot be made would stop the sim half started.
            eventsFile = events == null || "-".equals(events) ? null : Path.of(events);
            Optional<String> unwritable = where.unmakeableLink()
                    .or(() -> UserPaths.unwritable("--trace", trace))
                    .or(() -> UserPaths.unwritable("--events", eventsFile));
            if (unwritable.isPresent()) {
                throw new Refused(unwritable.get());
            }
        } catch (Refused e) {
            err.println("kline-bench sim: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        Posix.stopOnSigintEvenWhenIgnored();
        boolean eventsToStdout = "-".equals(events);
        PrintWriter human = eventsToStdout ? err : out;
        SimResources r = new SimResources();
        // from the start: a signal while starting up also takes the link and the pty away
        CountDownLatch stopped = new CountDownLatch(1);
        LostRecord lost = new LostRecord("sim", err, r, stopped);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            lost.stopping();
                            r.close();
                            stopped.countDown();
                            lost.endWithStatusIfLost();
                        },
                        "sim-shutdown"));
        try {
            Profile profile = chosen.profile();
            DiagnosticProfile diag = chosen.diag();
            BenchSetup setup = chosen.setup();
            where.removeOldLink();
            r.clock = new SystemClock("sim");
            long origin = r.clock.nanos();
            PortChannel channel = openChannel(chosen, r);
            PortSettings settings = portSettings(chosen.can());
            if (trace != null) {
                r.trace = new LiveTrace(
                        r.clock,
                        Files.newBufferedWriter(trace, StandardCharsets.UTF_8),
                        origin,
                        20 * Durations.MS,
                        traceHeader(diag, settings, chosen.can(), r.pty));
            }
            LiveTrace tw = r.trace;
            r.sim = PortSimulator.start(
                    profile,
                    diag,
                    setup != null ? setup.car() : PortSimulator.defaultCar(),
                    r.clock,
                    channel,
                    settings,
                    tw == null ? t -> {} : tw::record,
                    r.pty == null ? null : BaudWatch.of(r.pty));
            PortSimulator sim = r.sim;
            if (tw != null) {
                // an answer the module was told to break is marked in the trace: validate names it
                sim.onEvent(e -> {
                    if (e instanceof LinkEvent.FaultInjected f) {
                        tw.injected(f.at(), f.until(), f.fault() + " " + f.trigger());
                    } else if (e instanceof SimEvent.MachineStopped c) {
                        // validate widens the gaps this stop held, as the link did
                        tw.cpuStop(c.stop());
                    }
                });
            }
            if (state != null) {
                r.state = sim.onLoopChecked(() ->
                        StateKeeper.start(state, profile, r.clock, sim.rig().car(), Durations.S));
            }
            if (setup != null) {
                // the setup's faults, armed before any tester can connect, each said as fault-armed
                for (Action.InjectFault f : setup.faults()) {
                    sim.perform(f.text());
                }
            }
            // A car of two lines: the cable's switch as asked (the profile's default, 7+8, when not),
            // said in the stream with what the tester hears
            Optional<String> hears = sim.cableHears();
            if (hears.isPresent()) {
                sim.perform(chosen.cable().orElse(new Action.Cable(true)).text());
            }
            if (setup != null && setup.modemLines() != ModemMapping.NONE) {
                if (channel instanceof ModemLines lines) {
                    r.wiring = ModemWiring.start(sim.rig(), lines, setup.modemLines());
                } else {
                    err.println("kline-bench sim: " + setupFile
                            + " wires modem lines, which a virtual pty does not have; " + "ignoring them");
                }
            }
            IntFunction<String> names = serial -> sim.rig().remoteName(serial).orElse(null);
            SimConsole simConsole = new SimConsole(sim, names, origin);
            if (control != null) {
                r.control = ControlServer.start(control, simConsole::answer);
            }
            String connect = where.connect(r.pty);
            String lineText = settings.lineText(diag)
                    + sim.cableHears().map(h -> "\nlines: " + h).orElse("");
            Function<Event, String> jsonLine = e -> EventLog.line(simConsole.fields(e));
            boolean colour =
                    Posix.isTerminal(eventsToStdout ? Posix.STDERR : Posix.STDOUT) && System.getenv("NO_COLOR") == null;
            Function<Event, String> liveLine = simConsole.liveLine(colour);
            simConsole.warmUp(events != null ? jsonLine : null, quiet ? null : liveLine);
            if (events != null) {
                Writer w = eventsToStdout ? out : Files.newBufferedWriter(eventsFile, StandardCharsets.UTF_8);
                // held until the sim is up, as the live stream is: a file that refuses the first
                // line stops a running sim, not one half started
                r.json = EventStream.held("sim-events", w, jsonLine, !eventsToStdout)
                        .whenFailed(why -> lost.lost("--events " + events, why, "every event"));
                r.json.accept(new SimEvent.SimStarted(origin, profile.name(), profile.summary(), connect, lineText));
                sim.onEvent(r.json::accept);
            }
            if (!quiet) {
                // Listening before the link appears and the control port is announced, so that no
                // action of a quick client goes unsaid; writing only after the banner.
                r.live = EventStream.held("sim-live", human, liveLine, false)
                        .whenFailed(why -> lost.lost(eventsToStdout ? "stderr" : "stdout", why, "every event"));
                sim.onEvent(r.live::accept);
            }
            // In a JVM of its own: the garbage of start-up (profile, state file, control port,
            // warm-up) collected before the link appears and the sim says it is ready, the heap
            // kept near what the sim holds after it, and what in the JVM can stop the timing
            // threads raised with them.
            OwnJvm.keepHeapSmallWhileRunning();
            OwnJvm.collectStartUpGarbage();
            r.link = where.publish(r.pty);
            boolean readConsole = console || Posix.isTerminal(Posix.STDIN);
            OwnJvm.Timing timing = OwnJvm.timing(sim.priority(), settings.raisePriority());
            r.workers = timing.workers();
            printBanner(human, connect, lineText, readConsole, timingBanner(settings, timing, sim.machineWatch()));
            if (r.control != null) {
                human.println("control port: 127.0.0.1:" + r.control.port());
            }
            if (state != null) {
                human.println("state file: " + state);
            }
            if (events != null && !eventsToStdout) {
                human.println("events: " + events);
            }
            human.flush();
            if (r.live != null) {
                r.live.release();
            }
            if (r.json != null) {
                r.json.release();
            }
            // told only now that the sim is up: a stop must not meet a sim half started
            if (tw != null) {
                tw.whenFailed(why -> lost.lost("--trace " + trace, why, "every byte on the line"));
            }
            if (r.state != null) {
                r.state.whenFailed(
                        why -> lost.lost("--state " + state, "cannot be written: " + why, "what the module learns"));
            }
            if (readConsole) {
                simConsole.read(human);
            }
            try {
                stopped.await(); // stdin closed or not read: keep simulating until interrupted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return lost.happened() ? Main.BAD_INPUT : 130;
        } catch (ConfigException e) {
            return r.stoppedAtStart(err, e.getMessage());
        } catch (IOException e) {
            return r.stoppedAtStart(err, describe(e));
        } catch (IllegalArgumentException e) {
            return r.stoppedAtStart(err, e.getMessage());
        }
    }

    /**
     * The profile, its diagnostics and the car from the options and the setup file (options given
     * win; the setup fills in what they leave out: profile, port, echo), or why not. Checks that
     * need no port (the state file against the profile) are made here, before any port opens.
     */
    private ModuleChoice chooseModule() throws Refused {
        Optional<String> wrong = where.wrongWords();
        if (wrong.isPresent()) {
            throw new Refused(wrong.get());
        }
        try {
            ProfileCatalog.requireDirectories(profileDirs, "--profiles");
            ProfileCatalog catalog = ProfileCatalog.searching(profileDirs);
            BenchSetup setup = null;
            if (setupFile != null) {
                setup = SetupLoader.load(
                        setupFile, catalog, profileName != null ? profileName : SetupLoader.DEFAULT_PROFILE);
                if (profileName != null
                        && setup.profileGiven()
                        && !setup.profile().name().equals(profileName)) {
                    throw new Refused("--profile " + profileName + " but " + setupFile + " is for "
                            + setup.profile().name());
                }
                profileName = setup.profile().name();
                if (where.nowhere()) {
                    where.port(setup.port().orElse(null));
                }
                if (where.echo == null) {
                    where.echo = setup.echo() ? "on" : "off";
                }
            }
            if (profileName == null) {
                throw new Refused("--profile NAME is needed (or a --setup file that names one)");
            }
            CanOption canOption = can == null ? null : CanOption.parse(can);
            if (canOption != null && canOption.port().isPresent()) {
                if (where.port() != null || where.virtual()) {
                    throw new Refused("--can " + can + " names the adapter's port: no --port or --virtual");
                }
                where.port(canOption.port().get());
            }
            if (where.nowhere()) {
                throw new Refused("--port PATH or --virtual is needed (or a --setup file with a port)");
            }
            Profile profile = catalog.load(profileName);
            DiagnosticProfile diag = catalog.loadDiagnostics(profileName);
            Optional<Action.Cable> cableSetting = Optional.empty();
            if (cable != null) {
                try {
                    cableSetting = Optional.of(SetupLoader.cableSetting(cable, profile, diag));
                } catch (IllegalArgumentException e) {
                    throw new Refused("--cable: " + e.getMessage());
                }
            } else if (setup != null) {
                cableSetting = setup.cable();
            }
            if (canOption != null) {
                diag = canOption.applyTo(diag, profileName);
            }
            if (state != null) {
                StateKeeper.check(state, profile); // refused before any port opens, not after
            }
            return new ModuleChoice(profile, diag, canOption, setup, cableSetting);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
    }

    /** The module's side of the line: a new pty pair's master (kept in {@code r}), a CAN adapter, or the serial port. */
    private PortChannel openChannel(ModuleChoice chosen, SimResources r) throws IOException {
        if (where.virtual()) {
            r.pty = PtyPair.open(null);
            return r.pty.master();
        }
        BenchSetup setup = chosen.setup();
        int baud = setup != null && setup.baud().isPresent()
                ? setup.baud().getAsInt()
                : chosen.diag().baud();
        JSerialCommChannel.Framing framing =
                JSerialCommChannel.Framing.parse(chosen.diag().framing());
        // a real cable: PARMRK mode, so that a tester's break (fast-init wake-up) is seen
        return chosen.can() != null
                ? chosen.can().channel(baud, framing, true)
                : new JSerialCommChannel(where.port(), baud, framing, true);
    }

    /** The line as the options say it: the transport's defaults, then --echo, --uncertainty and --strict. */
    private PortSettings portSettings(CanOption canOption) throws ConfigException {
        PortSettings settings = canOption != null
                ? canOption.settings(where.virtual())
                : where.virtual() ? PortSettings.virtualPair() : PortSettings.cable();
        settings = where.echoAsGiven(settings);
        if (uncertainty != null) {
            settings = settings.uncertainty(UncertaintyOption.parse(uncertainty));
        }
        return settings.strict(strict);
    }

    /** What the trace file says it holds, read by validate: profile, protocol, uncertainty, line, transport. */
    private TraceHeader traceHeader(DiagnosticProfile diag, PortSettings settings, CanOption canOption, PtyPair pty) {
        String transport = where.virtual()
                ? "pty " + pty.slavePath()
                : canOption != null && canOption.socketCan().isPresent()
                        ? "CAN interface " + where.port() + " as slcan lines"
                        : "serial port " + where.port();
        return new TraceHeader(
                Optional.of(profileName),
                Optional.of(diag.protocol().id()),
                Optional.of(settings.line().uncertainty()),
                Optional.of(settings.lineText(diag)),
                Optional.of(transport));
    }

    /**
     * A failure of the file operations (Java names only the path of a missing file or
     * directory) as path and cause; other messages as they are, they say both already.
     */
    private static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + IoCause.of(e);
        }
        return e.getMessage();
    }

    /** What the sim's timing verdicts can be trusted to, said at start. */
    static String timingBanner(PortSettings settings, OwnJvm.Timing timing, String machineWatch) {
        LineConditions line = settings.line();
        ThreadPriority.Outcome priority = timing.threads();
        String judged = line.strict()
                ? "judged strictly, as a real module would"
                : "timing within it is taken and said (--strict judges as a real module would)";
        String threads = priority.said() + (priority.raised() ? "" : "; timing on a busy machine is less exact");
        return "timing: stamps " + line.uncertainty() + "; " + judged + "; " + threads + "; "
                + timing.workers().said() + "; " + machineWatch;
    }

    private void printBanner(PrintWriter out, String connect, String lineText, boolean readConsole, String timing) {
        out.println("kline-bench sim: profile " + profileName);
        out.println("connect the tester to: " + connect);
        out.println(lineText);
        out.println(timing);
        out.println(
                readConsole
                        ? "console: one action per line (insert A, ignition 1, ...); Ctrl-C stops"
                        : "console: not read (stdin is not a terminal; --console reads it); SIGINT or SIGTERM stops");
        out.flush();
    }
}
