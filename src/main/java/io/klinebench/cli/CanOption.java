package io.klinebench.cli;

import io.klinebench.dcan.CanAccess;
import io.klinebench.protocol.DCan;
import io.klinebench.protocol.DiagnosticProfile;
import java.util.Optional;

/**
 * The words of {@code --can}, how the sim or the tester reaches CAN instead of a K+DCAN cable:
 *
 * <pre>
 *   slcan:PATH   the slcan adapter (a CANable) at PATH; we drive it: S6, O, then frames
 *   slcan        (sim, with --virtual or --port) the port is where an slcan host connects: the
 *                sim plays the adapter, the car's bus behind it
 * </pre>
 *
 * @param access how the port is used
 * @param port   the adapter's path, for {@code slcan:PATH}
 */
record CanOption(CanAccess access, Optional<String> port) {

    static final String WORDS = "slcan:PATH or slcan";

    /** Reads {@code value}; throws IllegalArgumentException saying what was expected. */
    static CanOption parse(String value) {
        if (value.equals("slcan")) {
            return new CanOption(CanAccess.SLCAN_ADAPTER, Optional.empty());
        }
        if (value.startsWith("slcan:") && value.length() > "slcan:".length()) {
            return new CanOption(CanAccess.SLCAN_HOST, Optional.of(value.substring("slcan:".length())));
        }
        throw new IllegalArgumentException("--can: expected " + WORDS + ", not '" + value + "'");
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
