package io.klinebench.kline;

import static io.klinebench.time.Durations.MS;
import static io.klinebench.time.Durations.S;

/**
 * DS2 timing, nanoseconds. DS2 has no standard timing: each module's parameters set it
 * (domain notes: about 100 ms response timeout, about 10 ms between telegrams and bytes).
 * Every value is a profile value.
 *
 * @param ecuResponseDelay    request end to our answer's first byte
 * @param ecuInterByte        our gap between answer bytes
 * @param responseTimeout     the longest a tester should wait for an answer
 * @param testerInterByteMax  a longer gap inside a request drops it
 * @param minRequestGap       the tester's pause after an answer before the next request
 * @param lockAfterIdle       diagnostics lock after this long without a message (BC1: 30 s)
 */
public record Ds2Timing(
        long ecuResponseDelay,
        long ecuInterByte,
        long responseTimeout,
        long testerInterByteMax,
        long minRequestGap,
        long lockAfterIdle) {

    public Ds2Timing {
        if (ecuResponseDelay < 0 || ecuInterByte < 0 || testerInterByteMax <= 0 || minRequestGap < 0) {
            throw new IllegalArgumentException("DS2 timing values must not be negative");
        }
        if (ecuResponseDelay >= responseTimeout) {
            throw new IllegalArgumentException("the response delay must be below the response timeout");
        }
    }

    public static Ds2Timing typical() {
        return new Ds2Timing(10 * MS, 1 * MS, 100 * MS, 10 * MS, 10 * MS, 30 * S);
    }
}
