package io.klinebench.car;

/**
 * The rolling-code decision of a KeeLoq-style receiver, as a pure function of the stored
 * counter, the received one and the windows (Microchip HCS datasheets):
 *
 * <pre>
 *   d = (received - stored) mod 65536
 *   d == 0                     replay
 *   1 .. accept                accept and store
 *   accept+1 .. resync         hold; accept only if the next code is exactly received+1
 *   resync+1 .. 65535          outside the window (an old code, or one from far ahead)
 * </pre>
 */
public final class RollingCodeCheck {

    public enum Verdict {
        ACCEPT,
        RESYNC_NEEDED,
        REPLAY,
        OUTSIDE
    }

    private RollingCodeCheck() {}

    public static int distance(int stored, int received) {
        return (received - stored) & 0xFFFF;
    }

    public static Verdict judge(int stored, int received, Profile.RollingCodeRule rule) {
        int d = distance(stored, received);
        if (d == 0) {
            return Verdict.REPLAY;
        }
        if (d <= rule.acceptWindow()) {
            return Verdict.ACCEPT;
        }
        if (d <= rule.resyncWindow()) {
            return Verdict.RESYNC_NEEDED;
        }
        return Verdict.OUTSIDE;
    }
}
