package io.klinebench.car;

/**
 * The non-volatile part of the module's diagnostic security access: how many wrong keys
 * were sent since the last lockout, when a running lockout delay ends, and how many seeds
 * were handed out. It lives in the module so that it survives an ECU reset and a car-battery
 * disconnection; the seed/key bytes and the rules (attempts, delays) belong to the diagnostic
 * layer that uses it.
 *
 * <p>A delay that was running when the module stopped (car battery disconnected, ECU reset)
 * restarts when it starts again: it then ends no sooner than the start plus the delay given
 * for that case (ISO 14230-3: "the delay also restarts after a power/ignition cycle"). An
 * unpowered module counts no time, so a delay running at power-off is still pending at
 * power-on however long the battery was off.
 */
public final class SecurityMemory {

    private int failedAttempts;
    private long delayUntil = Long.MIN_VALUE;
    private long restartNanos;
    private long seedsIssued;
    private boolean runningAtStop;

    public int failedAttempts() {
        return failedAttempts;
    }

    /** One more wrong key; returns the count. */
    public int recordFailure() {
        return ++failedAttempts;
    }

    public void resetAttempts() {
        failedAttempts = 0;
    }

    /**
     * Starts a lockout delay: nothing is accepted before {@code now + delayNanos}. A start of
     * the module while it runs restarts it with {@code restartNanos}. The wrong-key count
     * starts again from zero when it ends.
     */
    public void startDelay(long now, long delayNanos, long restartOnStartNanos) {
        delayUntil = Math.max(delayUntil, now + delayNanos);
        restartNanos = restartOnStartNanos;
        failedAttempts = 0;
    }

    /** True while a delay runs: it has expired at exactly its end. */
    public boolean delayRunning(long now) {
        return now < delayUntil;
    }

    /** When the running delay ends; meaningless when none runs. */
    public long delayEndsAt() {
        return delayUntil;
    }

    /** A running counter for the seed source, so that no two seeds come from the same input. */
    public long nextSeedIndex() {
        return seedsIssued++;
    }

    /** The module stopped (power lost, or the first half of a reset). */
    void moduleStopped(long now) {
        runningAtStop = delayRunning(now);
    }

    /** The module started (power-on, or the second half of a reset). */
    void moduleStarted(long now) {
        if (runningAtStop || delayRunning(now)) {
            delayUntil = Math.max(delayUntil, now + restartNanos);
        }
        runningAtStop = false;
    }

    /** What a state file keeps, at clock time {@code now}. */
    Nvm.Security snapshot(long now) {
        boolean pending = runningAtStop || delayRunning(now);
        long remaining = delayRunning(now) ? delayUntil - now : 0;
        return new Nvm.Security(failedAttempts, pending, remaining, restartNanos, seedsIssued);
    }

    /**
     * The memory of a previous run, in a module that starts at {@code now}: a pending delay
     * runs again from now, for what it had left and no less than its restart delay.
     */
    void restore(Nvm.Security saved, long now) {
        failedAttempts = saved.failedAttempts();
        restartNanos = saved.restartNanos();
        seedsIssued = saved.seedsIssued();
        runningAtStop = false;
        delayUntil = saved.delayPending()
                ? now + Math.max(saved.delayRemainingNanos(), saved.restartNanos())
                : Long.MIN_VALUE;
    }
}
