package io.klinebench.behaviour;

import io.klinebench.bench.Bench;
import io.klinebench.bench.CarSetup;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import io.klinebench.config.ConfigException;
import io.klinebench.fob.RemoteBattery;
import io.klinebench.time.TimingWindow;
import java.util.List;

/**
 * The standard steps of the owners' ritual, with fixed, readable timing, for the behaviour
 * tests. Every step is 1 s after the previous one unless a test says otherwise, so the
 * standard 2005-2008 ritual runs:
 *
 * <pre>
 *   0 s     console unlock              (step 1; the doors are closed)
 *   1 s     insert KEY                  (step 2)
 *   2..9 s  ignition 2 / ignition 0, four times, 1 s each way; last off at 9 s
 *   10 s    remove key                  (step 3: learn window opens, closes at 40 s)
 *   11 s    hold UNLOCK
 *   11.5 s  press LOCK (150 ms)
 *   12 s    press LOCK (150 ms)
 *   12.5 s  hold LOCK (third press)
 *   12.7 s  release LOCK and UNLOCK together: the remote is learned
 * </pre>
 */
final class Rituals {

    static final String R53_2005 = "r50-r53-2005-2008";
    static final String R53_2002 = "r50-r53-2002-2004";
    static final String R56 = "r56-2007-2013";

    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;
    static final long MIN = 60 * S;
    static final long H = 60 * MIN;
    static final long D = 24 * H;

    /** From holding UNLOCK to releasing both buttons in {@link #gesture(Bench, String, long)}. */
    static final long GESTURE_NANOS = 1700 * MS;

    static final int SERIAL_A = 0x1A2B3C;
    static final int SERIAL_B = 0x2B3C4D;
    static final int SERIAL_C = 0x3C4D5E;
    static final int SERIAL_D = 0x4D5E6F;
    static final int SERIAL_E = 0x5E6F70;

    private Rituals() {}

    static Bench bench(String profile, KeySpec... keys) {
        return bench(profile, CarSetup.of(keys));
    }

    static Bench bench(String profile, CarSetup setup) {
        try {
            return Bench.of(profile, setup);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Performs {@code action} at the absolute virtual instant {@code atNanos}. */
    static Bench at(Bench b, long atNanos, String action) {
        return b.advanceNanos(atNanos - b.now()).perform(action);
    }

    /** Step 1 and the key going in: console unlock now, key in 1 s later. */
    static void unlockAndInsert(Bench b, String key) {
        b.perform("console unlock").after("1s", "insert " + key);
    }

    /** {@code n} ignition cycles: 1 s later ignition 2, 1 s later ignition 0. Returns the last off. */
    static long cycles(Bench b, int n) {
        for (int i = 0; i < n; i++) {
            cycle(b, S, S);
        }
        return b.now();
    }

    /** One ignition cycle: {@code offNanos} later ignition 2, {@code runNanos} later ignition 0. */
    static void cycle(Bench b, long offNanos, long runNanos) {
        b.advanceNanos(offNanos).perform("ignition 2");
        b.advanceNanos(runNanos).perform("ignition 0");
    }

    /** The key out 1 s after the last step; returns that instant. */
    static long keyOut(Bench b) {
        b.after("1s", "remove key");
        return b.now();
    }

    /**
     * Step 3's buttons, starting at {@code start}: hold UNLOCK, press LOCK three times and
     * release both together on the third. Returns the instant of the release.
     */
    static long gesture(Bench b, String remote, long start) {
        at(b, start, "hold " + remote + " unlock");
        at(b, start + 500 * MS, "press " + remote + " lock");
        at(b, start + 1000 * MS, "press " + remote + " lock");
        at(b, start + 1500 * MS, "hold " + remote + " lock");
        at(b, start + GESTURE_NANOS, "release " + remote + " lock unlock");
        return b.now();
    }

    /** The gesture starting 1 s from now. */
    static long gesture(Bench b, String remote) {
        return gesture(b, remote, b.now() + S);
    }

    /** The gesture, its end timed to the nanosecond: the release happens at {@code releaseAt}. */
    static long gestureEndingAt(Bench b, String remote, long releaseAt) {
        return gesture(b, remote, releaseAt - GESTURE_NANOS);
    }

    /**
     * The whole remote-gesture ritual with {@code cycles} ignition cycles (4 for 2005-2008,
     * 1 for 2002-2004), using {@code key} in the ignition and its remote for the gesture.
     * Returns the instant the gesture completed.
     */
    static long gestureRitual(Bench b, String key, int cycles) {
        unlockAndInsert(b, key);
        cycles(b, cycles);
        keyOut(b);
        return gesture(b, key);
    }

    /** The thread's 2005-2008 ritual. */
    static long ritual2005(Bench b, String key) {
        return gestureRitual(b, key, 4);
    }

    /** The timing windows with the given rule name. */
    static List<TimingWindow> judged(Bench b, String rule) {
        return b.windows(rule);
    }

    /** The rejections' reasons, in order. */
    static List<CarEvent.CodeReject> rejectionReasons(Bench b) {
        return b.rejections().stream().map(CarEvent.RemoteCodeRejected::reason).toList();
    }

    /** Events of a type that happened at or after {@code fromNanos}. */
    static <T extends CarEvent> List<T> since(Bench b, Class<T> type, long fromNanos) {
        return b.events(type).stream().filter(e -> e.at() >= fromNanos).toList();
    }

    static RemoteBattery battery(Bench b, String key) {
        return b.rig().key(key).remote().battery();
    }
}
