package io.klinebench.contract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.LineConditions;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.serial.JSerialCommChannel;
import io.klinebench.sim.PortSettings;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;

/**
 * The transport contract on real serial ports, opt-in: the simulator on one port (PARMRK, as
 * {@code sim --port} opens it, {@link PortSettings#cable()}), a {@code PortTester} on the other,
 * both in this JVM. Skipped, saying so, unless both ports are named:
 *
 * <pre>
 * ./mvnw verify -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RealPortContractIT \
 *     -Dkline.contract.simPort=/dev/ttyUSB0 -Dkline.contract.testerPort=/dev/ttyUSB1
 * </pre>
 *
 * (failsafe hands {@code -D} user properties to the forked test JVM). The wiring, {@code
 * -Dkline.contract.wiring=}:
 * <ul>
 *   <li>{@code k-line} (the default): two K-line cables (KKL, K+DCAN) with their K pins joined
 *       and powered as they need; each end hears its own bytes from the wire, the module drops
 *       its own.
 *   <li>{@code crossed}: two plain UARTs, TX to RX both ways (a null modem); nothing echoes in
 *       hardware, so the module echoes what the tester writes, as on a virtual pair.
 * </ul>
 * Timing is judged within a cable's stated uncertainty ({@link PortSettings#CABLE}). A 5-baud
 * init is not part of it here: a real UART shows a 5-baud address, bit by bit, as breaks, which
 * the module takes for wake-ups, not for an address.
 */
class RealPortContractIT extends TransportContract {

    static final String SIM_PORT = "kline.contract.simPort";
    static final String TESTER_PORT = "kline.contract.testerPort";
    static final String WIRING = "kline.contract.wiring";

    @BeforeEach
    void onlyWithPortsNamed() {
        assumeTrue(
                present(SIM_PORT) && present(TESTER_PORT),
                "no real ports named: run with -D" + SIM_PORT + "=PORT -D" + TESTER_PORT
                        + "=PORT (two K-line cables on one K wire; -D" + WIRING
                        + "=crossed for two UARTs wired TX to RX) to check the contract on them");
    }

    @Override
    protected Transport open(String profile) throws Exception {
        String simPort = System.getProperty(SIM_PORT);
        String testerPort = System.getProperty(TESTER_PORT);
        String wiring = System.getProperty(WIRING, "k-line").trim().toLowerCase(Locale.ROOT);
        PortSettings settings = switch (wiring) {
            case "k-line" -> PortSettings.cable();
            case "crossed" -> new PortSettings(true, LineConditions.real(false, PortSettings.CABLE), true);
            default ->
                throw new IllegalArgumentException(
                        "-D" + WIRING + "=" + wiring + ": 'k-line' (one K wire) or 'crossed' (TX to RX)");
        };
        DiagnosticProfile diag = ProfileCatalog.builtIn().loadDiagnostics(profile);
        JSerialCommChannel.Framing framing = JSerialCommChannel.Framing.parse(diag.framing());
        return new PortTransport(
                "module on " + simPort + ", tester on " + testerPort + ", wiring " + wiring,
                profile,
                new JSerialCommChannel(simPort, diag.baud(), framing, true),
                () -> new JSerialCommChannel(testerPort, diag.baud(), framing),
                settings,
                true, // on a K wire the wire echoes; crossed, the module does
                null,
                Transport.Support.no("a real UART shows a 5-baud address to the module as breaks (wake-ups)"),
                null);
    }

    private static boolean present(String property) {
        String v = System.getProperty(property);
        return v != null && !v.isBlank();
    }
}
