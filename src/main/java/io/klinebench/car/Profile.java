package io.klinebench.car;

import io.klinebench.fob.BatterySpec;
import java.util.List;
import java.util.Objects;

/**
 * Everything that differs between model years, as numbers and switches. Profiles are files
 * under bench-config/profiles/; no number of the ritual is written in code.
 *
 * @param name          file name without extension ("r50-r53-2005-2008")
 * @param summary       one line for {@code kline-bench profiles}
 * @param doors         the car's lockable doors, in actuation order
 * @param slots         how many remotes the module stores
 * @param cycles        the ignition-cycle part of the ritual
 * @param completion    what completes the ritual after the cycles
 * @param rollingCode   rolling-code windows
 * @param carBattery    what a car-battery disconnection does
 * @param remoteBattery the remotes' battery of this model year
 */
public record Profile(
        String name,
        String summary,
        List<String> doors,
        int slots,
        CycleRule cycles,
        Completion completion,
        RollingCodeRule rollingCode,
        CarBatteryRule carBattery,
        BatterySpec remoteBattery) {

    public Profile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        doors = List.copyOf(doors);
        if (doors.isEmpty()) {
            throw new IllegalArgumentException("doors: a car needs at least one door");
        }
        if (slots < 1 || slots > 64) {
            throw new IllegalArgumentException("slots must be 1..64, not " + slots);
        }
        Objects.requireNonNull(cycles, "cycles");
        Objects.requireNonNull(completion, "completion");
        Objects.requireNonNull(rollingCode, "rolling-code");
        Objects.requireNonNull(carBattery, "car-battery");
        Objects.requireNonNull(remoteBattery, "remote-battery");
    }

    /**
     * The ignition cycles: key in, ignition to {@code runPosition} and back to off, {@code count} times.
     *
     * @param count             cycles needed (exactly)
     * @param runPosition       ignition position that counts as "on" (2: all dash lights)
     * @param minRunNanos       shortest time in run that counts
     * @param maxRunNanos       longest time in run that counts
     * @param maxOffNanos       longest time off between two cycles
     * @param requireDoorsClosed counting needs every door closed
     * @param requireUnlocked   counting needs the car unlocked
     */
    public record CycleRule(
            int count,
            int runPosition,
            long minRunNanos,
            long maxRunNanos,
            long maxOffNanos,
            boolean requireDoorsClosed,
            boolean requireUnlocked) {
        public CycleRule {
            if (count < 1) {
                throw new IllegalArgumentException("cycles.count must be at least 1, not " + count);
            }
            if (runPosition < 1 || runPosition > 3) {
                throw new IllegalArgumentException("cycles.run-position must be 1, 2 or 3, not " + runPosition);
            }
            if (minRunNanos < 0 || maxRunNanos <= minRunNanos || maxOffNanos <= 0) {
                throw new IllegalArgumentException(
                        "cycles: need 0 <= min-run-time < max-run-time and max-off-time > 0");
            }
        }
    }

    /**
     * What completes the ritual after the cycles.
     *
     * @param kind                   remote gesture after the key is out (R50/R53), or the
     *                               key in the ignition learned at once (R56)
     * @param keyOutDeadlineNanos    gesture: the key must leave the ignition this soon after the last cycle
     * @param firstRemoteNanos       gesture: the first remote must complete within this after the window opens
     * @param furtherRemoteNanos     each further remote (key, on R56) within this after the previous one
     * @param holdUnlock             gesture: UNLOCK is held through the LOCK presses and released with the last
     * @param lockPresses            gesture: LOCK presses needed
     * @param releaseToleranceNanos  gesture: how far apart "released together" may be
     * @param acceptsNewRemotes      whether a remote the car does not know can be learned this way
     * @param dropsRemotesNotLearned whether remotes not learned in the session lose their slot
     * @param chime                  whether the car chimes when the cycles are complete
     * @param confirmStepNanos       gesture: time between door actuations of the confirmation
     */
    public record Completion(
            Kind kind,
            long keyOutDeadlineNanos,
            long firstRemoteNanos,
            long furtherRemoteNanos,
            boolean holdUnlock,
            int lockPresses,
            long releaseToleranceNanos,
            boolean acceptsNewRemotes,
            boolean dropsRemotesNotLearned,
            boolean chime,
            long confirmStepNanos) {

        public enum Kind {
            REMOTE_GESTURE,
            INSERTED_KEY
        }

        public Completion {
            Objects.requireNonNull(kind, "completion.kind");
            if (furtherRemoteNanos <= 0) {
                throw new IllegalArgumentException("completion.further-remote-within must be above zero");
            }
            if (kind == Kind.REMOTE_GESTURE) {
                if (keyOutDeadlineNanos <= 0 || firstRemoteNanos <= 0) {
                    throw new IllegalArgumentException(
                            "completion: a remote gesture needs key-out-deadline and first-remote-within above zero");
                }
                if (lockPresses < 1) {
                    throw new IllegalArgumentException("completion.lock-presses must be at least 1");
                }
                if (releaseToleranceNanos < 0 || confirmStepNanos < 0) {
                    throw new IllegalArgumentException(
                            "completion: release-tolerance and confirm-step must not be negative");
                }
            }
        }
    }

    /**
     * @param acceptWindow counter steps ahead accepted on a single code (16)
     * @param resyncWindow counter steps ahead accepted after two consecutive codes (32768)
     */
    public record RollingCodeRule(int acceptWindow, int resyncWindow) {
        public RollingCodeRule {
            if (acceptWindow < 1 || resyncWindow <= acceptWindow || resyncWindow > 0x8000) {
                throw new IllegalArgumentException(
                        "rolling-code: need 1 <= accept-window < resync-window <= 32768, not " + acceptWindow + "/"
                                + resyncWindow);
            }
        }
    }

    /** @param desyncsRemotes whether the remotes stop working after a disconnection until the ritual */
    public record CarBatteryRule(boolean desyncsRemotes) {}
}
