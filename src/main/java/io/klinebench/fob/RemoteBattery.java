package io.klinebench.fob;

import io.klinebench.time.Clock;

/**
 * A remote's battery level as a function of time: it is only computed when asked, from the
 * level at the last change and the rate since, so thirty idle days cost nothing to simulate.
 * Level 1.0 is full, 0.0 empty.
 */
public final class RemoteBattery {

    private static final double NANOS_PER_DAY = 86_400e9;

    private final BatterySpec spec;
    private final Clock clock;
    private double level;
    private long since;
    private boolean charging;
    private boolean installed = true;
    private long removedAt;

    public RemoteBattery(BatterySpec spec, Clock clock, double level) {
        if (!(level >= 0 && level <= 1)) {
            throw new IllegalArgumentException("battery level must be between 0 and 1, not " + level);
        }
        this.spec = spec;
        this.clock = clock;
        this.level = level;
        this.since = clock.nanos();
    }

    public BatterySpec spec() {
        return spec;
    }

    /** The level now, between 0 and 1; 0 while removed. */
    public double level() {
        if (!installed) {
            return 0;
        }
        long now = clock.nanos();
        double perNano = -spec.drainPerDay() / NANOS_PER_DAY;
        if (charging) {
            perNano += 1.0 / spec.fullChargeNanos();
        }
        return clamp(level + perNano * (now - since));
    }

    public boolean installed() {
        return installed;
    }

    /** True when the remote can send at all (it may still be below its operating level). */
    public boolean canTransmit() {
        return installed && level() > 0;
    }

    public boolean low() {
        return level() < spec.minOperatingLevel();
    }

    /** Charging follows the key's place in the ignition; only rechargeable cells charge. */
    public void setCharging(boolean on) {
        boolean effective = on && spec.type() == BatterySpec.Type.RECHARGEABLE;
        if (effective != charging) {
            settle();
            charging = effective;
        }
    }

    public boolean charging() {
        return charging;
    }

    /** One transmission's cost. */
    public void spend() {
        settle();
        level = clamp(level - spec.perPress());
    }

    /** Takes the cell out (coin cell only); returns false for a soldered-in cell. */
    public boolean remove() {
        if (spec.type() != BatterySpec.Type.COIN_CELL || !installed) {
            return false;
        }
        settle();
        installed = false;
        removedAt = clock.nanos();
        return true;
    }

    /**
     * Puts a cell back (the same one, at the level it had).
     *
     * @return how long it was out, or -1 if it was not out
     */
    public long insert() {
        if (installed) {
            return -1;
        }
        installed = true;
        since = clock.nanos();
        return since - removedAt;
    }

    private void settle() {
        level = level();
        since = clock.nanos();
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
