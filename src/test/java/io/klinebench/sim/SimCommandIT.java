package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.cli.Main;
import io.klinebench.serial.PtyPair;
import io.klinebench.trace.TraceFormat;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two commands as a user runs them: {@code kline-bench sim --virtual --link} in its own JVM
 * (the test's class path), {@code kline-bench tester} in this one against the link. Real time;
 * the only waits are for lines of output, each bounded by 20 s so a hang fails instead of blocking.
 */
class SimCommandIT {

    @TempDir
    Path dir;

    private Process sim;

    @AfterEach
    void stop() throws Exception {
        if (sim != null) {
            sim.destroy(); // SIGTERM: the shutdown hook closes port, trace and pty
            assertThat(sim.waitFor(20, TimeUnit.SECONDS))
                    .as("sim stops on SIGTERM")
                    .isTrue();
        }
    }

    private BufferedReader startSim(String profile, Path link, Path trace, String... more) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "sim",
                "--profile",
                profile,
                "--virtual",
                "--link",
                link.toString(),
                "--trace",
                trace.toString()));
        cmd.addAll(List.of(more));
        sim = new ProcessBuilder(cmd)
                .redirectError(dir.resolve("sim.err").toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
        List<String> banner = new ArrayList<>();
        while (banner.isEmpty() || !banner.get(banner.size() - 1).startsWith("console:")) {
            String line = readLine(out);
            assertThat(line)
                    .as("banner line " + banner.size() + "; stderr: " + Files.readString(dir.resolve("sim.err")))
                    .isNotNull();
            banner.add(line);
        }
        assertThat(banner.get(1)).startsWith("connect the tester to: " + link);
        assertThat(banner).anySatisfy(l -> assertThat(l).startsWith("timing: stamps " + PortSettings.PTY));
        // raised with our own timing threads, or said why not
        assertThat(banner)
                .filteredOn(l -> l.startsWith("timing: "))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .contains(
                                l.contains("running real-time (SCHED_FIFO, priority 1);")
                                                || l.contains("running at nice -20")
                                        ? "; the kernel's serial-line workers (kworker/u*) at nice -20 while it runs;"
                                        : "; the kernel's serial-line workers (kworker/u*) at normal priority: "));
        return out;
    }

    private static String readLine(BufferedReader out) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.ready() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return out.ready() ? out.readLine() : null;
    }

    private static int tester(StringWriter text, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "tester";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.execute(new PrintWriter(text, true), new PrintWriter(text, true), all);
    }

    @Test
    void kwpTesterCommandAgainstSimCommand() throws Exception {
        Path link = dir.resolve("kline");
        Path trace = dir.resolve("trace.txt");
        // --console: stdin is a pipe here, read only when asked; --quiet: only the answers follow the banner
        BufferedReader out = startSim("r56-2007-2013", link, trace, "--console", "--quiet");

        StringWriter text = new StringWriter();
        int rc = tester(text, "--port", link.toString(), "--protocol", "kwp2000", "1A 80", "3E");

        assertThat(rc).as(text.toString()).isZero();
        List<String> lines = text.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("fast init: C1 EF 8F (P2 ");
        assertThat(lines.get(1)).startsWith("1A 80 -> 5A 80 ");
        assertThat(lines.get(2)).startsWith("3E -> 7E (P2 ");
        // the trace has every byte, frame by frame: wake-up 00, StartCommunication 81 40 F1 81 33, answer 83 F1 40 C1
        // EF 8F F3
        List<String> file = Files.readAllLines(trace);
        assertThat(file).first().isEqualTo(TraceFormat.HEADER);
        assertThat(file)
                .contains(
                        "# profile: r56-2007-2013",
                        "# protocol: kwp2000",
                        "# uncertainty: 25000000 ns (a pty, stated)");
        List<String> t = file.stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(t).isNotEmpty();
        // (the wake-up, a 00 byte on a pty, is traced as the K-low it stands for; a retried init adds lines)
        assertThat(t.get(0)).matches("-?\\d+ tester LOW 25000000");
        assertThat(t).anySatisfy(l -> assertThat(l).matches("\\d+ tester 81 \\d+"));
        assertThat(t).anySatisfy(l -> assertThat(l).matches("\\d+ ecu C1 \\d+"));
        assertThat(t)
                .allMatch(l ->
                        l.matches("-?\\d+ tester LOW 25000000") || l.matches("\\d+ (tester|ecu) [0-9A-F]{2} \\d+"));

        // the console performs physical actions and says what the car did
        sim.getOutputStream().write("ignition 1\ninsert A\nignition 1\nfly away\n".getBytes(StandardCharsets.UTF_8));
        sim.getOutputStream().flush();
        assertThat(readLine(out)).isEqualTo("refused: no key in the ignition");
        assertThat(readLine(out)).isEqualTo("ok: key-inserted key=A");
        assertThat(readLine(out)).startsWith("ok: ignition-changed from=0 to=1");
        assertThat(readLine(out)).startsWith("error: unknown action 'fly'");
    }

    @Test
    void ds2TesterCommandAgainstSimCommand() throws Exception {
        Path link = dir.resolve("kline-ds2");
        startSim("r50-r53-2005-2008", link, dir.resolve("trace.txt"));

        StringWriter text = new StringWriter();
        int rc = tester(text, "--port", link.toString(), "--protocol", "ds2", "00");

        assertThat(rc).as(text.toString()).isZero();
        assertThat(text.toString()).startsWith("00 -> A0 ");
    }

    @Test
    void testerReportsAMissingPortAsBadInputAndAnUnansweredRequestAsFailure() throws Exception {
        StringWriter text = new StringWriter();
        assertThat(tester(text, "--port", dir.resolve("nothing").toString(), "--protocol", "kwp2000", "3E"))
                .isEqualTo(2);
        assertThat(text.toString()).contains("no port").contains("ports found").doesNotContain("Exception");

        try (PtyPair silent = PtyPair.open(null)) { // nobody answers on this one
            StringWriter t2 = new StringWriter();
            assertThat(tester(t2, "--port", silent.slavePath(), "--protocol", "ds2", "--echo", "off", "00"))
                    .isEqualTo(1);
            assertThat(t2.toString()).contains("00 -> no answer");
        }
    }
}
