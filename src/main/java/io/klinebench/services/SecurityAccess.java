package io.klinebench.services;

import io.klinebench.car.BodyControlModule;
import io.klinebench.car.SecurityMemory;
import io.klinebench.kline.NegativeResponse;
import io.klinebench.kline.Nrc;
import java.util.Objects;

/**
 * Seed and key, shared by both personalities (KWP2000 SecurityAccess 27 01 / 27 02, DS2
 * START_DIAGNOSTICS). One level; a 16-bit seed; the key is a fixed function of the seed:
 *
 * <pre>
 *   key = (rotl16(seed XOR 0x4D49, 5) + 0x4B42) mod 0x10000       ("MI", "KB")
 *   seed 1234 -> key 3AED      seed 0001 -> key F44B      seed BEEF -> key C020
 * </pre>
 *
 * <p>The seed comes from a deterministic source: SplitMix64 over the clock time of the request
 * and a running seed index kept in the module, so the same run gives the same seeds and no two
 * requests share an input. A seed is never 0000: that value means "already unlocked".
 *
 * <p>Attempts: a wrong key is {@link Nrc#INVALID_KEY}; the wrong key that reaches the
 * profile's {@code max-attempts} is {@link Nrc#EXCEED_NUMBER_OF_ATTEMPTS} and starts the
 * {@code lockout} delay, during which seeds and keys get
 * {@link Nrc#REQUIRED_TIME_DELAY_NOT_EXPIRED}. The wrong-key count and the delay live in the
 * module's non-volatile {@link SecurityMemory}: they survive an ECU reset and a car-battery
 * disconnection, and a delay running when the module stops restarts with
 * {@code power-on-delay} when it starts again. The unlocked state and an issued seed are
 * volatile: they belong to one start of the module and end with a reset or a power loss, and
 * the personalities end them too (session end, DS2 idle lock).
 */
public final class SecurityAccess {

    /** What "already unlocked" looks like in place of a seed. */
    public static final int UNLOCKED_SEED = 0x0000;

    private static final long SALT = 0x4D494E4942434D31L; // "MINIBCM1"

    private final SecurityRule rule;
    private final SecurityMemory memory;
    private int pendingSeed = -1;
    private boolean unlocked;

    public SecurityAccess(SecurityRule rule, BodyControlModule car) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.memory = car.diagnostics().securityMemory();
        // Unlocked state and issued seed belong to one start of the module.
        car.diagnostics().onRestart(this::lock);
    }

    /** The documented key function. */
    public static int keyFor(int seed) {
        int x = (seed ^ 0x4D49) & 0xFFFF;
        int rotated = ((x << 5) | (x >>> 11)) & 0xFFFF;
        return (rotated + 0x4B42) & 0xFFFF;
    }

    /** Unlocked in this start of the module. */
    public boolean unlocked() {
        return unlocked;
    }

    /** Whether a lockout delay runs at {@code now}. */
    public boolean delayRunning(long now) {
        return memory.delayRunning(now);
    }

    /**
     * The seed to send, or {@link #UNLOCKED_SEED} when already unlocked.
     *
     * @throws NegativeResponse requiredTimeDelayNotExpired while a lockout delay runs
     */
    public int requestSeed(long now) throws NegativeResponse {
        if (unlocked()) {
            return UNLOCKED_SEED;
        }
        if (memory.delayRunning(now)) {
            throw Nrc.REQUIRED_TIME_DELAY_NOT_EXPIRED.reject();
        }
        pendingSeed = seed(now, memory.nextSeedIndex());
        return pendingSeed;
    }

    /**
     * Checks a key against the last seed; the seed is used up either way.
     *
     * @throws NegativeResponse requiredTimeDelayNotExpired during a lockout; conditionsNotCorrect
     *         (sequence error) with no seed issued in this start, or when already unlocked;
     *         invalidKey; exceedNumberOfAttempts for the wrong key that reaches the limit
     */
    public void sendKey(int key, long now) throws NegativeResponse {
        if (memory.delayRunning(now)) {
            throw Nrc.REQUIRED_TIME_DELAY_NOT_EXPIRED.reject();
        }
        if (unlocked || pendingSeed < 0) {
            pendingSeed = -1;
            throw Nrc.CONDITIONS_NOT_CORRECT.reject();
        }
        int seed = pendingSeed;
        pendingSeed = -1;
        if ((key & 0xFFFF) == keyFor(seed)) {
            unlocked = true;
            memory.resetAttempts();
            return;
        }
        if (memory.recordFailure() >= rule.maxAttempts()) {
            memory.startDelay(now, rule.lockoutNanos(), rule.powerOnDelayNanos());
            throw Nrc.EXCEED_NUMBER_OF_ATTEMPTS.reject();
        }
        throw Nrc.INVALID_KEY.reject();
    }

    /** Locked again, any issued seed forgotten (session end, idle lock, DIAGNOSE_ENDE, a module restart). */
    public void lock() {
        unlocked = false;
        pendingSeed = -1;
    }

    static int seed(long now, long index) {
        long z = mix(now ^ mix(index * 0x9E3779B97F4A7C15L ^ SALT));
        int s = (int) (z ^ (z >>> 16) ^ (z >>> 32) ^ (z >>> 48)) & 0xFFFF;
        return s == UNLOCKED_SEED ? 0x0001 : s;
    }

    // SplitMix64 finaliser, as fob.RollingCodeCipher uses it.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
