package io.klinebench.cli;

import io.klinebench.dcan.CanAccess;
import io.klinebench.dcan.SocketCan;
import io.klinebench.protocol.DCan;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.serial.JSerialCommChannel;
import io.klinebench.serial.PortChannel;
import io.klinebench.sim.CanSocketLine;
import io.klinebench.sim.PortSettings;
import java.util.Optional;

/**
 * The words of {@code --can}, how the sim or the tester reaches CAN instead of a K+DCAN cable:
 *
 * <pre>
 *   slcan:PATH   the slcan adapter (a CANable) at PATH; we drive it: S6, O, then frames
 *   slcan        (sim, with --virtual or --port) the port is where an slcan host connects: the
 *                sim plays the adapter, the car's bus behind it
 *   socketcan:IFACE  the SocketCAN interface IFACE (can0, vcan0): a raw CAN socket carrying the
 *                same frames, reached as an slcan adapter is ({@link CanSocketLine})
 * </pre>
 *
 * @param access how the port is used
 * @param port   the adapter's path, for {@code slcan:PATH}; {@code socketcan:IFACE} as it is
 */
record CanOption(CanAccess access, Optional<String> port) {

    static final String WORDS = "slcan:PATH, slcan or socketcan:IFACE";
    private static final String SOCKETCAN = "socketcan:";

    /** Reads {@code value}; throws IllegalArgumentException saying what was expected. */
    static CanOption parse(String value) {
        if (value.equals("slcan")) {
            return new CanOption(CanAccess.SLCAN_ADAPTER, Optional.empty());
        }
        if (value.startsWith("slcan:") && value.length() > "slcan:".length()) {
            return new CanOption(CanAccess.SLCAN_HOST, Optional.of(value.substring("slcan:".length())));
        }
        if (value.startsWith(SOCKETCAN) && value.length() > SOCKETCAN.length()) {
            // the interface's frames go through the same slcan path as a CANable's (sim drives it)
            return new CanOption(CanAccess.SLCAN_HOST, Optional.of(value));
        }
        throw new IllegalArgumentException("--can: expected " + WORDS + ", not '" + value + "'");
    }

    /** The interface of {@code socketcan:IFACE}; empty for slcan. */
    Optional<String> socketCan() {
        return port.filter(p -> p.startsWith(SOCKETCAN)).map(p -> p.substring(SOCKETCAN.length()));
    }

    /** The line to the adapter at {@code port()}: a serial port, or a CAN socket presented as one. */
    PortChannel channel(int baud, JSerialCommChannel.Framing framing, boolean parmrk) {
        Optional<String> iface = socketCan();
        if (iface.isPresent()) {
            return new CanSocketLine(new SocketCan(iface.get()));
        }
        return new JSerialCommChannel(port.orElseThrow(), baud, framing, parmrk);
    }

    /** How the sim sits on that line. */
    PortSettings settings(boolean virtual) {
        return socketCan().isPresent() ? PortSettings.socketCan() : PortSettings.slcanLine(virtual);
    }

    /**
     * {@code profile} reached this way; throws IllegalArgumentException when the profile's
     * protocol is not D-CAN (CAN is D-CAN's: r56-2007-2013-dcan).
     */
    DiagnosticProfile applyTo(DiagnosticProfile profile, String profileName) {
        if (!(profile.protocol() instanceof DCan dcan)) {
            throw new IllegalArgumentException("--can: profile " + profileName + " speaks "
                    + profile.protocol().name() + "; CAN is for a D-CAN profile (r56-2007-2013-dcan)");
        }
        return new DiagnosticProfile(
                dcan.through(access),
                profile.ecuAddress(),
                profile.baud(),
                profile.framing(),
                profile.security(),
                profile.vin(),
                profile.identification(),
                profile.lines());
    }
}
