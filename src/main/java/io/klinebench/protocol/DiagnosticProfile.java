package io.klinebench.protocol;

import io.klinebench.services.SecurityRule;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The diagnostic face of a model year, from the profile's {@code diagnostics} section: the
 * protocol (with its own timing and settings), the module's address, line settings,
 * security-access rules and identification.
 *
 * @param protocol       DS2 (R50/R53 body controller) or KWP2000 (R56 CAS), with what only it has
 * @param ecuAddress     our address (DS2 0x00; KWP target address)
 * @param baud           line speed (9600 DS2, 10400 KWP2000)
 * @param framing        "8E1" or "8N1"
 * @param security       seed/key attempts and delays
 * @param vin            the car's identity, written into a replaced receiver by coding
 * @param identification identification fields (part number, hardware, software...)
 * @param lines          the car's K-lines and their other modules (the R50/R53's pins 7 and 8),
 *                       or none: the module alone on its line
 */
public record DiagnosticProfile(
        DiagnosticProtocol protocol,
        int ecuAddress,
        int baud,
        String framing,
        SecurityRule security,
        String vin,
        Map<String, String> identification,
        CarLines lines) {

    /** A module alone on its line. */
    public DiagnosticProfile(
            DiagnosticProtocol protocol,
            int ecuAddress,
            int baud,
            String framing,
            SecurityRule security,
            String vin,
            Map<String, String> identification) {
        this(protocol, ecuAddress, baud, framing, security, vin, identification, CarLines.none());
    }

    public DiagnosticProfile {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(vin, "vin");
        identification = Map.copyOf(identification);
        if (ecuAddress < 0 || ecuAddress > 0xFF) {
            throw new IllegalArgumentException("the ECU address is a byte, 00..FF");
        }
    }

    /** The same module reached another way (D-CAN through an slcan adapter instead of a K+DCAN cable). */
    public DiagnosticProfile withProtocol(DiagnosticProtocol reachedBy) {
        return new DiagnosticProfile(reachedBy, ecuAddress, baud, framing, security, vin, identification, lines);
    }

    /**
     * The line as a tester must set it up, e.g. "protocol KWP2000, 10400 baud 8N1, ECU address 0x40
     * (tester 0xF1; fast init or 5-baud init)".
     */
    public String lineDescription() {
        StringBuilder notes = new StringBuilder();
        protocol.testerNote().ifPresent(notes::append);
        if (!protocol.inits().isEmpty()) {
            if (notes.length() > 0) {
                notes.append("; ");
            }
            notes.append(String.join(
                    " or ", protocol.inits().stream().map(i -> i.init().text()).toList()));
        }
        return String.format(
                Locale.ROOT,
                "protocol %s, %d baud %s, ECU address 0x%02X%s",
                protocol.name(),
                baud,
                framing,
                ecuAddress,
                notes.length() == 0 ? "" : " (" + notes + ")");
    }
}
