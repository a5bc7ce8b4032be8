package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.cli.Main;
import io.klinebench.testsupport.CpuHolder;
import io.klinebench.time.Durations;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine stops while our tester talks to {@code sim --virtual}, as a host stops the virtual
 * CPUs of this project's VM: each CPU in turn is held 150 ms by a real-time thread ({@link
 * CpuHolder}) during the session. The sim says each stop in its live stream ("cpu-stopped") and
 * its trace ({@code # cpu-stop:}); the tester's session completes; and {@code validate} on that
 * trace passes, judging any gap a stop held with the stop added to the stamps' uncertainty, as
 * the sim's link took it. Needs root for the real-time thread; skipped, saying so, without.
 */
class SimCpuStopIT {

    @TempDir
    Path dir;

    @Test
    void theSimSaysTheMachinesStopsAndItsTraceStillPassesValidate() throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        Assumptions.assumeTrue(cpus >= 2, "needs two CPUs: one held, one running");
        Path link = dir.resolve("kline");
        Path trace = dir.resolve("trace.txt");
        StringWriter text = new StringWriter();
        List<CpuHolder.Held> holds = new ArrayList<>();
        String simSaw;
        try (SimProcess sim = SimProcess.start(
                dir,
                "sim",
                "--profile",
                "r56-2007-2013",
                "--virtual",
                "--link",
                link.toString(),
                "--trace",
                trace.toString())) {
            assertThat(sim.banner).anySatisfy(l -> assertThat(l).contains("watching CPUs "));
            List<String> args = new ArrayList<>(List.of("tester", "--port", link.toString(), "--protocol", "kwp2000"));
            for (int i = 0; i < 24; i++) {
                args.add("21 01");
            }
            CompletableFuture<Integer> tester = CompletableFuture.supplyAsync(() -> Main.execute(
                    new PrintWriter(text, true), new PrintWriter(text, true), args.toArray(String[]::new)));
            Thread.sleep(600); // the init done, requests going
            for (int cpu = 0; cpu < 2; cpu++) {
                holds.add(CpuHolder.hold(cpu, 150 * Durations.MS));
                Thread.sleep(300);
            }
            int testerExit = tester.get();
            Assumptions.assumeTrue(
                    holds.get(0).done(),
                    () -> "no real-time thread here: " + holds.get(0).refused());
            Thread.sleep(200); // the last stop said
            sim.stop(); // closes the trace
            simSaw = sim.printedSoFar();
            assertThat(testerExit)
                    .as("the tester said:%n%s%nthe sim's live stream:%n%s", text, simSaw)
                    .isZero();
        }
        assertThat(simSaw).as("the live stream").contains("cpu-stopped");
        List<String> stops = Files.readAllLines(trace).stream()
                .filter(l -> l.startsWith("# cpu-stop: "))
                .toList();
        for (int cpu = 0; cpu < 2; cpu++) {
            int c = cpu;
            assertThat(stops)
                    .as("the trace says CPU %d stopped (held %s)", c, holds.get(c))
                    .anySatisfy(l -> assertThat(l).startsWith("# cpu-stop: " + c + " "));
        }

        StringWriter verdict = new StringWriter();
        int rc = Main.execute(
                new PrintWriter(verdict, true), new PrintWriter(verdict, true), "validate", trace.toString());
        assertThat(rc)
                .as("validate said:%n%s%nthe tester said:%n%s%nthe sim's live stream:%n%s", verdict, text, simSaw)
                .isZero();
        assertThat(verdict.toString()).contains("the machine stopped ").contains("PASSED");
    }
}
