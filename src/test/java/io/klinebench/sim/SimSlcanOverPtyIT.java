package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.config.ProfileCatalog;
import io.klinebench.dcan.CanAccess;
import io.klinebench.dcan.CanBitTiming;
import io.klinebench.dcan.CanTraceEntry;
import io.klinebench.dcan.SlcanTimingCheck;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.Violation;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DCan;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.serial.JSerialCommChannel;
import io.klinebench.serial.PortChannel;
import io.klinebench.serial.PtyPair;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.SystemClock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The R56 on D-CAN through slcan over a real pty pair, in real time, both ways round:
 *
 * <ul>
 *   <li>the sim plays a CANable-style adapter on the pty master, the car's bus behind it; the
 *       built-in tester drives it from the slave through jSerialComm (C, S6, O, then ISO-TP
 *       frames as t lines) and reads the ritual's state: the ignition record with the cycle
 *       counter (a first frame, a flow control, a consecutive frame), the learn window, a remote
 *       slot, the identification; the ISO-TP timers of the sim's trace judged, nothing beyond the
 *       pty's stated uncertainty;
 *   <li>this test plays the adapter on the master and the sim drives it from the slave, as it
 *       drives a CANable: it opens the adapter, answers a single frame, a first frame whose flow
 *       control the test sends, and says where a malformed line goes wrong.
 * </ul>
 */
class SimSlcanOverPtyIT {

