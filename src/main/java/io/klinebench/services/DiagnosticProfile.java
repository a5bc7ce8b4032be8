package io.klinebench.services;

import io.klinebench.kline.Ds2Timing;
import io.klinebench.kline.KwpTiming;
import java.util.Map;
import java.util.Objects;

/**
 * The diagnostic face of a model year, from the profile's {@code diagnostics} section: which
 * protocol, addresses, line settings, timing, security-access rules and identification.
 *
 * @param protocol      DS2 (R50/R53 body controller) or KWP2000 (R56 CAS)
 * @param ecuAddress    our address (DS2 0x00; KWP target address)
 * @param testerAddress the tester's source address (KWP, usually 0xF1)
 * @param baud          line speed (9600 DS2, 10400 KWP2000)
 * @param framing       "8E1" or "8N1"
 * @param keyBytes      KWP key bytes KB1 KB2 (answer to StartCommunication); unused for DS2
 * @param kwp           KWP2000 timing (null for DS2)
 * @param ds2           DS2 timing (null for KWP2000)
 * @param security      seed/key attempts and delays
 * @param vin           the car's identity, written into a replaced receiver by coding
 * @param identification identification fields (part number, hardware, software...)
 */
public record DiagnosticProfile(
        Protocol protocol,
        int ecuAddress,
        int testerAddress,
        int baud,
        String framing,
        int[] keyBytes,
        KwpTiming kwp,
        Ds2Timing ds2,
        SecurityRule security,
        String vin,
        Map<String, String> identification) {

    public enum Protocol {
        DS2,
        KWP2000
    }

    /**
     * @param maxAttempts     wrong keys allowed before exceedNumberOfAttempts
     * @param lockoutNanos    requiredTimeDelayNotExpired lasts this long after the last wrong key
     * @param powerOnDelayNanos delay after power-on (and after a reset) while a lockout is pending
     */
    public record SecurityRule(int maxAttempts, long lockoutNanos, long powerOnDelayNanos) {
        public SecurityRule {
            if (maxAttempts < 1 || lockoutNanos < 0 || powerOnDelayNanos < 0) {
                throw new IllegalArgumentException("security: need max-attempts >= 1 and delays >= 0");
            }
        }
    }

    public DiagnosticProfile {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(vin, "vin");
        keyBytes = keyBytes.clone();
        identification = Map.copyOf(identification);
        if (protocol == Protocol.KWP2000 && (kwp == null || keyBytes.length != 2)) {
            throw new IllegalArgumentException("KWP2000 needs its timing and two key bytes");
        }
        if (protocol == Protocol.DS2 && ds2 == null) {
            throw new IllegalArgumentException("DS2 needs its timing");
        }
    }

    @Override
    public int[] keyBytes() {
        return keyBytes.clone();
    }
}
