package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.config.ProfileCatalog;
import io.klinebench.dcan.DCanTiming;
import io.klinebench.kline.Violation;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DCan;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.serial.JSerialCommChannel;
import io.klinebench.serial.PtyPair;
import io.klinebench.time.Durations;
import io.klinebench.time.SystemClock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The R56 on D-CAN behind a real pty pair, in real time: the simulator on the pty master with
 * the R56 profile's car and services and its diagnostics face swapped for D-CAN (the cable's
 * BMW-FAST side at 115200 8N1, the CAN side in the sim's time), a tester on the slave sending
 * BMW-FAST telegrams through jSerialComm (the built-in port tester with the D-CAN member's
 * tester) and reading the ritual's state: the ignition record with the cycle counter, the
 * learn window, a remote slot (a first frame and consecutive frames on the CAN side), the
 * identification table. Then the sim's trace of the serial side is judged: nothing beyond the
 * pty's stated uncertainty (25 ms).
 */
class SimDCanOverPtyIT {

    private SystemClock simClock;
    private SystemClock testerClock;
    private PtyPair pty;
    private PortSimulator sim;
    private PortTester tester;
    private final List<TraceEntry> trace = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (tester != null) {
            tester.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (pty != null) {
            pty.close();
        }
        for (SystemClock c : new SystemClock[] {simClock, testerClock}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void theRitualsStateIsReadOverDCanThroughAPty() throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        DiagnosticProfile kline = catalog.loadDiagnostics("r56-2007-2013");
        DiagnosticProfile diag = new DiagnosticProfile(
                new DCan(DCanTiming.standard(), 0xF1),
                kline.ecuAddress(),
                115200,
                "8N1",
                kline.security(),
                kline.vin(),
                kline.identification());
        simClock = new SystemClock("it-sim");
        testerClock = new SystemClock("it-tester");
        pty = PtyPair.open(null);
        sim = PortSimulator.start(
                catalog.load("r56-2007-2013"),
                diag,
                PortSimulator.defaultCar(),
                simClock,
                pty.master(),
                PortSettings.virtualPair().echoBack(false),
                trace::add,
                null);
        JSerialCommChannel channel = new JSerialCommChannel(pty.slavePath(), 115200, JSerialCommChannel.Framing.N81);
        tester = new PortTester(testerClock, channel, diag, 0x40, false);

        List<PortTester.Exchange> x = PortTester.conversation(
                tester,
                Optional.empty(),
                List.of(
                        Hex.parse("21 01"),
                        Hex.parse("21 02"),
                        Hex.parse("21 41"),
                        Hex.parse("1A 80"),
                        Hex.parse("3E")));

        assertThat(x)
                .hasSize(5)
                .allSatisfy(e -> assertThat(e.answered()).as(e.toString()).isTrue());
        assertThat(x.get(0).answer().orElseThrow()).startsWith("61 01");
        assertThat(x.get(1).answer().orElseThrow()).startsWith("61 02");
        assertThat(x.get(2).answer().orElseThrow()).startsWith("61 41");
        assertThat(x.get(3).answer().orElseThrow()).startsWith("5A 80");
        assertThat(x.get(4).answer()).contains("7E");
        // on the wire, as a K+DCAN cable writes it: 86 F1 40 61 01 ... CS for the ignition record
        assertThat(tester(Direction.TESTER)).startsWith(0x82, 0x40, 0xF1, 0x21, 0x01, 0xD5);
        assertThat(eventually(Direction.ECU, 3)).startsWith(0x86, 0xF1, 0x40);

        List<Violation> found = diag.protocol().judge(trace, PortSettings.PTY, sim.machineStops());
        assertThat(found)
                .as("nothing beyond the pty's stated uncertainty")
                .noneMatch(v -> v.beyond(PortSettings.PTY, sim.machineStops()));
    }

    private int[] tester(Direction from) {
        return trace.stream()
                .filter(t -> t.from() == from)
                .mapToInt(TraceEntry::value)
                .toArray();
    }

    /** The side's bytes once at least {@code n} are traced (at most 5 s: the sim traces a byte after its write returns). */
    private int[] eventually(Direction from, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5 * Durations.S;
        while (tester(from).length < n && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return tester(from);
    }
}