    private SystemClock simClock;
    private SystemClock testerClock;
    private PtyPair pty;
    private PortSimulator sim;
    private PortTester tester;
    private Thread reader;
    private final List<TraceEntry> trace = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        if (tester != null) {
            tester.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (pty != null) {
            pty.close();
        }
        if (reader != null) {
            reader.join(5000);
        }
        for (SystemClock c : new SystemClock[] {simClock, testerClock}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static DiagnosticProfile dcan(CanAccess access) throws Exception {
        DiagnosticProfile d = ProfileCatalog.builtIn().loadDiagnostics("r56-2007-2013-dcan");
        return new DiagnosticProfile(
                ((DCan) d.protocol()).through(access),
                d.ecuAddress(),
                d.baud(),
                d.framing(),
                d.security(),
                d.vin(),
                d.identification(),
                d.lines());
    }

    @Test
    void theBuiltInTesterReadsTheRitualThroughTheSimPlayingAnSlcanAdapter() throws Exception {
        DiagnosticProfile simSide = dcan(CanAccess.SLCAN_ADAPTER);
        simClock = new SystemClock("it-sim");
        testerClock = new SystemClock("it-tester");
        pty = PtyPair.open(null);
        sim = PortSimulator.start(
                ProfileCatalog.builtIn().load("r56-2007-2013-dcan"),
                simSide,
                PortSimulator.defaultCar(),
                simClock,
                pty.master(),
                PortSettings.slcanLine(true),
                trace::add,
                null);
        JSerialCommChannel channel = new JSerialCommChannel(pty.slavePath(), 115200, JSerialCommChannel.Framing.N81);
        tester = new PortTester(testerClock, channel, dcan(CanAccess.SLCAN_HOST), 0x40, false);

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
        // the tester opened the adapter as slcand does, then sent the request as a t line
        // (the opening is sent again while the adapter has not answered: on a busy machine, twice)
        assertThat(text(Direction.TESTER)).matches("(?s)(C\rS6\rO\r)+t6F184002210100000000\r.*");
        // the adapter acknowledged the opening and each frame (z), and the answer came as a t line
        assertThat(eventuallyText(Direction.ECU, "t6408F1")).matches("(?s)(\r\r\r)+z\rt6408F10661.*");

        List<CanTraceEntry> frames = SlcanTimingCheck.frames(trace, CanBitTiming.D_CAN);
        // the remote slot's answer: FF from the CAS, FC from the tester, two CFs from the CAS
        assertThat(frames.stream().map(f -> f.frame().toString()).collect(Collectors.toList()))
                .containsSubsequence(
                        "6F1 [40 02 21 41 00 00 00 00]",
                        "640 [F1 10 0C 61 41 01 01 00]",
                        "6F1 [40 30 00 00 00 00 00 00]",
                        "640 [F1 21 A5 A5 A5 00 64 00]",
                        "640 [F1 22 00 00 00 00 00 00]");
        List<Violation> found = simSide.protocol().judge(trace, PortSettings.PTY, sim.machineStops());
        assertThat(found)
                .as("nothing beyond the pty's stated uncertainty")
                .noneMatch(v -> v.beyond(PortSettings.PTY, sim.machineStops()));
    }

    @Test
    void theSimDrivesAnSlcanAdapterThatThisTestPlays() throws Exception {
        simClock = new SystemClock("it-sim");
        pty = PtyPair.open(null);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        PortChannel adapter = pty.master();
        adapter.open();
        reader = new Thread(() -> readLines(adapter, lines), "it-adapter");
        reader.start();
        List<Event> events = new CopyOnWriteArrayList<>();
        JSerialCommChannel channel = new JSerialCommChannel(pty.slavePath(), 115200, JSerialCommChannel.Framing.N81);
        sim = PortSimulator.start(
                ProfileCatalog.builtIn().load("r56-2007-2013-dcan"),
                dcan(CanAccess.SLCAN_HOST),
                PortSimulator.defaultCar(),
                simClock,
                channel,
                PortSettings.slcanLine(false),
                trace::add,
                null);
        sim.onEvent(events::add);

        // the sim opens its adapter as slcand does (written before its port opened, held until it
        // did: none of it lost); a CANable answers each with a carriage return
        assertThat(next(lines)).isEqualTo("C");
        assertThat(next(lines)).isEqualTo("S6");
        assertThat(next(lines)).isEqualTo("O");
        write(adapter, "\r\r\r");

        // a tester on the bus reads the learn window: a single frame each way
        write(adapter, "t6F184002210200000000\r");
        assertThat(nextFrame(adapter, lines)).startsWith("t6408F1");

        // a remote slot: a first frame; the tester's flow control; two consecutive frames
        write(adapter, "t6F184002214100000000\r");
        assertThat(nextFrame(adapter, lines)).isEqualTo("t6408F1100C6141010100");
        write(adapter, "t6F184030000000000000\r");
        assertThat(nextFrame(adapter, lines)).isEqualTo("t6408F121A5A5A5006400");
        assertThat(nextFrame(adapter, lines)).isEqualTo("t6408F122000000000000");

        // a line that is not slcan: said, with the place and the cause, and the next line still reads
        write(adapter, "t6F1G4002\r");
        write(adapter, "t6F184002210200000000\r");
        assertThat(nextFrame(adapter, lines)).startsWith("t6408F1");
        assertThat(events)
                .filteredOn(e -> e instanceof LinkEvent.FrameDropped)
                .map(e -> ((LinkEvent.FrameDropped) e).why())
                .containsExactly("slcan line \"t6F1G4002\": column 5: the length digit 'G' is not 0..8");
        List<Violation> found =
                dcan(CanAccess.SLCAN_HOST).protocol().judge(trace, PortSettings.PTY, sim.machineStops());
        assertThat(found).noneMatch(v -> v.beyond(PortSettings.PTY, sim.machineStops()));
    }

    private static void readLines(PortChannel channel, BlockingQueue<String> lines) {
        byte[] buffer = new byte[256];
        StringBuilder line = new StringBuilder();
        while (true) {
            int n = channel.read(buffer);
            if (n < 0) {
                return;
            }
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\r') {
                    lines.add(line.toString());
                    line.setLength(0);
                } else {
                    line.append((char) (buffer[i] & 0xFF));
                }
            }
        }
    }

    /**
     * The next frame line from the sim; an opening command it sent again meanwhile (every 250 ms
     * until it heard the adapter: on a busy machine the test's answer may come later) is answered
     * as a CANable would, and skipped.
     */
    private static String nextFrame(PortChannel adapter, BlockingQueue<String> lines) throws Exception {
        String s = next(lines);
        while (List.of("C", "S6", "O").contains(s)) {
            write(adapter, "\r");
            s = next(lines);
        }
        return s;
    }

    private static String next(BlockingQueue<String> lines) throws InterruptedException {
        String s = lines.poll(10, TimeUnit.SECONDS);
        assertThat(s).as("a line from the sim within 10 s").isNotNull();
        return s;
    }

    private static void write(PortChannel channel, String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        channel.write(b, b.length);
    }

    private String text(Direction from) {
        StringBuilder s = new StringBuilder();
        trace.stream().filter(t -> t.from() == from).forEach(t -> s.append((char) t.value()));
        return s.toString();
    }

    /** The side's text once it holds {@code part} (at most 5 s: the sim traces a byte after its write returns). */
    private String eventuallyText(Direction from, String part) throws InterruptedException {
        long deadline = System.nanoTime() + 5 * Durations.S;
        while (!text(from).contains(part) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return text(from);
    }
}
