package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fazecast.jSerialComm.SerialPort;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.Init;
import io.klinebench.kline.PortEndpoint;
import io.klinebench.line.BaudEvidence;
import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.sim.PortSettings;
import io.klinebench.sim.PortSimulator;
import io.klinebench.sim.PortTester;
import io.klinebench.time.Durations;
import io.klinebench.time.SystemClock;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tester that switches baud as a real UART tester does, on a real pty: jSerialComm on the
 * slave sets 360 baud, writes 0x00, goes back to 10400 and sends StartCommunication. The
 * simulator owns the master and its {@link BaudWatch} sees the switches through TCGETS2.
 */
class BaudWatchPtyIT {

    private SystemClock clock;
    private PtyPair pty;
    private PortSimulator sim;
    private SerialPort port;
    private final List<TraceEntry> trace = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (port != null) {
            port.closePort();
        }
        if (sim != null) {
            sim.close();
        }
        if (pty != null) {
            pty.close();
        }
        if (clock != null) {
            clock.close();
        }
    }

    @Test
    void tcgets2OnTheMasterReadsTheSlavesBaud() throws Exception {
        pty = PtyPair.open(null);
        port = openSlave(10400);
        assertThat(pty.slaveBaud()).isEqualTo(10400);
        port.setBaudRate(360);
        assertThat(pty.slaveBaud()).isEqualTo(360);
        port.setBaudRate(5);
        assertThat(pty.slaveBaud()).isEqualTo(5);
        port.closePort();
        port = null;
        pty.close();
        assertThat(pty.slaveBaud()).isEqualTo(-1); // closed: a clean failure
    }

    /**
     * An idle simulator costs nothing: the watch polls while the module awaits an init only when
     * a tester has the slave open (an inotify watch on it tells), and stops when it closes it.
     */
    @Test
    void theWatchPollsOnlyWhileATesterHasTheSlaveOpen() throws Exception {
        pty = PtyPair.open(null);
        try (BaudWatch watch = BaudWatch.of(pty).start()) {
            watch.watch(true); // as the module does while it awaits an init
            Thread.sleep(300);
            assertThat(watch.polling()).as("polling with no tester there").isFalse();
            assertThat(watch.polls()).as("polls with no tester there").isZero();

            port = openSlave(10400);
            awaitPolling(watch, true);
            port.setBaudRate(360);
            awaitCondition(() -> watch.history().stream().anyMatch(s -> s.baud() == 360), "the switch to 360 seen");

            port.closePort();
            port = null;
            awaitPolling(watch, false);
            long polls = watch.polls();
            Thread.sleep(300);
            assertThat(watch.polls()).as("polls after the tester left").isEqualTo(polls);
        }
    }

    private static void awaitPolling(BaudWatch watch, boolean polling) throws InterruptedException {
        awaitCondition(() -> watch.polling() == polling, polling ? "polling" : "not polling");
    }

    /** Waits for {@code condition} (up to 10 s: a condition awaited, not a time budget). */
    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long end = System.nanoTime() + 10 * Durations.S;
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    @Test
    void fastInitAt360BaudIsSeenAndAnswered() throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        DiagnosticProfile diag = catalog.loadDiagnostics("r56-2007-2013");
        clock = new SystemClock("it-baud");
        pty = PtyPair.open(null);
        BaudWatch watch = BaudWatch.of(pty);
        sim = startSim(diag, PortSettings.virtualPair(), watch);
        port = openSlave(diag.baud());
        Thread.sleep(400); // idle before the init (power-on idle, W5-like)

        port.setBaudRate(360);
        long switched = System.nanoTime();
        port.writeBytes(new byte[] {0x00}, 1);
        Thread.sleep(25); // the byte's 9 low bits at 360 baud (a pty does not take that time itself)
        port.setBaudRate(10400);
        Thread.sleep(25); // TiniH
        byte[] start = {(byte) 0x81, 0x40, (byte) 0xF1, (byte) 0x81, 0x33};
        port.writeBytes(start, start.length);

        String heard = readUntil("C1 EF 8F", 2000);
        assertThat(heard).contains("81 40 F1 81 33").contains("C1 EF 8F");

        List<BaudEvidence.Switch> h = watch.history();
        int i360 = lastIndex(h, 360);
        assertThat(i360).as("history %s", h).isGreaterThanOrEqualTo(0);
        assertThat(h.subList(i360, h.size()).stream()
                        .map(BaudEvidence.Switch::baud)
                        .toList())
                .as("history %s", h)
                .containsExactly(360, 10400);
        BaudEvidence.Switch to360 = h.get(i360);
        assertThat(to360.at() - switched)
                .as("360 seen after setBaudRate returned")
                .isBetween(-5 * Durations.MS, 5 * Durations.MS);
        assertThat(h.get(i360 + 1).at() - to360.at()).isBetween(20 * Durations.MS, 60 * Durations.MS);
        // the wake-up is placed at the switch, 25 ms long
        TraceEntry low = trace.stream()
                .filter(t -> t.kind() == TraceEntry.Kind.LOW)
                .findFirst()
                .orElseThrow();
        assertThat(low.from()).isEqualTo(Direction.TESTER);
        assertThat(low.at()).isEqualTo(to360.at());
        assertThat(low.durationNanos()).isEqualTo(25 * Durations.MS);
    }

    /**
     * A tester as a third-party ISO 14230 tester is on a pty: it sends the functional address
     * at 5 baud, takes the echo as the end of its 2-s byte, then waits W1 for 0x55 and answers
     * KB2 at once (well before W4min). The echo must come when the byte would have ended.
     */
    @Test
    void fiveBaudAddressIsEchoedWhenItsTwoSecondsEndAndAnImmediateInvertedKb2OpensTheSession() throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        DiagnosticProfile diag = catalog.loadDiagnostics("r56-2007-2013");
        PortSettings settings = PortSettings.virtualPair();
        long u = settings.line().uncertainty().nanos();
        clock = new SystemClock("it-baud");
        pty = PtyPair.open(null);
        sim = startSim(diag, settings, BaudWatch.of(pty));
        port = openSlave(diag.baud());
        Thread.sleep(400); // W5: the line idle before the address

        port.setBaudRate(5);
        long switched = System.nanoTime();
        port.writeBytes(new byte[] {0x33}, 1);
        String echo = readUntil("33", 3000);
        long echoed = System.nanoTime();
        port.setBaudRate(diag.baud());
        assertThat(echo).isEqualTo("33");
        assertThat(echoed - switched)
                .as("the echo of a 5-baud byte, from the switch to 5 baud (line uncertainty %s)", Durations.format(u))
                .isBetween(2 * Durations.S - Durations.MS, 2 * Durations.S + 2 * u);

        String sync = readUntil("55 EF 8F", 1000);
        assertThat(sync).isEqualTo("55 EF 8F");
        port.writeBytes(new byte[] {0x70}, 1); // ~KB2 at once, as the tester does
        String rest = readUntil("CC", 1000);
        assertThat(rest).as("~KB2's echo, then our inverted address").isEqualTo("70 CC");
    }

    /**
     * Our tester's classic wake-up: a 0x00 at 360 baud (nine low bits, 25 ms, timed by the UART),
     * then back to 10400 baud for StartCommunication. The simulator sees the switch to 360 on
     * the pty and opens the session; the port is back at the line's baud afterwards.
     */
    @Test
    void ourTestersWakeUpByteAt360BaudOpensASession() throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        DiagnosticProfile diag = catalog.loadDiagnostics("r56-2007-2013");
        clock = new SystemClock("it-baud");
        pty = PtyPair.open(null);
        BaudWatch watch = BaudWatch.of(pty);
        sim = startSim(diag, PortSettings.virtualPair(), watch);
        try (SystemClock testerClock = new SystemClock("it-tester")) {
            JSerialCommChannel channel = new JSerialCommChannel(
                    pty.slavePath(), diag.baud(), JSerialCommChannel.Framing.parse(diag.framing()));
            PortTester tester = new PortTester(
                    testerClock, channel, diag, diag.ecuAddress(), true, PortEndpoint.WakeUp.BYTE_AT_360_BAUD);
            try {
                PortTester.Exchange init = tester.init(Init.FAST);
                assertThat(init.answered())
                        .as("fast init; the tester heard %s", init.heard())
                        .isTrue();
                assertThat(watch.history())
                        .as("the sim saw the tester switch to 360 baud and back")
                        .extracting(BaudEvidence.Switch::baud)
                        .containsSubsequence(PortEndpoint.WAKE_UP_BAUD, diag.baud());
                assertThat(pty.slaveBaud()).isEqualTo(diag.baud());
                PortTester.Exchange read = tester.request(new byte[] {0x1A, (byte) 0x80});
                assertThat(read.answered())
                        .as("1A 80; the tester heard %s", read.heard())
                        .isTrue();
            } finally {
                tester.close();
            }
        }
    }

    /** The R56 simulator on the pty's master, tracing into {@link #trace}. */
    private PortSimulator startSim(DiagnosticProfile diag, PortSettings settings, BaudWatch watch) throws Exception {
        return PortSimulator.start(
                ProfileCatalog.builtIn().load("r56-2007-2013"),
                diag,
                PortSimulator.defaultCar(),
                clock,
                pty.master(),
                settings,
                trace::add,
                watch);
    }

    private SerialPort openSlave(int baud) {
        NativeSetup.ensureUniqueAppId();
        SerialPort p = SerialPort.getCommPort(pty.slavePath());
        p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
        assertThat(p.openPort(0)).as("open " + pty.slavePath()).isTrue();
        return p;
    }

    private String readUntil(String wanted, long millis) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[64];
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end && !hex(got.toByteArray()).contains(wanted)) {
            int n = port.readBytes(buf, buf.length);
            if (n > 0) {
                got.write(buf, 0, n);
            }
        }
        return hex(got.toByteArray());
    }

    private static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
    }

    private static int lastIndex(List<BaudEvidence.Switch> h, int baud) {
        for (int i = h.size() - 1; i >= 0; i--) {
            if (h.get(i).baud() == baud) {
                return i;
            }
        }
        return -1;
    }
}
