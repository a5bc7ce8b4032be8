package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.cli.Main;
import io.klinebench.testsupport.JvmThreads;
import io.klinebench.trace.TraceFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace written by {@code sim --trace} during a session of our own tester command is judged by
 * {@code kline-bench validate}: no violation beyond the stamps' stated uncertainty, and exactly
 * one line per byte on the line (the tester's wake-up 00, every request byte, every answer byte;
 * the echo is not a byte on the K-line of its own). The only tolerance is the one the trace
 * states (the sim's uncertainty for a pty): the tester keeps P3min + 10 ms and P4 a third into
 * 5..20 ms, and the sim answers at ecu-p2 = 30 ms inside P2 25..50 ms.
 */
class SimTraceValidateIT {

    private static final String PROFILE = "r56-2007-2013";

    @TempDir
    Path dir;

    @Test
    void ourTesterSessionTracedBySimPassesValidate() throws Exception {
        Path link = dir.resolve("kline");
        Path trace = dir.resolve("trace.txt");
        StringWriter text = new StringWriter();
        String simSaw;
        try (SimProcess sim = SimProcess.start(
                dir,
                "sim",
                "--profile",
                PROFILE,
                "--virtual",
                "--link",
                link.toString(),
                "--trace",
                trace.toString())) {
            List<String> requests = List.of("1A 80", "21 01", "21 02", "21 41", "3E");
            String[] args = new String[5 + requests.size()];
            System.arraycopy(
                    new String[] {"tester", "--port", link.toString(), "--protocol", "kwp2000"}, 0, args, 0, 5);
            for (int i = 0; i < requests.size(); i++) {
                args[5 + i] = requests.get(i);
            }
            int vmThreadBefore = JvmThreads.lowestNice("VM Thread").orElse(0);
            int testerExit = Main.execute(new PrintWriter(text, true), new PrintWriter(text, true), args);
            // in this JVM, not its own, the tester raises its timing threads and nothing else:
            // a test JVM's collectors raised hold a pty's bytes back for every test after
            assertThat(JvmThreads.lowestNice("VM Thread").orElse(0))
                    .as("this JVM's VM thread after an in-process tester")
                    .isEqualTo(vmThreadBefore);
            sim.stop(); // closes the trace
            // what the module saw and decided, for a failure to say why (a request dropped, and its reason)
            simSaw = sim.printedSoFar();
            assertThat(testerExit)
                    .as("the tester said:%n%s%nthe sim's live stream:%n%s", text, simSaw)
                    .isZero();
        }
        // expected bytes: wake-up 00, StartCommunication (5), its answer (3 + 3 key bytes + 1),
        // then per request 3 header + data + checksum and the same for its answer (all under 64 bytes)
        List<String> out = text.toString().lines().toList();
        assertThat(out.get(0)).startsWith("fast init: C1 EF 8F");
        int expected = 1 + 5 + 7;
        for (String l : out.subList(1, out.size())) {
            String request = l.substring(0, l.indexOf(" -> "));
            String answer = l.substring(l.indexOf(" -> ") + 4, l.indexOf(" (P2"));
            // A request the tester sent again (it says so) is on the line again, and so is the
            // module's answer where it answered the first and the answer reached the tester broken.
            int sent = 1 + occurrences(l, "; sent again");
            int answered = 1 + occurrences(l, "the module's answer reached us broken");
            expected += sent * (4 + request.split(" ").length) + answered * (4 + answer.split(" ").length);
        }
        List<String> file = Files.readAllLines(trace);
        assertThat(file).first().isEqualTo(TraceFormat.HEADER);
        assertThat(file)
                .contains(
                        "# profile: r56-2007-2013",
                        "# protocol: kwp2000",
                        "# uncertainty: 25000000 ns (a pty, stated)");
        List<String> lines = file.stream().filter(l -> !l.startsWith("#")).toList();
        // the fast-init wake-up (a 00 byte on a pty) is traced as the K-low it stands for; if the
        // ECU took a wake-up as early (reader jitter under load: its timing is a byte's arrival),
        // the tester retried once and the first wake-up and refused StartCommunication are in the trace too
        assertThat(lines.get(0)).matches("-?\\d+ tester LOW 25000000");
        long lows = lines.stream().filter(l -> l.contains(" LOW ")).count();
        assertThat(lows).isBetween(1L, 2L);
        expected += 6 * (int) (lows - 1); // a LOW line and the 5 bytes of the refused StartCommunication
        assertThat(lines)
                .allMatch(
                        l -> l.matches("-?\\d+ tester LOW 25000000") || l.matches("\\d+ (tester|ecu) [0-9A-F]{2} \\d+"),
                        "one byte per line");
        assertThat(lines).as("one line per byte").hasSize(expected);

        StringWriter verdict = new StringWriter();
        int rc = Main.execute(
                new PrintWriter(verdict, true), new PrintWriter(verdict, true), "validate", trace.toString());
        // No --profile: the trace's header names it, and says how far each stamp may be off (the
        // sim's stated uncertainty for a pty). Our tester keeps every rule with room to spare
        // (P4 10 ms in 5..20, P3min + 10 ms, TWuP centred), so whatever the stamps show within
        // that uncertainty is not decidable, and the trace passes: as the sim answered every request.
        assertThat(rc)
                .as("validate said:%n%s%nthe tester said:%n%s%nthe sim's live stream:%n%s", verdict, text, simSaw)
                .isZero();
        assertThat(verdict.toString())
                .contains(expected + " entries (" + PROFILE + ", KWP2000 timing, stamps " + PortSettings.PTY)
                .doesNotContain("FAILED");
        assertThat(verdict.toString().lines().filter(l -> l.contains(" too ")))
                .as("every rule the stamps show broken is broken by no more than they may be off")
                .allSatisfy(l -> assertThat(l).startsWith("not decidable within the stamps' uncertainty"));
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
