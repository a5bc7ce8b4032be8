package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The R50/R53's two K-lines in {@code kline-bench sim} on a virtual pair, as a user meets them:
 * the sim in its own process (as the other Sim*IT), the built-in tester ({@code kline-bench
 * tester --module-search}, {@code --to MODULE}) in this JVM on the pty's link. Bridged (7+8, the
 * default) a module search finds all five modules of the car; with the cable's switch on pin 7
 * (the console's {@code cable 7}, or a setup file's {@code cable: 7}) only the engine line's.
 * The EMS2000's immobilizer status, read on pin 7, follows the car's EWS3.
 *
 * <p>Timing: the tester counts a module absent only when its answer has not begun within the
 * response timeout (100 ms) plus the larger stated uncertainty, a cable's 45 ms ({@link
 * PortSettings#CABLE}; a pty's is 25 ms, {@link PortSettings#PTY}); nothing else is allowed
 * for. A failure shows what the tester printed and the sim's live stream, each module's events
 * named.
 */
class SimTwoLinesIT {

    private static final String PROFILE = "r50-r53-2005-2008";
    private static final String ALL_FIVE = "found: BC1 00, KOMBI 80, EWS3 44, EMS2000 13, EHPS 31";
    private static final String PIN_7 = "found: EMS2000 13, EHPS 31";

    @TempDir
    Path dir;

    /** Runs {@code kline-bench tester ARGS} in this JVM; returns its exit status and output. */
    private static String[] tester(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "tester";
        System.arraycopy(args, 0, all, 1, args.length);
        int rc = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new String[] {String.valueOf(rc), out + err.toString()};
    }

    private static void assertOutput(String[] run, SimProcess sim, String expected) {
        assertThat(run[1])
                .as("tester (exit %s) said:%n%s%nthe sim's live stream:%n%s", run[0], run[1], sim.printedSoFar())
                .contains(expected);
    }

    @Test
    void bridgedASearchFindsEveryModuleOfBothLinesAndOnPin7OnlyTheEngineLines() throws Exception {
        Path link = dir.resolve("kline");
        try (SimProcess sim = SimProcess.start(
                dir, "sim", "--profile", PROFILE, "--virtual", "--link", link.toString(), "--control", "0")) {
            assertThat(sim.banner)
                    .as("the banner says what the tester hears")
                    .anySatisfy(l -> assertThat(l)
                            .contains("lines: pins 7 and 8 bridged: BC1 00, KOMBI 80, EWS3 44, EMS2000 13, EHPS 31"));
            assertThat(sim.awaitPrinted("cable-switched")).contains("cable=7+8");

            String[] bridged = tester("--port", link.toString(), "--module-search");
            assertOutput(bridged, sim, ALL_FIVE);
            assertThat(bridged[0]).isEqualTo("0");
            assertThat(bridged[1]).contains("IHKA 5B (ds2): no answer").contains("EMS2000 13 (kwp2000-star): answered");
            // each module's answer is said in the stream with the module's name (among its other
            // events: a request taken within the stamps' uncertainty is said as tolerated first)
            assertThat(sim.awaitPrinted("module=EHPS 31", "frame-sent")).contains("hex=80 F1 31");

            assertThat(sim.ok("cable 7")).contains("cable-switched cable=7 hears=pin 7 alone: EMS2000 13, EHPS 31");
            String[] pin7 = tester("--port", link.toString(), "--module-search");
            assertOutput(pin7, sim, PIN_7);
            assertThat(pin7[1]).contains("BC1 00 (ds2): no answer").contains("KOMBI 80 (ds2): no answer");
        }
    }

    @Test
    void aSetupOnPin7HearsTheEngineLineAndTheImmobilizersRefusalThere() throws Exception {
        Path link = dir.resolve("kline");
        try (SimProcess sim = SimProcess.start(
                dir,
                "sim",
                "--setup",
                Path.of("bench-config/setups/r50-pin7.yaml").toString(),
                "--virtual",
                "--link",
                link.toString(),
                "--control",
                "0")) {
            assertThat(sim.banner).anySatisfy(l -> assertThat(l).contains("lines: pin 7 alone: EMS2000 13, EHPS 31"));
            assertOutput(tester("--port", link.toString(), "--module-search"), sim, PIN_7);

            // parked, no key: locked (10)
            assertOutput(tester("--port", link.toString(), "--to", "EMS2000", "21 20"), sim, "-> 61 20 10");
            // the rebuilt key: the EWS3 refuses its transponder, the engine does not start, and the
            // engine controller on pin 7 says locked, wrong message (12)
            sim.ok("insert U");
            sim.ok("ignition 2");
            assertThat(sim.ok("ignition 3")).contains("engine-start").contains("allowed=false");
            sim.ok("ignition 2");
            assertOutput(tester("--port", link.toString(), "--to", "EMS2000", "21 20"), sim, "-> 61 20 12");
            // the car's own key: released (00)
            sim.ok("ignition 0");
            sim.ok("remove key");
            sim.ok("insert A");
            sim.ok("ignition 2");
            assertThat(sim.ok("ignition 3")).contains("allowed=true");
            sim.ok("ignition 2");
            assertOutput(tester("--port", link.toString(), "--to", "EMS2000", "21 20"), sim, "-> 61 20 00");
            // pin 8 is not bridged: the instrument cluster never hears the tester
            String[] kombi = tester("--port", link.toString(), "--to", "KOMBI", "00");
            assertOutput(kombi, sim, "KOMBI 80: 00 -> no answer");
            assertThat(kombi[0]).isEqualTo("1");
        }
    }

    @Test
    void aCarOfOneLineRefusesTheCableSwitch() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.execute(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "sim",
                "--profile",
                "r56-2007-2013",
                "--virtual",
                "--cable",
                "7");
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString())
                .contains("--cable: profile r56-2007-2013 has one K-line (no diagnostics.lines): there are no pins 7"
                        + " and 8 for a K+DCAN cable's switch to bridge");
    }
}
