package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinebench.cli.Main;
import io.klinebench.line.Hex;
import io.klinebench.serial.JSerialCommChannel;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kline-bench sim} says what it sees, as a user running it meets it (its own process,
 * stdout a pipe): refused actions answered with the car's reason on the control port; a live line
 * on stdout for each action, refusal, frame received, answered, dropped (and why) and ignored (and
 * why), without colour (stdout is no terminal); the same events as JSON lines in the --events
 * file, from sim-started to sim-stopped, which 'kline-bench report' prints as a report. With
 * '--events -' stdout carries nothing but JSON lines; with --quiet no live lines come; stdin, a
 * pipe, is not read without --console.
 */
class SimSaysWhatItSeesIT {

    private static final String PROFILE = "r50-r53-2005-2008";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Writes raw bytes to the pty as a tester would (8E1, 9600 baud). */
    private static void sendRaw(Path link, String hex) throws Exception {
        JSerialCommChannel port = new JSerialCommChannel(link.toString(), 9600, JSerialCommChannel.Framing.E81);
        port.open();
        try {
            byte[] b = Hex.parse(hex);
            port.write(b, b.length);
            Thread.sleep(300); // the DS2 decoder resynchronises on an idle line
        } finally {
            port.close();
        }
    }

    @Test
    void refusalsFramesAndWindowsLiveOnStdoutAsJsonLinesAndInTheReport() throws Exception {
        Path link = dir.resolve("kline");
        Path events = dir.resolve("events.jsonl");
        try (SimProcess sim = SimProcess.start(
                dir,
                "sim",
                "--profile",
                PROFILE,
                "--virtual",
                "--link",
                link.toString(),
                "--control",
                "0",
                "--events",
                events.toString())) {
            assertThat(sim.act("ignition 2")).isEqualTo("refused: no key in the ignition");
            assertThat(sim.act("insert A")).isEqualTo("ok: key-inserted key=A");
            assertThat(sim.act("insert A")).isEqualTo("refused: key A is already in the ignition");
            assertThat(sim.act("remote-battery A remove")).isEqualTo("refused: the rechargeable cell is soldered in");
            assertThat(sim.act("fly away")).startsWith("error: unknown action 'fly'");
            try (SimProcess.Tester tester = new SimProcess.Tester(link.toString(), PROFILE, true)) {
                assertThat(tester.read("0B 01")).isEqualTo("A0 01 00 00 04");
            }
            sendRaw(link, "00 04 00 05"); // bad checksum (00 ^ 04 ^ 00 = 04)
            sendRaw(link, "12 04 00 16"); // a telegram for another module

            assertThat(sim.awaitPrinted("action-performed"))
                    .matches(" +\\d+\\.\\d{3}s  action-performed +action=ignition 2"); // time since start first
            assertThat(sim.awaitPrinted("input-refused")).contains("why=no key in the ignition");
            assertThat(sim.awaitPrinted("remote-refused")).contains("why=the rechargeable cell is soldered in");
            assertThat(sim.awaitPrinted("answered")).contains("request=0B 01 data=A0 01 00 00 04");
            assertThat(sim.awaitPrinted("frame-dropped"))
                    .contains("by=ecu reason=")
                    .contains("hex=00 04 00 05");
            assertThat(sim.awaitPrinted("ignored")).contains("why=addressed to 12, we are 00");
            assertThat(sim.printed)
                    .allSatisfy(l -> assertThat(l)
                            .as("no colour when stdout is not a terminal")
                            .doesNotContain("\u001B["));
            sim.stop();
        }

        List<String> lines = Files.readAllLines(events);
        List<JsonNode> json = new ArrayList<>();
        for (String l : lines) {
            json.add(JSON.readTree(l));
        }
        assertThat(json.get(0).get("type").asText()).isEqualTo("sim-started");
        assertThat(json.get(0).get("profile").asText()).isEqualTo(PROFILE);
        assertThat(json.get(0).get("at-ns").asLong()).isZero();
        assertThat(json.get(json.size() - 1).get("type").asText()).isEqualTo("sim-stopped");
        assertThat(json)
                .allSatisfy(j -> assertThat(j.has("at-ns") && j.has("t") && j.has("type"))
                        .isTrue());
        assertThat(json)
                .anySatisfy(
                        j -> assertThat(j.toString())
                                .isEqualTo(
                                        "{\"at-ns\":" + j.get("at-ns") + ",\"t\":" + j.get("t")
                                                + ",\"type\":\"input-refused\",\"input\":\"ignition 2\",\"why\":\"no key in the ignition\"}"))
                .anySatisfy(j -> assertThat(j.get("type").asText()).isEqualTo("frame-dropped"));

        StringWriter report = new StringWriter();
        int rc =
                Main.execute(new PrintWriter(report, true), new PrintWriter(report, true), "report", events.toString());
        assertThat(rc).as(report.toString()).isZero();
        assertThat(report.toString())
                .contains("profile  " + PROFILE)
                .contains("\nActions\n")
                .contains("s  ignition 2\n")
                .contains("input-refused              input=ignition 2 why=no key in the ignition")
                .contains("frame-dropped")
                .contains("ALL WINDOWS MET: 0 windows met, 0 missed; 4 actions;");
    }

    @Test
    void withEventsToStdoutStdoutCarriesOnlyJsonLinesAndQuietStopsTheLiveLines() throws Exception {
        Path link = dir.resolve("kline");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "sim",
                "--profile",
                PROFILE,
                "--virtual",
                "--link",
                link.toString(),
                "--events",
                "-",
                "--quiet",
                "--control",
                "0"));
        Path err = dir.resolve("sim.err");
        Path stdout = dir.resolve("sim.out");
        Process p = new ProcessBuilder(cmd)
                .redirectError(err.toFile())
                .redirectOutput(stdout.toFile())
                .start(); // stdin stays a pipe
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int port = -1;
            while (port < 0 && System.nanoTime() < end) {
                for (String l : Files.readAllLines(err)) {
                    if (l.startsWith("control port: 127.0.0.1:")) {
                        port = Integer.parseInt(l.substring("control port: 127.0.0.1:".length()));
                    }
                }
                Thread.sleep(50);
            }
            assertThat(port)
                    .as("the banner on stderr: %s", Files.readString(err))
                    .isPositive();
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                s.setSoTimeout(20_000);
                s.getOutputStream().write("ignition 2\n".getBytes(StandardCharsets.UTF_8));
                String answer = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                assertThat(answer).isEqualTo("refused: no key in the ignition");
            }
            // stdin is a pipe: not read without --console
            p.getOutputStream().write("insert A\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
            Thread.sleep(500);
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        List<String> out = Files.readAllLines(stdout);
        assertThat(out).isNotEmpty();
        for (String l : out) {
            assertThat(JSON.readTree(l).has("type")).as(l).isTrue();
        }
        assertThat(out)
                .anySatisfy(l -> assertThat(l).contains("\"type\":\"input-refused\""))
                .noneSatisfy(l -> assertThat(l).contains("key-inserted"));
        assertThat(Files.readString(err))
                .contains("connect the tester to: " + link)
                .contains("console: not read")
                .doesNotContain("input-refused"); // --quiet: no live lines on stderr either
    }
}
