package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.cli.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sim ... &} started by a script: a shell without job control starts background jobs with
 * SIGINT ignored, and the JVM keeps an ignored SIGINT ignored, so {@code kill -INT} did nothing.
 * The sim now stops on it as on SIGTERM: shutdown hooks, the trace complete, the state saved,
 * the events file ended, exit status 130.
 */
class SimSigintIT {

    private static final String PROFILE = "r50-r53-2005-2008";

    @TempDir
    Path dir;

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aShellIgnoresSigintForItsBackgroundJobs() throws Exception {
        // Read the job's mask once it runs sleep: bash sets SIGINT to ignored in the child
        // between fork and exec, and a read before the exec can see the mask not yet set (at
        // most 10 s of waiting, in 50 ms steps, on a busy machine).
        String ignored = run(
                "bash",
                "-c",
                "sleep 5 & p=$!; for i in $(seq 200); do grep -q '^Name:.*sleep' /proc/$p/status && break;"
                        + " sleep 0.05; done; grep SigIgn /proc/$p/status; kill $p");
        long mask = Long.parseLong(ignored.trim().split("\\s+")[1], 16);
        assertThat(mask & 0b10).as("SIGINT (2) ignored: %s", ignored).isNotZero();
    }

    @Test
    void aSimStartedInTheBackgroundByAScriptStopsCleanlyOnSigint() throws Exception {
        Path link = dir.resolve("kline");
        Path state = dir.resolve("bcm.json");
        Path trace = dir.resolve("trace.txt");
        Path events = dir.resolve("events.jsonl");
        Path out = dir.resolve("sim.out");
        List<String> sim = new ArrayList<>(List.of(
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
                "--state",
                state.toString(),
                "--trace",
                trace.toString(),
                "--events",
                events.toString(),
                "--control",
                "0"));
        List<String> script = new ArrayList<>(
                List.of("bash", "-c", "\"$@\" > " + out + " 2>&1 & echo $!; wait $!; echo \"exit $?\"", "script"));
        script.addAll(sim);
        Process bash = new ProcessBuilder(script).redirectErrorStream(true).start();
        BufferedReader shell = new BufferedReader(new InputStreamReader(bash.getInputStream(), StandardCharsets.UTF_8));
        long pid = Long.parseLong(shell.readLine().trim());
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
        try {
            int port = -1;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (port < 0 && System.nanoTime() < end) {
                for (String l : Files.exists(out) ? Files.readAllLines(out) : List.<String>of()) {
                    if (l.startsWith("control port: 127.0.0.1:")) {
                        port = Integer.parseInt(l.substring("control port: 127.0.0.1:".length()));
                    }
                }
                Thread.sleep(50);
            }
            assertThat(port)
                    .as("sim started: %s", Files.exists(out) ? Files.readString(out) : "")
                    .isPositive();
            String answer;
            try (SimProcess.Tester tester = new SimProcess.Tester(link.toString(), PROFILE, true)) {
                tester.read("00");
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                    s.setSoTimeout(20_000);
                    s.getOutputStream().write("press A unlock\n".getBytes(StandardCharsets.UTF_8));
                    answer = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                            .readLine();
                }
            }
            assertThat(answer).startsWith("ok: remote-sent remote=A");

            run("kill", "-INT", Long.toString(pid));
            assertThat(handle.onExit()
                            .completeOnTimeout(null, 20, TimeUnit.SECONDS)
                            .get())
                    .as("the sim stops on SIGINT")
                    .isNotNull();
            assertThat(shell.readLine()).isEqualTo("exit 130");
        } finally {
            if (handle.isAlive()) {
                handle.destroy();
            }
            bash.waitFor(20, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(state)).as("state saved at exit").contains("\"counter\"");
        List<String> t = Files.readAllLines(trace);
        assertThat(t).anySatisfy(l -> assertThat(l).matches("\\d+ ecu A0 \\d+")); // the answer, flushed
        List<String> e = Files.readAllLines(events);
        assertThat(e.get(e.size() - 1)).contains("\"type\":\"sim-stopped\"");
        assertThat(link).doesNotExist();
    }
}
