package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.cli.Main;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.Ds2Telegram;
import io.klinebench.kline.KwpFrame;
import io.klinebench.kline.LineConditions;
import io.klinebench.line.Hex;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.serial.JSerialCommChannel;
import io.klinebench.serial.PortChannel;
import io.klinebench.serial.PtyPair;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.SystemClock;
import io.klinebench.time.Uncertainty;
import io.klinebench.trace.TraceFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code kline-bench listen} on a K wire made of pty pairs: the simulator (in this JVM) and our
 * {@code tester} command each on a pty of their own, and a relay in the test that is the single
 * wire, copying every byte either sends to both of them (the echo a K-line gives) and to a third
 * pty, where {@code listen} runs as a process and is stopped with SIGTERM. Every frame of the
 * conversation is said with its side, the listener's trace has one line per byte on the wire and
 * passes {@code validate}, which agrees with the listener's own verdict, and not one byte came
 * back from the listener's pty. No wall-clock budget: the only tolerance is the trace's stated
 * uncertainty (a pty's). That is also the test's premise, and the wire measures it: a run in which
 * the listener's pty held a byte longer than that, and something failed, is aborted with the hold
 * and the failure, not passed and not failed.
 */
class ListenRelayIT {

    private static final String PROFILE = "r56-2007-2013";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"r56-2007-2013, kwp2000, 1A 80;21 01;21 02;3E", "r50-r53-2005-2008, ds2, 00;04;00"})
    void everyFrameOfARelayedSessionIsSaidWithItsSideAndTheTraceValidates(
            String profile, String protocol, String requestList) throws Exception {
        DiagnosticProfile diag = ProfileCatalog.builtIn().loadDiagnostics(profile);
        Path trace = dir.resolve("listen.trace");
        try (PtyPair testerPty = PtyPair.open(null);
                PtyPair simPty = PtyPair.open(null);
                PtyPair listenPty = PtyPair.open(null);
                Wire wire = new Wire(testerPty.master(), simPty.master(), listenPty.master())) {
            // the module on its own pty, as on a cable: it hears its own bytes back from the wire
            SystemClock simClock = new SystemClock("it-sim");
            List<Event> simSaid = Collections.synchronizedList(new ArrayList<>());
            PortSimulator sim = null;
            Listening listen = null;
            try {
                sim = PortSimulator.start(
                        ProfileCatalog.builtIn().load(profile),
                        diag,
                        PortSimulator.defaultCar(),
                        simClock,
                        new JSerialCommChannel(
                                simPty.slavePath(), diag.baud(), JSerialCommChannel.Framing.parse(diag.framing())),
                        new PortSettings(false, LineConditions.real(true, PortSettings.PTY), false),
                        e -> {},
                        null);
                sim.onEvent(simSaid::add);
                // A first conversation before anyone listens: the module in this JVM answers its very first
                // request late while its code is still cold (seen: DS2 172 ms > 100 ms on the busy 2-core
                // box), which a listener rightly reports; the conversation judged below is a warm one.
                StringWriter warmUp = new StringWriter();
                String first = protocol.equals("ds2") ? "00" : "21 01";
                Main.execute(
                        new PrintWriter(warmUp, true),
                        new PrintWriter(warmUp, true),
                        "tester",
                        "--port",
                        testerPty.slavePath(),
                        "--protocol",
                        protocol,
                        first);
                listen = Listening.start(
                        dir, "--port", listenPty.slavePath(), "--profile", profile, "--trace", trace.toString());
                wire.toListener = true;
                StringWriter said = new StringWriter();
                List<String> requests = List.of(requestList.split(";"));
                List<String> args =
                        new ArrayList<>(List.of("tester", "--port", testerPty.slavePath(), "--protocol", protocol));
                args.addAll(requests);
                int rc = Main.execute(
                        new PrintWriter(said, true), new PrintWriter(said, true), args.toArray(String[]::new));
                assertThat(rc)
                        .as("%s%nthe module's last events: %s", said, lately(simSaid))
                        .isZero();
                // Stopped once it has said the last answer (bounded): what the listener does with a
                // stop that comes before the bytes reach it is SerialPipeCloseAfterTest's; here a pty
                // under load can hand a byte over later than any grace a stop could give.
                List<String> answered =
                        said.toString().lines().filter(l -> l.contains(" -> ")).toList();
                String lastLine = answered.get(answered.size() - 1);
                String lastAnswer = lastLine.substring(lastLine.indexOf(" -> ") + 4, lastLine.indexOf(" (P2"));
                listen.awaitSaid(" ecu     " + Hex.of(frame(protocol, diag.ecuAddress(), false, lastAnswer)));
                List<String> heard = listen.stop();
                sim.close();
                sim = null;

                try {
                    theListenersAccountIsTheWires(
                            protocol, profile, diag, requests, said, listen, heard, trace, listenPty, wire);
                } catch (AssertionError e) {
                    // The premise of every check there is the trace's own: the listener's pty hands each
                    // byte over within the stated uncertainty. The wire knows when it wrote each byte, so
                    // the test measures that premise instead of assuming it. On a busy 2-core machine a
                    // pty held bytes 45 to 150 ms (1 run in about 10) while the listener's CPU watch and
                    // its probe pty saw nothing: the kernel's serial-line workers waiting their turn,
                    // which the test run now raises (KernelWorkersRaised) as the commands do. Where a
                    // hold happens even so, the listener reports what it saw, which is not what was on
                    // the wire, and no listener on that pty could do better. Such a run proves nothing
                    // either way; it is reported as aborted, with the hold and the failure.
                    Optional<String> held = wire.heldLongerThan(PortSettings.PTY, trace);
                    if (held.isPresent()) {
                        Assumptions.abort(
                                "the premise did not hold: " + held.get() + "; what failed: " + e.getMessage());
                    }
                    throw e;
                }
            } finally {
                // A failed run leaves nothing behind. The module here is on a pty slave's path;
                // left running, it opens that path again once the pty is gone (as for an adapter
                // plugged in again) and so takes the next pty the kernel gives that number, another
                // test's: seen, the README example's tester then could not open its own port
                // ("error 11": the module held its lock).
                if (listen != null) {
                    listen.kill();
                }
                if (sim != null) {
                    sim.close();
                }
                simClock.close();
            }
        }
    }

    /** The last events, for a failure's message: what the module's side saw and decided. */
    private static String lately(List<Event> events) {
        synchronized (events) {
            return events.subList(Math.max(0, events.size() - 40), events.size())
                    .toString();
        }
    }

    /**
     * Every exchange our tester had is on the listener's account with its side, the trace is one
     * line per byte on the wire and validates, validate's verdict is the listener's, and the
     * listener put no byte on the line.
     */
    private static void theListenersAccountIsTheWires(
            String protocol,
            String profile,
            DiagnosticProfile diag,
            List<String> requests,
            StringWriter said,
            Listening listen,
            List<String> heard,
            Path trace,
            PtyPair listenPty,
            Wire wire)
            throws IOException {
        // every exchange our tester had is on the listener's account, each frame with its side
        int ecu = diag.ecuAddress();
        if (protocol.equals("kwp2000")) {
            assertThat(heard).anyMatch(l -> l.contains(" tester  wake-up (K low 25ms)"));
            assertThat(heard).anyMatch(l -> l.contains(" tester  " + Hex.of(frame(protocol, ecu, true, "81"))));
        }
        List<String> exchanges =
                said.toString().lines().filter(l -> l.contains(" -> ")).toList();
        assertThat(exchanges).hasSize(requests.size());
        for (String l : exchanges) {
            String request = l.substring(0, l.indexOf(" -> "));
            String answer = l.substring(l.indexOf(" -> ") + 4, l.indexOf(" (P2"));
            assertThat(heard)
                    .as(
                            "the tester said: %s; listen's stderr: %s; %s",
                            said, listen.stderr(), wire.writtenToTheListener())
                    .anyMatch(h -> h.contains(" tester  " + Hex.of(frame(protocol, ecu, true, request))))
                    .anyMatch(h -> h.contains(" ecu     " + Hex.of(frame(protocol, ecu, false, answer))));
        }
        assertThat(heard).as(wire.writtenToTheListener()).noneMatch(h -> h.contains("fits no frame"));

        // the trace: the header validate needs, one line per byte on the wire (the wake-up 00 as its K-low)
        List<String> file = Files.readAllLines(trace);
        assertThat(file).first().isEqualTo(TraceFormat.HEADER);
        assertThat(file)
                .contains(
                        "# profile: " + profile,
                        "# protocol: " + protocol,
                        "# uncertainty: 25000000 ns (a pty, stated)",
                        "# transport: listen on " + listenPty.slavePath());
        List<String> entries = file.stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(entries).hasSize((int) wire.carried.get());
        StringWriter verdict = new StringWriter();
        int valid = Main.execute(
                new PrintWriter(verdict, true), new PrintWriter(verdict, true), "validate", trace.toString());
        assertThat(valid).as("%s%n%s", verdict, wire.writtenToTheListener()).isZero();
        String headline = verdict.toString()
                .lines()
                .filter(l -> l.startsWith("PASSED") || l.startsWith("FAILED"))
                .findFirst()
                .orElseThrow();
        assertThat(heard).as("the listener's verdict is validate's").contains(headline);
        assertThat(wire.fromListener.get())
                .as("bytes the listener put on the line")
                .isZero();
    }

    @Test
    void aVanishedPortEndsWithTheSummaryTheTraceCompleteAndOneLineAndExit2() throws Exception {
        Path trace = dir.resolve("gone.trace");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PtyPair pty = PtyPair.open(null);
        CompletableFuture<Integer> rc = CompletableFuture.supplyAsync(() -> Main.execute(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "listen",
                "--port",
                pty.slavePath(),
                "--profile",
                PROFILE,
                "--trace",
                trace.toString()));
        for (int i = 0; i < 200 && !out.toString().contains("sending nothing"); i++) {
            Thread.sleep(100);
        }
        assertThat(out.toString()).as(err.toString()).contains("sending nothing");
        PortChannel line = pty.master();
        line.open();
        byte[] request = frame(0x40, 0xF1, "21 01");
        line.write(request, request.length);
        for (int i = 0; i < 200 && !out.toString().contains(Hex.of(request)); i++) {
            Thread.sleep(100);
        }
        pty.close(); // the cable pulled out

        assertThat(rc.get(30, TimeUnit.SECONDS)).as(out + "\n" + err).isEqualTo(2);
        assertThat(err.toString().lines().toList())
                .singleElement()
                .satisfies(l -> assertThat(l).startsWith("kline-bench listen: " + pty.slavePath() + " is gone"));
        assertThat(out.toString()).contains(" tester  " + Hex.of(request), "heard: 1 tester frames, 0 ecu frames");
        assertThat(Files.readAllLines(trace).stream().filter(l -> !l.startsWith("#")))
                .hasSize(request.length);
    }

    @Test
    void aPortThatCannotBeOpenedIsOneLineAndExit2() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.execute(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "listen",
                "--port",
                dir.resolve("no-such-port").toString(),
                "--profile",
                PROFILE);
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString().lines().toList())
                .singleElement()
                .satisfies(l -> assertThat(l).startsWith("kline-bench listen: ").contains("no-such-port"));
    }

    private static byte[] frame(int target, int source, String data) {
        return KwpFrame.physical(target, source, HexFormat.of().parseHex(data.replace(" ", "")))
                .encode();
    }

    /** A request to the module or its answer, as the protocol puts it on the line (KWP2000: tester 0xF1). */
    private static byte[] frame(String protocol, int ecu, boolean request, String data) {
        if (protocol.equals("ds2")) {
            return new Ds2Telegram(ecu, HexFormat.of().parseHex(data.replace(" ", ""))).encode();
        }
        return request ? frame(ecu, 0xF1, data) : frame(0xF1, ecu, data);
    }

    /** The single K wire: every byte from the tester's or the module's pty goes to both (the echo) and to the listener's. */
    private static final class Wire implements AutoCloseable {
        final AtomicLong carried = new AtomicLong();
        final AtomicLong fromListener = new AtomicLong();
        /** Whether bytes go to the listener's pty too (off while nobody listens: a pty would keep them). */
        volatile boolean toListener;

        private final PortChannel[] ends;
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;

        /** When each run of bytes was written to the listener's pty, for a failure's message. */
        private final List<String> written = Collections.synchronizedList(new ArrayList<>());

        private long firstWrite;

        /** The instant each byte was written to the listener's pty, in the wire's order. */
        private final List<Long> byteWrittenAt = Collections.synchronizedList(new ArrayList<>());

        private void record(byte[] buf, int n) {
            long now = System.nanoTime();
            if (written.isEmpty()) {
                firstWrite = now;
            }
            written.add(String.format("%.1f %s", (now - firstWrite) / 1e6, Hex.of(Arrays.copyOf(buf, n))));
            for (int i = 0; i < n; i++) {
                byteWrittenAt.add(now);
            }
        }

        /**
         * Whether the listener's pty held a byte longer than {@code stated} and how long: each byte's
         * stamp in the listener's trace less the instant the wire wrote it, compared with the byte
         * the pty handed over soonest (the two clocks' origins differ; that difference is the same
         * for every byte). A wake-up's K-low is stamped at its start, so it is matched but not
         * compared. Empty when every byte came within {@code stated}, or when the trace's bytes
         * are not the wire's one for one (then the failure itself says so).
         */
        Optional<String> heldLongerThan(Uncertainty stated, Path trace) throws IOException {
            List<String[]> entries = Files.readAllLines(trace).stream()
                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.strip().split("\\s+"))
                    .sorted(Comparator.comparingLong(f -> Long.parseLong(f[0])))
                    .toList();
            List<Long> writes;
            synchronized (byteWrittenAt) {
                writes = List.copyOf(byteWrittenAt);
            }
            if (entries.size() != writes.size()) {
                return Optional.empty();
            }
            long soonest = Long.MAX_VALUE;
            long[] lag = new long[entries.size()];
            for (int i = 0; i < lag.length; i++) {
                lag[i] = Long.parseLong(entries.get(i)[0]) - writes.get(i);
                if (!entries.get(i)[2].equals("LOW")) {
                    soonest = Math.min(soonest, lag[i]);
                }
            }
            int worst = -1;
            for (int i = 0; i < lag.length; i++) {
                if (!entries.get(i)[2].equals("LOW") && (worst < 0 || lag[i] > lag[worst])) {
                    worst = i;
                }
            }
            long held = worst < 0 ? 0 : lag[worst] - soonest;
            if (held <= stated.nanos()) {
                return Optional.empty();
            }
            return Optional.of(String.format(
                    Locale.ROOT,
                    "the listener's pty handed byte %d of %d (%s %s, written %.1f ms after the wire's first) over"
                            + " %.1f ms later than the byte it handed over soonest; the trace states +-%s (%s)",
                    worst + 1,
                    lag.length,
                    entries.get(worst)[1],
                    entries.get(worst)[2],
                    (writes.get(worst) - firstWrite) / 1e6,
                    held / 1e6,
                    Durations.human(stated.nanos()),
                    stated.source()));
        }

        /**
         * What the wire wrote to the listener's pty and when, in ms from its first byte: beside the
         * listener's own stamps it tells a byte held by the wire (the test's relay thread) from
         * one the listener's pty held.
         */
        String writtenToTheListener() {
            synchronized (written) {
                return "the wire wrote to the listener's pty (ms from its first byte, bytes): "
                        + String.join("; ", written) + "; threads alive in the test's JVM (left by earlier tests?): "
                        + Thread.getAllStackTraces().keySet().stream()
                                .map(t -> t.getName().replaceAll("[0-9]+$", "N"))
                                .collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
            }
        }

        Wire(PortChannel tester, PortChannel module, PortChannel listener) throws IOException {
            ends = new PortChannel[] {tester, module, listener};
            for (PortChannel c : ends) {
                c.open();
            }
            carry(tester, true);
            carry(module, true);
            carry(listener, false);
        }

        private void carry(PortChannel from, boolean relay) {
            Thread t = new Thread(
                    () -> {
                        byte[] buf = new byte[256];
                        while (running) {
                            int n = from.read(buf);
                            if (n <= 0) {
                                continue;
                            }
                            if (!relay) {
                                fromListener.addAndGet(n);
                                continue;
                            }
                            synchronized (this) { // one wire: bytes reach every end in one order
                                if (toListener) {
                                    carried.addAndGet(n);
                                    record(buf, n);
                                }
                                // the listener's end first: once the tester has heard a byte, the
                                // listener's pty has it too, and stopping the listener right after the
                                // tester's last answer is fair (within the pty's stated lateness)
                                for (int i = ends.length - 1; i >= 0; i--) {
                                    PortChannel to = ends[i];
                                    if (to == ends[2] && !toListener) {
                                        continue;
                                    }
                                    try {
                                        to.write(buf, n);
                                    } catch (IOException e) {
                                        // an end that went away hears nothing more
                                    }
                                }
                            }
                        }
                    },
                    "wire");
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }

        @Override
        public void close() {
            running = false;
            for (PortChannel c : ends) {
                c.close();
            }
        }
    }

    /** {@code kline-bench listen} as a process, stopped with SIGTERM as a user's Ctrl-C or kill would. */
    private static final class Listening {
        private final Process process;
        private final Path out;
        private final Path err;

        private Listening(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        static Listening start(Path dir, String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "listen"));
            cmd.addAll(List.of(args));
            Path out = dir.resolve("listen.out");
            Path err = dir.resolve("listen.err");
            Listening l = new Listening(
                    new ProcessBuilder(cmd)
                            .redirectOutput(out.toFile())
                            .redirectError(err.toFile())
                            .start(),
                    out,
                    err);
            // bounded: a listener that never says it listens fails here
            for (int i = 0; i < 200 && !Files.readString(out).contains("sending nothing"); i++) {
                assertThat(l.process.isAlive())
                        .as("listen runs; stderr: %s", l.stderr())
                        .isTrue();
                Thread.sleep(100);
            }
            assertThat(Files.readString(out))
                    .as("the banner; stderr: %s", l.stderr())
                    .contains("sending nothing");
            return l;
        }

        String stderr() throws IOException {
            return Files.readString(err);
        }

        /** Until the listener has printed a line containing {@code text}, for at most 20 s. */
        void awaitSaid(String text) throws Exception {
            for (int i = 0; i < 200 && !Files.readString(out).contains(text); i++) {
                Thread.sleep(100);
            }
        }

        /** Stops it at once, if it still runs: after a failure, which must not leave it running. */
        void kill() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(20, TimeUnit.SECONDS);
            }
        }

        /** SIGTERM, and everything it printed after its banner. */
        List<String> stop() throws Exception {
            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS))
                    .as("listen stops on SIGTERM")
                    .isTrue();
            assertThat(stderr()).as("stderr").isEmpty();
            List<String> lines = Files.readAllLines(out);
            return lines.subList(2, lines.size());
        }
    }
}
