package io.klinebench.kline;

import io.klinebench.line.BaudEvidence;
import io.klinebench.line.InitCues;
import io.klinebench.line.LineEvent;
import io.klinebench.time.Durations;
import java.util.List;

/**
 * How a line that carries no break and no 5-baud timing (a pty) shows a tester's inits, and
 * how they are recognised in the bytes that arrive while the ECU awaits an init
 * ({@link InitCues}):
 *
 * <pre>
 *   0x00 after more than quietBeforeWakeUp (P4max) -> Low(at - TiniL, TiniL)   (0x00 at 360 baud = 25 ms low)
 *   our address alone after quietBeforeAddress (W5) -> SlowByte(at - 2 s, 2 s)  (sent when its 5-baud time ends)
 * </pre>
 *
 * Where the transport sees the tester's baud switches ({@link BaudEvidence}), they are the
 * evidence and come first; the rules above stay as the fallback:
 *
 * <ol>
 *   <li>The baud the tester was at when the byte was sent: the last switch seen at or before
 *       the byte if it was to 360 or 5 baud within {@link #BAUD_RECENT}; else the first switch
 *       seen at most {@link #BAUD_SLACK} after it (the watch polls and the byte can beat the
 *       poll); else the last switch before it if within BAUD_RECENT; else none.
 *   <li>About 360 baud (+-5 %) and the byte is 0x00: the wake-up, placed at the switch:
 *       Low(switch, 9 bits at that baud = 25 ms).
 *   <li>About 5 baud: a 5-baud byte (any value: the link layer judges the address), placed at
 *       the switch: SlowByte(switch, 10 bits at that baud = 2 s).
 *   <li>Any other baud with a recent switch to it: no evidence of an init; the fallback decides.
 * </ol>
 *
 * So a 0x00 sent at 5 baud is never a fast init, and an address sent at 360 baud never a
 * 5-baud init.
 */
final class InitRecognition {

    /** A baud switch this long before a byte still says what the byte was sent at. */
    static final long BAUD_RECENT = 100 * Durations.MS;

    /** A switch seen up to this long after a byte's arrival was made before it (the watch's poll lag). */
    static final long BAUD_SLACK = 2 * Durations.MS;

    private static final int FAST_INIT_BAUD = 360;
    private static final int FIVE_BAUD = 5;

    private InitRecognition() {}

    /**
     * What a byte that arrived while an init is awaited stands for.
     *
     * @param idle     silence on the line before it
     * @param alone    whether it arrived in a read of its own
     * @param switches the far end's baud switches, oldest first, or null when the transport cannot see them
     */
    static LineEvent classify(
            int b, long stamp, long idle, boolean alone, InitCues cues, List<BaudEvidence.Switch> switches) {
        BaudEvidence.Switch sentAt = switches == null ? null : baudWhenSent(switches, stamp, cues.lateBy());
        if (sentAt != null) {
            if (near(sentAt.baud(), FAST_INIT_BAUD) && b == 0x00) {
                return new LineEvent.Low(sentAt.at(), bits(9, sentAt.baud()));
            }
            if (near(sentAt.baud(), FIVE_BAUD)) {
                return new LineEvent.SlowByte(sentAt.at(), bits(10, sentAt.baud()), b);
            }
            if (near(sentAt.baud(), FAST_INIT_BAUD)) {
                return new LineEvent.Byte(stamp, b); // sent at 360 baud but not 0x00: no 5-baud address either
            }
        }
        if (b == 0x00 && idle > cues.quietBeforeWakeUp()) {
            return new LineEvent.Low(stamp - cues.lowNanos(), cues.lowNanos());
        }
        if ((b == cues.address() || b == cues.functionalAddress()) && alone && idle >= cues.quietBeforeAddress()) {
            return new LineEvent.SlowByte(stamp - LineEvent.SlowByte.DURATION, LineEvent.SlowByte.DURATION, b);
        }
        return new LineEvent.Byte(stamp, b);
    }

    /**
     * The switch that says at what baud a byte arriving at {@code stamp} was sent, or null when
     * none is recent. A line that may deliver a byte up to {@code lateBy} late may bring it after
     * the tester already switched back: the last switch to 360 or 5 baud within that time counts.
     */
    static BaudEvidence.Switch baudWhenSent(List<BaudEvidence.Switch> switches, long stamp, long lateBy) {
        BaudEvidence.Switch before = null;
        BaudEvidence.Switch slow = null;
        BaudEvidence.Switch after = null;
        long recentEnough = Math.max(BAUD_RECENT, lateBy);
        for (BaudEvidence.Switch c : switches) {
            if (c.at() <= stamp) {
                before = c;
                if (stamp - c.at() <= recentEnough && (near(c.baud(), FAST_INIT_BAUD) || near(c.baud(), FIVE_BAUD))) {
                    slow = c;
                }
            } else if (after == null && c.at() - stamp <= BAUD_SLACK) {
                after = c;
            }
        }
        if (slow != null) {
            return slow;
        }
        boolean recent = before != null && stamp - before.at() <= BAUD_RECENT;
        if (after != null) {
            return after; // the byte beat the poll of its own switch
        }
        return recent ? before : null;
    }

    private static boolean near(int baud, int nominal) {
        return Math.abs(baud - nominal) * 20 <= nominal; // +-5 %
    }

    private static long bits(int n, int baud) {
        return n * Durations.S / baud;
    }
}
