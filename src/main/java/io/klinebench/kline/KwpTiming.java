package io.klinebench.kline;

import static io.klinebench.time.Durations.MS;

/**
 * ISO 14230-2 timing, all in nanoseconds: the limits both sides must keep, and the values
 * this simulated ECU uses inside them. Defaults are the standard's normal set
 * (SSF 14230-2 table 1; see firmware-notes/diagnostics.md); a profile overrides any of them.
 *
 * @param p1Min    ECU inter-byte, minimum        @param p1Max ECU inter-byte, maximum
 * @param p2Min    request end to response start   @param p2Max ...maximum
 * @param p2StarMax maximum after a responsePending (0x78)
 * @param p3Min    response end to next request    @param p3Max ...maximum = session timeout
 * @param p4Min    tester inter-byte, minimum      @param p4Max ...maximum (a longer gap drops the frame)
 * @param w1Min    5-baud: address end to 0x55     @param w1Max
 * @param w2Min    0x55 to KB1                      @param w2Max
 * @param w3Min    KB1 to KB2                       @param w3Max
 * @param w4Min    KB2 to ~KB2 and ~KB2 to ~address @param w4Max
 * @param w5Min    idle before a 5-baud address
 * @param tiniL    fast init: K low                 @param tiniLTolerance +- around it
 * @param tWup     fast init: whole wake-up         @param tWupTolerance +- around it
 * @param idleAfterPowerOn  idle before the first fast init after power-on
 * @param idleAfterStop     idle before a fast init after StopCommunication
 * @param ecuP1    the inter-byte gap this ECU uses
 * @param ecuP2    the response delay this ECU uses
 */
public record KwpTiming(
        long p1Min,
        long p1Max,
        long p2Min,
        long p2Max,
        long p2StarMax,
        long p3Min,
        long p3Max,
        long p4Min,
        long p4Max,
        long w1Min,
        long w1Max,
        long w2Min,
        long w2Max,
        long w3Min,
        long w3Max,
        long w4Min,
        long w4Max,
        long w5Min,
        long tiniL,
        long tiniLTolerance,
        long tWup,
        long tWupTolerance,
        long idleAfterPowerOn,
        long idleAfterStop,
        long ecuP1,
        long ecuP2) {

    /** "Infinite" P3max (AccessTimingParameters 0xFF). */
    public static final long INFINITE = Long.MAX_VALUE / 4;

    public KwpTiming {
        check("p1", p1Min, p1Max);
        check("p2", p2Min, p2Max);
        check("p3", p3Min, p3Max);
        check("p4", p4Min, p4Max);
        check("w1", w1Min, w1Max);
        check("w2", w2Min, w2Max);
        check("w3", w3Min, w3Max);
        check("w4", w4Min, w4Max);
        if (ecuP1 < p1Min || ecuP1 > p1Max) {
            throw new IllegalArgumentException("the ECU's own P1 must lie within P1min..P1max");
        }
        if (ecuP2 < p2Min || ecuP2 > p2Max) {
            throw new IllegalArgumentException("the ECU's own P2 must lie within P2min..P2max");
        }
        if (p2StarMax < p2Max) {
            throw new IllegalArgumentException("P2*max must not be below P2max");
        }
    }

    /** The standard's normal timing set, with this ECU answering after 30 ms and spacing bytes 1 ms. */
    public static KwpTiming standard() {
        return new KwpTiming(
                0, 20 * MS, 25 * MS, 50 * MS, 5000 * MS, 55 * MS, 5000 * MS, 5 * MS, 20 * MS, 60 * MS, 300 * MS, 5 * MS,
                20 * MS, 0, 20 * MS, 25 * MS, 50 * MS, 300 * MS, 25 * MS, 1 * MS, 50 * MS, 1 * MS, 300 * MS, 55 * MS,
                1 * MS, 30 * MS);
    }

    /** The same set with other session parameters (AccessTimingParameters "set values"). */
    public KwpTiming withSession(long newP2Min, long newP2Max, long newP3Min, long newP3Max, long newP4Min) {
        long p2 = Math.max(newP2Min, Math.min(ecuP2, newP2Max));
        return new KwpTiming(
                p1Min,
                p1Max,
                newP2Min,
                newP2Max,
                Math.max(p2StarMax, newP2Max),
                newP3Min,
                newP3Max,
                newP4Min,
                Math.max(p4Max, newP4Min),
                w1Min,
                w1Max,
                w2Min,
                w2Max,
                w3Min,
                w3Max,
                w4Min,
                w4Max,
                w5Min,
                tiniL,
                tiniLTolerance,
                tWup,
                tWupTolerance,
                idleAfterPowerOn,
                idleAfterStop,
                ecuP1,
                p2);
    }

    private static void check(String name, long min, long max) {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException(name + ": need 0 <= min <= max");
        }
    }
}
