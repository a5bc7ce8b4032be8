package io.klinebench.cli;

import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.Init;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.PortEndpoint;
import io.klinebench.line.Hex;
import io.klinebench.protocol.CarLines;
import io.klinebench.protocol.DCan;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.protocol.DiagnosticProtocol;
import io.klinebench.protocol.Ds2;
import io.klinebench.protocol.InitProcedure;
import io.klinebench.protocol.Kwp2000;
import io.klinebench.serial.JSerialCommChannel;
import io.klinebench.serial.PortChannel;
import io.klinebench.serial.ThreadPriority;
import io.klinebench.sim.LinesTester;
import io.klinebench.sim.PortLost;
import io.klinebench.sim.PortTester;
import io.klinebench.time.Durations;
import io.klinebench.time.SystemClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "tester",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "A K-line tester on a serial port or pty, in real time: initialises (KWP2000), sends each REQUEST "
                    + "with the protocol's timing (W5 idle before an init, P3min + 10 ms after each answer, P4 between its "
                    + "bytes) and prints each answer with the timing it measured: P2 (request end to the answer's first "
                    + "byte) and the time to the answer's last byte.",
            "",
            "Timing values, baud rate and framing come from a profile: r56-2007-2013 for kwp2000, r50-r53-2005-2008 "
                    + "for ds2, r56-2007-2013-dcan for dcan, unless --profile says otherwise.",
            "",
            "A car with two K-lines (the R50/R53 on a K+DCAN cable, e.g. 'sim --profile r50-r53-2005-2008 --cable 7+8'): "
                    + "--module-search asks every address of the profile's search list for its identification in turn (DS2 "
                    + "job 00, KWP2000* 1A 80) and prints each, found or not; --to MODULE sends each REQUEST to one module "
                    + "of the lines by name (EMS2000, KOMBI...) in its own protocol. --protocol is not needed then.",
            "",
            "Exit status: 0 every request was answered (a module search: some module answered), 1 one was not (or "
                    + "the init failed), 2 bad input, or the port gone during the run (unplugged, or the sim on its "
                    + "other end stopped): the tester stops at once and says so; stopped by a signal, 130 (Ctrl-C) or 143 "
                    + "(SIGTERM), said with how many requests were done."
        })
final class TesterCommand implements Callable<Integer> {

    /** Whose timing, baud and framing a bare {@code --protocol} uses. */
    private static final Map<String, String> DEFAULT_PROFILES = new LinkedHashMap<>();

    static {
        DEFAULT_PROFILES.put(Ds2.ID, "r50-r53-2005-2008");
        DEFAULT_PROFILES.put(Kwp2000.ID, "r56-2007-2013");
        DEFAULT_PROFILES.put(DCan.ID, "r56-2007-2013-dcan");
    }

    /** The words of {@code --init}. */
    private static final Map<String, Init> INITS = Map.of("fast", Init.FAST, "5baud", Init.FIVE_BAUD);

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PATH", description = "The port (or pty slave) to open.")
    String port;

    @Option(
            names = "--can",
            paramLabel = "slcan:PATH|socketcan:IFACE",
            description = "Instead of --port, for dcan: CAN itself through the slcan adapter (a CANable, or 'sim --can "
                    + "slcan --virtual') at PATH: S6, O, then each request as ISO-TP frames from F1; or the same "
                    + "frames on the SocketCAN interface IFACE (can0, vcan0) through a raw CAN socket.")
    String can;

    @Option(
            names = "--protocol",
            paramLabel = "ds2|kwp2000|dcan",
            description = "ds2, kwp2000 or dcan (BMW-FAST to a K+DCAN cable in D-CAN mode).")
    String protocol;

    @Option(
            names = "--module-search",
            description = "A module search over the car's lines (a profile with diagnostics.lines; default "
                    + "r50-r53-2005-2008).")
    boolean moduleSearch;

    @Option(
            names = "--to",
            paramLabel = "MODULE",
            description = "Send the requests to this module of the car's lines, by name (EMS2000, EHPS, KOMBI, EWS3).")
    String toModule;

