package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.cli.Main;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.line.Hex;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.serial.JSerialCommChannel;
import io.klinebench.serial.PortChannel;
import io.klinebench.time.SystemClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test helpers: {@code kline-bench sim} in its own JVM (like SimCommandIT), its control port,
 * and a DS2/KWP tester in this JVM. Every wait is bounded (20 s) so a hang fails.
 */
final class SimProcess implements AutoCloseable {

    final Process process;
    final Path err;
    Path trace;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    int controlPort = -1;
    private Socket control;
    private BufferedReader controlIn;
    private OutputStream controlOut;

    private SimProcess(Process process, Path err) {
        this.process = process;
        this.err = err;
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String l;
                        while ((l = r.readLine()) != null) {
                            lines.add(l);
                        }
                    } catch (IOException e) {
                        // process gone
                    }
                },
                "sim-stdout");
        t.setDaemon(true);
        t.start();
    }

    /** Starts {@code sim ARGS} and waits for the banner (and the control port line when --control is given). */
    static SimProcess start(Path dir, String name, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "sim"));
        cmd.addAll(List.of(args));
        Path trace = null;
        if (!cmd.contains("--trace")) { // every sim traces, so that a failure can say what it saw
            trace = dir.resolve(name + ".trace");
            cmd.addAll(List.of("--trace", trace.toString()));
        }
        Path err = dir.resolve(name + ".err");
        SimProcess p = new SimProcess(
                new ProcessBuilder(cmd).redirectError(err.toFile()).start(), err);
        p.trace = trace;
        boolean control = cmd.contains("--control");
        while (true) {
            String l = p.line();
            p.banner.add(l);
            if (l.startsWith("console:") && !control) {
                return p;
            }
            if (l.startsWith("control port: 127.0.0.1:")) {
                p.controlPort = Integer.parseInt(l.substring("control port: 127.0.0.1:".length()));
                return p;
            }
        }
    }

    String line() throws Exception {
        String l = lines.poll(20, TimeUnit.SECONDS);
        assertThat(l)
                .as("a line from the sim within 20 s; stderr: %s", Files.exists(err) ? Files.readString(err) : "")
                .isNotNull();
        return l;
    }

    /** Sends one action over the control port (loopback TCP) and returns the reply line. */
    String act(String words) throws Exception {
        if (control == null) {
            control = new Socket("127.0.0.1", controlPort);
            control.setSoTimeout(20_000);
            control.setTcpNoDelay(true);
            controlIn = new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.UTF_8));
            controlOut = control.getOutputStream();
        }
        controlOut.write((words + "\n").getBytes(StandardCharsets.UTF_8));
        controlOut.flush();
        return controlIn.readLine();
    }

    /** Performs an action the car takes, and returns what it did ("ok: EVENT; EVENT..."). */
    String ok(String words) throws Exception {
        String answer = act(words);
        assertThat(answer).as(words).startsWith("ok: ");
        return answer;
    }

    /** The banner's lines, as printed at start. */
    final List<String> banner = new ArrayList<>();

    /** Everything the sim printed after its banner so far (its live stream: the modules' events), for a failure to show. */
    String printedSoFar() {
        lines.drainTo(printed);
        return String.join("\n", printed);
    }

    /** Every line the sim printed after the banner that {@link #awaitPrinted} has read. */
    final List<String> printed = new ArrayList<>();

    /** Waits (20 s at most) for a printed line containing {@code text} and each of {@code andAlso}, and returns it; fails with what was printed. */
    String awaitPrinted(String text, String... andAlso) throws Exception {
        java.util.function.Predicate<String> wanted =
                l -> l.contains(text) && java.util.Arrays.stream(andAlso).allMatch(l::contains);
        for (String l : printed) {
            if (wanted.test(l)) {
                return l;
            }
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            String l = lines.poll(100, TimeUnit.MILLISECONDS);
            if (l != null) {
                printed.add(l);
                if (wanted.test(l)) {
                    return l;
                }
            }
        }
        throw new AssertionError(
                "no line with '" + text + "'" + (andAlso.length == 0 ? "" : " and " + String.join(", ", andAlso))
                        + " within 20 s; printed: " + String.join("\n", printed)
                        + "\nstderr: " + (Files.exists(err) ? Files.readString(err) : ""));
    }

    /** SIGTERM (the shutdown hook saves state, closes trace and pty) and wait. */
    void stop() throws Exception {
        if (control != null) {
            control.close();
            control = null;
        }
        process.destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS))
                .as("sim stops on SIGTERM")
                .isTrue();
    }

    /** Stops the sim if it still runs; a failure to stop is a test failure (an unchecked one). */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the sim stopped", e);
            } catch (Exception e) {
                throw new IllegalStateException("the sim did not stop cleanly: " + e, e);
            }
        }
    }

    /** A tester in this JVM on {@code port}, which shows this sim's trace when an answer does not come. */
    Tester tester(String port, String profile, boolean echoes) throws Exception {
        Tester t = new Tester(port, profile, echoes);
        t.simTrace = trace;
        return t;
    }

    /** A tester in this JVM on {@code port} for {@code profile}'s protocol (the line echoes, as sim --virtual does). */
    static final class Tester implements AutoCloseable {
        final SystemClock clock = new SystemClock("it-tester");
        final PortTester tester;

        Tester(String port, String profile, boolean echoes) throws Exception {
            this(
                    new JSerialCommChannel(
                            port,
                            diag(profile).baud(),
                            JSerialCommChannel.Framing.parse(diag(profile).framing())),
                    profile,
                    echoes);
        }

        Tester(PortChannel channel, String profile, boolean echoes) throws Exception {
            DiagnosticProfile d = diag(profile);
            tester = new PortTester(clock, channel, d, d.ecuAddress(), echoes);
        }

        private static DiagnosticProfile diag(String profile) throws Exception {
            return ProfileCatalog.builtIn().loadDiagnostics(profile);
        }

        /** Where the sim tested against writes its trace, shown when an answer does not come. */
        Path simTrace;

        /** The answer data of one request, e.g. "A0 01 00 01 04"; fails, saying what both ends saw, when there is none. */
        String read(String request) throws IOException {
            PortTester.Exchange e = tester.request(Hex.parse(request));
            assertThat(e.answered())
                    .as("answer to %s; the tester heard %s; the sim's trace ends %s", request, e.heard(), traceTail())
                    .isTrue();
            return e.answer().orElseThrow();
        }

        private List<String> traceTail() throws IOException {
            if (simTrace == null || !Files.exists(simTrace)) {
                return List.of();
            }
            List<String> lines = Files.readAllLines(simTrace);
            return lines.subList(Math.max(0, lines.size() - 30), lines.size());
        }

        @Override
        public void close() {
            tester.close();
            clock.close();
        }
    }

    /** Byte {@code i} of an answer "A0 01 ..." as a number. */
    static int at(String answer, int i) {
        return Integer.parseInt(answer.split(" ")[i], 16);
    }
}
