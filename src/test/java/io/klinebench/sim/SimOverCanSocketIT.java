package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klinebench.config.ProfileCatalog;
import io.klinebench.dcan.CanAccess;
import io.klinebench.dcan.CanSocket;
import io.klinebench.dcan.SocketCan;
import io.klinebench.kline.Violation;
import io.klinebench.line.Hex;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DCan;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.time.SystemClock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sim (the R56's JBE and CAS) and the built-in tester on one CAN, each through its own
 * {@link CanSocket} presented as an slcan adapter's line ({@link CanSocketLine}), in real time:
 * the ritual's state read (single frames both ways; a first frame, the tester's flow control,
 * consecutive frames), the frames on the bus as D-CAN carries them, the ISO-TP timers of the
 * sim's trace judged within the stated uncertainty.
 *
 * <ul>
 *   <li>always: on a bus of this test's (two sockets that hear each other's frames, as two
 *       raw sockets on one SocketCAN interface do);
 *   <li>with {@code -Dklinebench.socketcan=IFACE} (a machine with SocketCAN, e.g. vcan0: {@code
 *       ip link add dev vcan0 type vcan && ip link set up vcan0}): on that interface, through
 *       JavaCAN, as {@code sim --can socketcan:vcan0} and {@code tester --protocol dcan --can
 *       socketcan:vcan0} run. Skipped otherwise (the build machine's kernel has no SocketCAN).
 * </ul>
 */
class SimOverCanSocketIT {

    static final String INTERFACE = "klinebench.socketcan";

    private SystemClock simClock;
    private SystemClock testerClock;
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
        for (SystemClock c : new SystemClock[] {simClock, testerClock}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void theBuiltInTesterReadsTheRitualFromTheSimOnOneBus() throws Exception {
        MemoryCanBus bus = new MemoryCanBus();
        conversation(() -> bus.socket("sim"), () -> bus.socket("tester"));
        // the frames as the bus carried them: the remote slot's answer, a first frame from the
        // CAS, the tester's flow control, two consecutive frames
        assertThat(bus.carried())
                .containsSubsequence(
                        "tester 6F1 [40 02 21 41 00 00 00 00]",
                        "sim 640 [F1 10 0C 61 41 01 01 00]",
                        "tester 6F1 [40 30 00 00 00 00 00 00]",
                        "sim 640 [F1 21 A5 A5 A5 00 64 00]",
                        "sim 640 [F1 22 00 00 00 00 00 00]");
        // a frame D-CAN does not carry, on the same bus: heard, said, and the conversation goes on
        bus.put("other", new CanSocket.Heard(0x18DA40F1, true, false, 2, Hex.parse("01 3E")));
        List<PortTester.Exchange> again =
                PortTester.conversation(tester, Optional.empty(), List.of(Hex.parse("1A 80")));
        assertThat(again.get(0).answer().orElseThrow()).startsWith("5A 80");
    }

    @Test
    void theBuiltInTesterReadsTheRitualFromTheSimOnARealInterface() throws Exception {
        String iface = System.getProperty(INTERFACE);
        assumeTrue(
                iface != null && !iface.isBlank(),
                "no CAN interface named: run with -D" + INTERFACE + "=vcan0 on a machine with SocketCAN (ip link add "
                        + "dev vcan0 type vcan && ip link set up vcan0)");
        conversation(() -> new SocketCan(iface), () -> new SocketCan(iface));
    }

    private void conversation(Supplier<CanSocket> simSocket, Supplier<CanSocket> testerSocket) throws Exception {
        DiagnosticProfile dcan = dcan();
        simClock = new SystemClock("it-sim");
        testerClock = new SystemClock("it-tester");
        sim = PortSimulator.start(
                ProfileCatalog.builtIn().load("r56-2007-2013-dcan"),
                dcan,
                PortSimulator.defaultCar(),
                simClock,
                new CanSocketLine(simSocket.get()),
                PortSettings.socketCan(),
                trace::add,
                null);
        tester = new PortTester(testerClock, new CanSocketLine(testerSocket.get()), dcan, 0x40, false);

        List<PortTester.Exchange> x = PortTester.conversation(
                tester,
                Optional.empty(),
                List.of(Hex.parse("21 01"), Hex.parse("21 02"), Hex.parse("21 41"), Hex.parse("1A 80")));

        assertThat(x)
                .hasSize(4)
                .allSatisfy(e -> assertThat(e.answered()).as(e.toString()).isTrue());
        assertThat(x.get(0).answer().orElseThrow()).startsWith("61 01");
        assertThat(x.get(1).answer().orElseThrow()).startsWith("61 02");
        assertThat(x.get(2).answer().orElseThrow()).startsWith("61 41 01 01 00 A5 A5 A5 00 64");
        assertThat(x.get(3).answer().orElseThrow()).startsWith("5A 80");
        List<Violation> found = dcan.protocol().judge(trace, PortSettings.SOCKETCAN, sim.machineStops());
        assertThat(found)
                .as("nothing beyond a SocketCAN socket's stated uncertainty")
                .noneMatch(v -> v.beyond(PortSettings.SOCKETCAN, sim.machineStops()));
    }

    /** The sim drives its side of the bus as it drives an slcan adapter: the host's end. */
    private static DiagnosticProfile dcan() throws Exception {
        DiagnosticProfile d = ProfileCatalog.builtIn().loadDiagnostics("r56-2007-2013-dcan");
        return new DiagnosticProfile(
                ((DCan) d.protocol()).through(CanAccess.SLCAN_HOST),
                d.ecuAddress(),
                d.baud(),
                d.framing(),
                d.security(),
                d.vin(),
                d.identification(),
                d.lines());
    }
}