    @Option(names = "--init", paramLabel = "fast|5baud", description = "KWP2000 initialisation (default fast).")
    String init;

    @Option(
            names = "--echo",
            paramLabel = "on|off",
            description = "Whether the line echoes our bytes (a K-line and 'sim --virtual' do; default on).")
    String echo;

    @Option(
            names = "--wake-up",
            paramLabel = "break|byte",
            description = "The fast init's wake-up: break (K held low for TiniL; the default; on a pty, which carries "
                    + "no break, a 0x00 when TiniL ends) or byte (a 0x00 at 360 baud, 25 ms low timed by the UART; "
                    + "for adapters whose break calls are slow).")
    String wakeUp;

    @Option(names = "--address", paramLabel = "HEX", description = "The ECU's address (default: the profile's).")
    String address;

    @Option(names = "--profile", paramLabel = "NAME", description = "Profile for timing, baud and framing.")
    String profileName;

    @Parameters(
            paramLabel = "REQUEST",
            arity = "0..*",
            description =
                    "Hex request data, e.g. \"21 01\" (KWP: SID and "
                            + "parameters, framed by us; DS2: the data between address/length and checksum, e.g. \"00\", the ident, sent as 00 04 00 04).")
    List<String> requests = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (moduleSearch || toModule != null) {
            return lines(out, err);
        }
        if (protocol == null) {
            return bad(err, "--protocol is needed (or --module-search, or --to MODULE)");
        }
        String defaultProfile = DEFAULT_PROFILES.get(protocol.toLowerCase(Locale.ROOT));
        if (defaultProfile == null) {
            return bad(
                    err,
                    "--protocol: expected " + String.join(" or ", DEFAULT_PROFILES.keySet()) + ", not '" + protocol
                            + "'");
        }
        CanOption canOption = null;
        if ((port == null) == (can == null)) {
            return bad(err, "--port PATH or --can slcan:PATH|socketcan:IFACE is needed, one of them");
        }
        if (port != null && port.isEmpty()) {
            return bad(err, PortOptions.EMPTY_PORT);
        }
        if (can != null) {
            try {
                canOption = CanOption.parse(can);
            } catch (IllegalArgumentException e) {
                return bad(err, e.getMessage());
            }
            if (canOption.port().isEmpty()) {
                return bad(
                        err, "--can: the tester drives an adapter: slcan:PATH or socketcan:IFACE, not '" + can + "'");
            }
            port = canOption.port().get();
            echo = "off"; // an slcan line echoes nothing, nor does a CAN socket presented as one
        }
        PortEndpoint.WakeUp wake;
        if (wakeUp == null || wakeUp.equals("break")) {
            wake = PortEndpoint.WakeUp.BREAK;
        } else if (wakeUp.equals("byte")) {
            wake = PortEndpoint.WakeUp.BYTE_AT_360_BAUD;
        } else {
            return bad(err, "--wake-up: break or byte, not '" + wakeUp + "'");
        }
        Boolean echoes = OnOff.parse(echo == null ? "on" : echo);
        if (echoes == null) {
            return bad(err, "--echo: expected on or off, not '" + echo + "'");
        }
        List<byte[]> data = new ArrayList<>();
        try {
            for (String r : requests) {
                byte[] d = Hex.parse(r);
                if (d.length == 0) {
                    return bad(err, "an empty request");
                }
                data.add(d);
            }
        } catch (IllegalArgumentException e) {
            return bad(err, e.getMessage());
        }
        DiagnosticProfile profile;
        try {
            profile = ProfileCatalog.builtIn().loadDiagnostics(profileName != null ? profileName : defaultProfile);
        } catch (ConfigException e) {
            return bad(err, e.getMessage());
        }
        DiagnosticProtocol speaks = profile.protocol();
        if (!speaks.id().equals(protocol.toLowerCase(Locale.ROOT))) { // before --can: the profile's own
            return bad(err, "profile " + profileName + " speaks " + speaks.name() + ", not " + protocol);
        }
        if (canOption != null) {
            try {
                profile = canOption.applyTo(profile, profileName != null ? profileName : defaultProfile);
                speaks = profile.protocol();
            } catch (IllegalArgumentException e) {
                return bad(err, e.getMessage());
            }
        }
        for (int i = 0; i < data.size(); i++) {
            Optional<String> tooLong = PortTester.unsendable(speaks, data.get(i));
            if (tooLong.isPresent()) {
                return bad(err, "REQUEST " + (i + 1) + ": " + tooLong.get());
            }
        }
        Optional<Init> how;
        if (init == null) {
            how = speaks.inits().stream().map(InitProcedure::init).findFirst();
        } else if (speaks.inits().isEmpty()) {
            return bad(err, "--init: " + speaks.name() + " has no initialisation");
        } else {
            Init asked = INITS.get(init.toLowerCase(Locale.ROOT));
            if (asked == null || speaks.init(asked).isEmpty()) {
                return bad(err, "--init: expected fast or 5baud, not '" + init + "'");
            }
            how = Optional.of(asked);
        }
        int ecu;
        try {
            ecu = address == null ? profile.ecuAddress() : Integer.parseInt(address.replaceFirst("^0[xX]", ""), 16);
        } catch (NumberFormatException e) {
            return bad(err, "--address: not hex: '" + address + "'");
        }
        if (ecu < 0 || ecu > 0xFF) {
            return bad(err, "--address: a byte is 00..FF");
        }
        // from before the port opens: a signal from here on is said (the ports are closed for it)
        StoppedEarly stop = stoppedEarly(err, how.isPresent() ? "during the init" : requests(0, data));
        try (SystemClock clock = new SystemClock("tester")) {
            JSerialCommChannel.Framing framing = JSerialCommChannel.Framing.parse(profile.framing());
            PortChannel channel = canOption != null
                    ? canOption.channel(profile.baud(), framing, false)
                    : new JSerialCommChannel(port, profile.baud(), framing);
            PortTester tester;
            try {
                tester = new PortTester(clock, channel, profile, ecu, echoes, wake);
            } catch (IOException e) {
                return bad(err, e.getMessage());
            }
            // Start-up's garbage now, not in a pause between the bytes of the first request, and
            // the pause work and the kernel's serial-line workers raised with the tester's timing
            // threads, as the sim does. Only in the command's own JVM: in a library user's JVM (a
            // JUnit test with the simulator beside the tester) a full collection stops the
            // simulator too, 40 to 66 ms beside two busy processes, enough to cut its answer.
            OwnJvm.Timing timing = startTiming(err, tester.priority());
            stop.onStop(timing.workers()::close);
            List<PortTester.Exchange> said = new ArrayList<>();
            try {
                // each said as it ends: a long run shows its progress, and a lost port what came before
                PortTester.conversation(tester, how, data, e -> {
                    out.println(describe(e));
                    out.flush();
                    said.add(e);
                    stop.now(null, requests(said.size() - (how.isPresent() ? 1 : 0), data));
                });
                return said.stream().allMatch(PortTester.Exchange::answered) ? Main.OK : Main.FAILED;
            } catch (PortLost lost) {
                if (StoppedEarly.shuttingDown()) {
                    return Main.BAD_INPUT; // the port closed by the signal's stop, which is said by its hook
                }
                return portLost(err, lost, Math.max(0, said.size() - (how.isPresent() ? 1 : 0)), data.size());
            } finally {
                tester.close();
                timing.workers().close(); // put back as they were: they are the whole machine's
            }
        } finally {
            stop.remove();
        }
    }

    /** The module search or requests to a module by name, on a car with two lines. */
    private int lines(PrintWriter out, PrintWriter err) {
        if (moduleSearch && toModule != null) {
            return bad(err, "--module-search or --to MODULE, not both");
        }
        if (protocol != null || init != null || address != null) {
            return bad(
                    err,
                    "--module-search and --to choose the protocol and address from the profile's lines;"
                            + " leave out --protocol, --init and --address");
        }
        if (moduleSearch && !requests.isEmpty()) {
            return bad(err, "--module-search takes no REQUEST");
        }
        if (toModule != null && requests.isEmpty()) {
            return bad(err, "--to " + toModule + " needs a REQUEST (e.g. \"21 20\")");
        }
        if (can != null) {
            return bad(err, "--module-search and --to talk over a K-line cable: --port PATH, not --can");
        }
        if (port == null) { // it said "no port null"
            return bad(err, "--port PATH is needed");
        }
        if (port.isEmpty()) {
            return bad(err, PortOptions.EMPTY_PORT);
        }
        Boolean echoes = OnOff.parse(echo == null ? "on" : echo);
        if (echoes == null) {
            return bad(err, "--echo: expected on or off, not '" + echo + "'");
        }
        List<byte[]> data = new ArrayList<>();
        DiagnosticProfile profile;
        try {
            for (String r : requests) {
                byte[] d = Hex.parse(r);
                if (d.length == 0) {
                    return bad(err, "an empty request");
                }
                data.add(d);
            }
            profile = ProfileCatalog.builtIn()
                    .loadDiagnostics(profileName != null ? profileName : DEFAULT_PROFILES.get(Ds2.ID));
        } catch (ConfigException | IllegalArgumentException e) {
            return bad(err, e.getMessage());
        }
        // the profile and the module's name before the port: a wrong name is said as such, not as
        // a port's trouble, and nothing is opened for a run that cannot start
        CarLines carLines;
        try {
            carLines = LinesTester.linesOf(profile);
        } catch (IllegalArgumentException e) {
            return bad(err, e.getMessage());
        }
        if (toModule != null) {
            try {
                carLines.module(toModule);
            } catch (IllegalArgumentException e) {
                return bad(err, "--to: " + e.getMessage());
            }
        }
        StoppedEarly stop = stoppedEarly( // as above
                err, moduleSearch ? "during the module search (nothing found is printed)" : requests(0, data));
        try (SystemClock clock = new SystemClock("tester")) {
            JSerialCommChannel channel =
                    new JSerialCommChannel(port, profile.baud(), JSerialCommChannel.Framing.parse(profile.framing()));
            LinesTester tester;
            try {
                tester = new LinesTester(clock, channel, profile, echoes);
            } catch (IOException | IllegalArgumentException e) {
                return bad(err, e.getMessage());
            }
            OwnJvm.Timing timing = startTiming(err, tester.priority()); // as above
            stop.onStop(timing.workers()::close);
            try {
                if (moduleSearch) {
                    LinesTester.Search s;
                    try {
                        s = tester.search();
                    } catch (PortLost lost) {
                        if (StoppedEarly.shuttingDown()) {
                            return Main.BAD_INPUT; // as above
                        }
                        return bad(err, lost.getMessage() + "; the module search stopped");
                    }
                    for (LinkEvent.ModuleProbed p : s.probes()) {
                        out.println(p.module() + " " + p.address() + " (" + p.protocol() + "): "
                                + (p.answered() ? "answered " + p.data() : "no answer"));
                    }
                    s.heard().forEach(h -> out.println("heard: " + h));
                    out.println("found: " + (s.found().isEmpty() ? "nothing" : String.join(", ", s.found())));
                    return s.found().isEmpty() ? Main.FAILED : Main.OK;
                }
                boolean all = true;
                for (int i = 0; i < data.size(); i++) {
                    byte[] d = data.get(i);
                    LinesTester.Answer a;
                    try {
                        a = tester.sendTo(toModule, d);
                    } catch (IllegalArgumentException e) {
                        return bad(err, "--to: " + e.getMessage());
                    } catch (PortLost lost) {
                        if (StoppedEarly.shuttingDown()) {
                            return Main.BAD_INPUT; // as above
                        }
                        return portLost(err, lost, i, data.size());
                    }
                    String to = String.format(Locale.ROOT, "%s %02X: %s ->", a.module(), a.address(), Hex.of(d));
                    // as for one line's tester: a request sent again is said, answered or not
                    String repeats = a.repeats().stream().map(r -> "; " + r).collect(Collectors.joining());
                    out.println(
                            a.data().isPresent()
                                    ? to + " " + a.data().get() + " (answer after " + ms(a.waitedNanos()) + ")"
                                            + repeats
                                    : to + " no answer" + repeats
                                            + (a.heard().isEmpty() ? "" : "; heard: " + String.join("; ", a.heard())));
                    out.flush();
                    all &= a.data().isPresent();
                    stop.now(null, requests(i + 1, data));
                }
                return all ? Main.OK : Main.FAILED;
            } finally {
                tester.close();
                timing.workers().close();
            }
        } finally {
            stop.remove();
        }
    }

    /**
     * Start-up's garbage collected and the timing raised ({@link OwnJvm#timing}) beside the
     * tester's own threads, which came out {@code own}; the caller closes the workers. The
     * tester prints no banner: where its own JVM tried to raise and could not, it says so once,
     * on stderr, so a late byte it reports later has its likely cause beside it.
     */
    private static OwnJvm.Timing startTiming(PrintWriter err, ThreadPriority.Outcome own) {
        OwnJvm.collectStartUpGarbage();
        OwnJvm.Timing timing = OwnJvm.timing(own, true);
        if (OwnJvm.isOurs() && timing.workers().outcome() instanceof ThreadPriority.Outcome.Refused) {
            err.println(
                    "kline-bench tester: timing less exact: " + timing.workers().said());
            err.flush();
        }
        return timing;
    }

    /**
     * A stop by a signal (Ctrl-C, SIGTERM) said with how far the requests got; the caller adds
     * the kernel's workers, put back on it: the signal skips the {@code finally} that puts them
     * back at the end, and left them raised for the whole machine after the tester was gone. It
     * used to end in silence (exit 130), or, with nobody answering, as a port that vanished
     * (jSerialComm closes its ports at shutdown).
     */
    private static StoppedEarly stoppedEarly(PrintWriter err, String where) {
        StoppedEarly stop = new StoppedEarly("tester", err);
        stop.now(null, where);
        return stop;
    }

    /** Where a stop finds the requests: "after 27 of 300 requests (the answers are above)". */
    private static String requests(int done, List<byte[]> data) {
        return done == 0
                ? "before its first request's answer"
                : "after " + done + " of " + data.size() + (data.size() == 1 ? " request" : " requests")
                        + " (the answers are above)";
    }

    private static String describe(PortTester.Exchange e) {
        String what = e.request().endsWith("init") ? e.request() + ":" : e.request() + " ->";
        // A request sent again is said, answered or not: the line carried it (and perhaps its answer) twice.
        String repeats = e.repeats().stream().map(r -> "; " + r).collect(Collectors.joining());
        if (!e.answered()) {
            return what + " no answer" + repeats
                    + (e.heard().isEmpty() ? "" : "; heard instead: " + String.join("; ", e.heard()));
        }
        String pending = e.pending() > 0 ? ", " + e.pending() + " x responsePending" : "";
        if (e.request().equals("5-baud init")) {
            return what + " " + e.answer().get() + " (inverted address; handshake took " + ms(e.answerNanos()) + ")";
        }
        return what + " " + e.answer().get() + " (P2 " + ms(e.p2Nanos()) + ", answer complete after "
                + ms(e.answerNanos()) + pending + ")" + repeats;
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / (double) Durations.MS);
    }

    /**
     * The port went with {@code done} of {@code all} requests said: bad input, as a port missing
     * at the start is, and said at once; the requests left are not sent.
     */
    private static int portLost(PrintWriter err, PortLost lost, int done, int all) {
        return bad(err, lost.getMessage() + "; stopped after " + done + " of " + all + " requests");
    }

    private static int bad(PrintWriter err, String message) {
        err.println("kline-bench tester: " + message);
        return Main.BAD_INPUT;
    }
}
