package io.klinebench.contract;

import io.klinebench.config.ProfileCatalog;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.serial.BaudWatch;
import io.klinebench.serial.JSerialCommChannel;
import io.klinebench.serial.PtyPair;
import io.klinebench.sim.PortSettings;

/**
 * The transport contract over a pty pair in real time, wired as {@code sim --virtual} wires it:
 * the simulator on the master with {@link PortSettings#virtualPair()} (it echoes what the tester
 * writes, as the K wire would, and watches the tester's baud switches), a {@code PortTester} on the
 * slave through jSerialComm that expects its echo. Timing is judged within the pair's stated
 * uncertainty ({@link PortSettings#PTY}); nothing else is allowed for.
 */
class PtyContractIT extends TransportContract {

    @Override
    protected Transport open(String profile) throws Exception {
        DiagnosticProfile diag = ProfileCatalog.builtIn().loadDiagnostics(profile);
        PtyPair pty = PtyPair.open(null);
        try {
            return new PortTransport(
                    "pty pair, tester on " + pty.slavePath(),
                    profile,
                    pty.master(),
                    () -> new JSerialCommChannel(
                            pty.slavePath(), diag.baud(), JSerialCommChannel.Framing.parse(diag.framing())),
                    PortSettings.virtualPair(),
                    true,
                    BaudWatch.of(pty),
                    Transport.Support.yes(),
                    pty);
        } catch (Exception | Error e) {
            pty.close();
            throw e;
        }
    }
}
