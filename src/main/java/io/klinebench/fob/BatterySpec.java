package io.klinebench.fob;

import java.util.Objects;
import java.util.Set;

/**
 * How a model year's remote battery behaves. Every number comes from a profile file.
 *
 * @param type              coin cell (2002-2004, replaceable CR2032) or rechargeable (2005+)
 * @param fullChargeNanos   time in the ignition from empty to full (rechargeable only)
 * @param chargePositions   ignition positions in which the key charges (rechargeable only)
 * @param drainPerDay       fraction of a full battery lost per day of idling
 * @param perPress          fraction of a full battery one transmission costs
 * @param minOperatingLevel below this level the remote still sends, with its low-voltage
 *                          flag set, and the car does nothing
 * @param maxOutNanos       how long a coin cell may be out before the remote loses its
 *                          synchronisation (coin cell only)
 */
public record BatterySpec(
        Type type,
        long fullChargeNanos,
        Set<Integer> chargePositions,
        double drainPerDay,
        double perPress,
        double minOperatingLevel,
        long maxOutNanos) {

    public enum Type {
        COIN_CELL,
        RECHARGEABLE
    }

    public BatterySpec {
        Objects.requireNonNull(type, "type");
        chargePositions = Set.copyOf(chargePositions);
        requireFraction("drain-per-day", drainPerDay);
        requireFraction("per-press", perPress);
        requireFraction("min-operating-level", minOperatingLevel);
        if (type == Type.RECHARGEABLE && fullChargeNanos <= 0) {
            throw new IllegalArgumentException("a rechargeable battery needs a full-charge time above zero");
        }
        if (type == Type.COIN_CELL && maxOutNanos <= 0) {
            throw new IllegalArgumentException("a coin cell needs a max-out-time above zero");
        }
    }

    private static void requireFraction(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be a fraction between 0 and 1, not " + v);
        }
    }
}
