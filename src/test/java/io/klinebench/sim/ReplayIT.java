package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.cli.Main;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.replay.ReplayEvent;
import io.klinebench.replay.ReplayOptions;
import io.klinebench.replay.ReplayScript;
import io.klinebench.replay.TraceScript;
import io.klinebench.replay.UnknownRequest;
import io.klinebench.serial.BaudWatch;
import io.klinebench.serial.PtyPair;
import io.klinebench.time.CpuStop;
import io.klinebench.time.Event;
import io.klinebench.time.SystemClock;
import io.klinebench.trace.Trace;
import io.klinebench.trace.TraceHeader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The proof of record and replay, over real pty pairs in this JVM: the built-in module
 * (R53 DS2, R56 KWP2000) on a pty, our {@code tester} command asking it a session (some requests
 * more than once) while the line is traced; then that trace served by a replay module (the
 * profile's own link layer, its inits included, answering from the recording at the recorded
 * timing) on a new pty, and the same tester asking the same session: every answer the same, byte
 * for byte, each said by the replay as answered from the recording, none refused. The tester's
 * own retries on a busy machine (it says "sent again") are the same ISO 14230-2 allows against the
 * simulator; no wall-clock budget is asserted.
 */
class ReplayIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "r50-r53-2005-2008, ds2, 00;0B 03;04;00;0B 06",
        "r56-2007-2013, kwp2000, 1A 80;21 01;21 02;21 01;3E;27 01"
    })
    void aRecordedSessionReplayedGivesTheSameAnswersByteForByteToTheSameTester(
            String profile, String protocol, String requestList) throws Exception {
        DiagnosticProfile diag = ProfileCatalog.builtIn().loadDiagnostics(profile);
        List<String> requests = List.of(requestList.split(";"));
        List<TraceEntry> recorded;
        List<CpuStop> stops;
        List<String> asked;
        try (VirtualCar car =
                VirtualCar.start(ProfileCatalog.builtIn().load(profile), diag, PortSimulator.defaultCar())) {
            asked = session(car.port(), protocol, requests, () -> "the module said: " + lately(car.events()));
            recorded = car.trace();
            // as the sim's trace file carries them: a frame a stop held apart is one frame to the replay too
            stops = car.machineStops().within(car.startedAt(), car.now());
        }
        Trace trace = new Trace(
                new TraceHeader(
                        Optional.of(profile),
                        Optional.of(protocol),
                        Optional.of(PortSettings.PTY),
                        Optional.empty(),
                        Optional.empty()),
                recorded,
                List.of(),
                stops);
        ReplayScript script = TraceScript.of("recorded", trace, diag, List.of());

        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        SystemClock clock = new SystemClock("it-replay");
        List<String> replayed;
        try (PtyPair pty = PtyPair.open(null);
                PortReplay replay = PortReplay.start(
                        diag,
                        script,
                        new ReplayOptions(
                                ReplayOptions.Timing.RECORDED,
                                new UnknownRequest.Refuse(diag.protocol().notSupported()),
                                ReplayOptions.AfterLast.REPEAT),
                        clock,
                        pty.master(),
                        PortSettings.virtualPair().raisePriority(false),
                        e -> {},
                        BaudWatch.of(pty),
                        events::add)) {
            assertThat(replay.portName())
                    .as("the replay serves the pair's master")
                    .isNotBlank();
            replayed = session(pty.slavePath(), protocol, requests, () -> {
                synchronized (events) {
                    return "the replay said: " + lately(events);
                }
            });
        } finally {
            clock.close();
        }
        assertThat(replayed)
                .as(
                        "what the tester got from the replay; from the module it got %s; the script's notes: %s;"
                                + " the machine's stops in the recording: %s",
                        asked, script.notes(), stops)
                .isEqualTo(asked);
        List<Event> said;
        synchronized (events) {
            said = List.copyOf(events);
        }
        assertThat(said).noneMatch(e -> e instanceof ReplayEvent.ReplayRefused);
        assertThat(said.stream()
                        .filter(e -> e instanceof ReplayEvent.ReplayAnswered)
                        .count())
                .as("every answer the tester got came from the recording")
                .isGreaterThanOrEqualTo(1L + requests.size()); // the warm-up request and the session
    }

    /** The last events, for a failure's message: what the module's side saw and decided. */
    private static String lately(List<Event> events) {
        return events.subList(Math.max(0, events.size() - 40), events.size()).toString();
    }

    /**
     * A warm-up exchange, then the session, each with our tester command: "REQUEST -> ANSWER" of
     * every exchange of the session (the init's answer first for KWP2000), its timing words left out.
     */
    private static List<String> session(
            String port, String protocol, List<String> requests, Supplier<String> moduleSide) {
        StringWriter warmUp = new StringWriter();
        // the module's code is cold at its first request (a late first answer, which the tester may retry)
        Main.execute(
                new PrintWriter(warmUp, true),
                new PrintWriter(warmUp, true),
                "tester",
                "--port",
                port,
                "--protocol",
                protocol,
                requests.get(0));
        StringWriter said = new StringWriter();
        List<String> args = new ArrayList<>(List.of("tester", "--port", port, "--protocol", protocol));
        args.addAll(requests);
        int rc = Main.execute(new PrintWriter(said, true), new PrintWriter(said, true), args.toArray(String[]::new));
        assertThat(rc).as("%s%n%s", said, moduleSide.get()).isZero();
        List<String> out = new ArrayList<>();
        for (String l : said.toString().lines().toList()) {
            int timing = l.indexOf(" (P2");
            out.add(timing < 0 ? l : l.substring(0, timing));
        }
        assertThat(out).as(said.toString()).hasSize(requests.size() + (protocol.equals("kwp2000") ? 1 : 0));
        return out;
    }
}
