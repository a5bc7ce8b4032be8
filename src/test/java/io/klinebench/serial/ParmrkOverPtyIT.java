package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.Init;
import io.klinebench.kline.LineConditions;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.sim.PortSettings;
import io.klinebench.sim.PortSimulator;
import io.klinebench.sim.PortTester;
import io.klinebench.time.SystemClock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's {@code --port} channel (jSerialComm in PARMRK mode) on a pty slave, the
 * tester on the master. A pty's line discipline applies PARMRK to what the master writes, so
 * a data 0xFF arrives on the slave as {@code FF FF}; a pty cannot carry a break or a framing
 * error (there is no UART), so those are covered by ParmrkDecoderTest and SerialPipeParmrkTest
 * only.
 */
class ParmrkOverPtyIT {

    private PtyPair pty;
    private JSerialCommChannel raw;
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
        if (raw != null) {
            raw.close();
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

    /**
     * A DS2 port (8E1) that is a pty, opened a second time in PARMRK mode (sim --port on one end
     * of a socat pair, run twice): a pty carries no parity, so asking for it there makes
     * tcsetattr fail with EINVAL once nothing else changes; the non-PARMRK open already leaves
     * parity out on a pty (found by the transport contract, RealPortContractIT, on a pty bridge).
     */
    @Test
    void anEvenParityPtyOpensInParmrkModeAgainAndAgain() throws Exception {
        pty = PtyPair.open(null);
        for (int i = 0; i < 3; i++) {
            raw = new JSerialCommChannel(pty.slavePath(), 9600, JSerialCommChannel.Framing.E81, true);
            raw.open();
            assertThat(ParmrkTermios.inputFlags(pty.slavePath()) & ParmrkTermios.PARMRK)
                    .as("PARMRK, open %d", i + 1)
                    .isNotZero();
            raw.close();
            raw = null;
        }
    }

    @Test
    void theSlaveIsInParmrkModeAndAnFfArrivesDoubled() throws Exception {
        pty = PtyPair.open(null);
        raw = new JSerialCommChannel(pty.slavePath(), 10400, JSerialCommChannel.Framing.N81, true);
        raw.open();
        int iflag = ParmrkTermios.inputFlags(pty.slavePath());
        assertThat(iflag & ParmrkTermios.PARMRK).as("PARMRK").isNotZero();
        assertThat(iflag & ParmrkTermios.INPCK).as("INPCK").isNotZero();
        // BRKINT is not looked at: a pty carries no break, and the pair sets it on its slave when a
        // user closes it (PtyPair.freshenSlave), which jSerialComm's open may do once before its own.
        assertThat(iflag & (ParmrkTermios.IGNBRK | ParmrkTermios.IGNPAR))
                .as("IGNBRK IGNPAR")
                .isZero();

        pty.master().write(new byte[] {0x55, (byte) 0xFF, 0x00}, 3);
        int[] got = readAtLeast(raw, 4);
        assertThat(got).containsExactly(0x55, 0xFF, 0xFF, 0x00);
    }

    @Test
    void theSimulatorOnAParmrkPortReadsOneFfAndAnswersAFastInit() throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        DiagnosticProfile diag = catalog.loadDiagnostics("r56-2007-2013");
        simClock = new SystemClock("it-sim");
        testerClock = new SystemClock("it-tester");
        pty = PtyPair.open(null);
        JSerialCommChannel channel = new JSerialCommChannel(
                pty.slavePath(), diag.baud(), JSerialCommChannel.Framing.parse(diag.framing()), true);
        sim = PortSimulator.start(
                catalog.load("r56-2007-2013"),
                diag,
                PortSimulator.defaultCar(),
                simClock,
                channel,
                new PortSettings(true, LineConditions.real(true, PortSettings.PTY), true),
                trace::add,
                null);

        pty.master().write(0xFF);
        byte[] echo = new byte[16];
        int n = pty.master().read(echo); // the echo is the byte as on the wire: one FF
        assertThat(n).isEqualTo(1);
        assertThat(echo[0] & 0xFF).isEqualTo(0xFF);
        long end = System.nanoTime() + 2_000_000_000L;
        while (testerBytes().isEmpty() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
        assertThat(testerBytes()).containsExactly(0xFF);

        tester = new PortTester(testerClock, pty.master(), diag, diag.ecuAddress(), true);
        List<PortTester.Exchange> x = PortTester.conversation(tester, Optional.of(Init.FAST), List.of(Hex.parse("3E")));
        assertThat(x)
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.answered()).as(e.request()).isTrue());
        assertThat(x.get(0).answer()).contains("C1 EF 8F");
        assertThat(x.get(1).answer()).contains("7E");
    }

    private List<Integer> testerBytes() {
        return trace.stream()
                .filter(t -> t.from() == Direction.TESTER && t.kind() == TraceEntry.Kind.BYTE)
                .map(TraceEntry::value)
                .toList();
    }

    private static int[] readAtLeast(PortChannel ch, int count) {
        byte[] all = new byte[0];
        byte[] buffer = new byte[64];
        while (all.length < count) {
            int n = ch.read(buffer);
            if (n < 0) {
                break;
            }
            byte[] grown = Arrays.copyOf(all, all.length + n);
            System.arraycopy(buffer, 0, grown, all.length, n);
            all = grown;
        }
        int[] out = new int[all.length];
        for (int i = 0; i < all.length; i++) {
            out[i] = all[i] & 0xFF;
        }
        return out;
    }
}
