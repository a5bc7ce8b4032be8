package io.klinebench.kline;

import io.klinebench.time.Durations;
import io.klinebench.time.TimingRange;
import java.util.Optional;

/**
 * KWP2000 AccessTimingParameters (service 83, SSF 14230-2 s5.3): its requests and answers as
 * bytes, and what an ECU does with them. Pure: no clock, no state.
 *
 * <pre>
 *   83 00                     read limits      -> C3 00 P2min P2max P3min P3max P4min
 *   83 01                     set defaults     -> C3 01
 *   83 02                     read current     -> C3 02 P2min P2max P3min P3max P4min
 *   83 03 P2min P2max P3min P3max P4min  set   -> C3 03
 *   P2min, P3min, P4min in 0.5 ms steps; P2max in 25 ms; P3max in 250 ms, FF = infinite
 * </pre>
 */
public final class AccessTimingParameters {

    public static final int SID = 0x83;
    public static final int READ_LIMITS = 0x00;
    public static final int SET_DEFAULTS = 0x01;
    public static final int READ_CURRENT = 0x02;
    public static final int SET_VALUES = 0x03;

    private static final long HALF_MS = 500 * Durations.US;
    private static final long P2MAX_STEP = 25 * Durations.MS;
    private static final long P3MAX_STEP = 250 * Durations.MS;
    private static final int INFINITE = 0xFF;

    private AccessTimingParameters() {}

    /** The session values a "set values" request asks for. */
    public record Values(TimingRange p2, TimingRange p3, long p4Min) {}

    /** What the ECU answers, and the timing in force after it. */
    public record Outcome(byte[] answer, KwpTiming timing) {}

    /**
     * The values of {@code 83 03 P2min P2max P3min P3max P4min}; empty for any other request,
     * or for values no range can hold (a maximum below its minimum).
     */
    public static Optional<Values> setValues(byte[] request) {
        if (request.length != 7 || (request[0] & 0xFF) != SID || (request[1] & 0xFF) != SET_VALUES) {
            return Optional.empty();
        }
        long p2Min = (request[2] & 0xFF) * HALF_MS;
        long p2Max = (request[3] & 0xFF) * P2MAX_STEP;
        long p3Min = (request[4] & 0xFF) * HALF_MS;
        long p3Max = (request[5] & 0xFF) == INFINITE ? KwpTiming.INFINITE : (request[5] & 0xFF) * P3MAX_STEP;
        if (p2Max < p2Min || p3Max < p3Min) {
            return Optional.empty();
        }
        return Optional.of(
                new Values(TimingRange.of(p2Min, p2Max), TimingRange.of(p3Min, p3Max), (request[6] & 0xFF) * HALF_MS));
    }

    /**
     * The ECU's handling of a request: the answer and the timing in force after it.
     *
     * @param standard the timing the ECU starts every session with (its limits)
     * @param current  the timing in force now
     */
    public static Outcome handle(byte[] request, KwpTiming standard, KwpTiming current) {
        if (request.length < 2) {
            return refuse(Nrc.INVALID_FORMAT, current);
        }
        return switch (request[1] & 0xFF) {
            case READ_LIMITS -> new Outcome(timingAnswer(READ_LIMITS, standard), current);
            case SET_DEFAULTS -> new Outcome(new byte[] {(byte) (SID + 0x40), SET_DEFAULTS}, standard);
            case READ_CURRENT -> new Outcome(timingAnswer(READ_CURRENT, current), current);
            case SET_VALUES -> set(request, current);
            default -> refuse(Nrc.SUB_FUNCTION_NOT_SUPPORTED, current);
        };
    }

    /**
     * P3min above P2max and P2min above P4max are the tester's duty to respect (it chose them);
     * the ECU refuses only what it cannot honour: ranges upside down, or a P2max below the P2min
     * it keeps now.
     */
    private static Outcome set(byte[] request, KwpTiming current) {
        if (request.length != 7) {
            return refuse(Nrc.INVALID_FORMAT, current);
        }
        Optional<Values> values = setValues(request);
        if (values.isEmpty() || values.get().p2().max() < current.p2().min()) {
            return refuse(Nrc.REQUEST_OUT_OF_RANGE, current);
        }
        try {
            KwpTiming next = current.withSession(
                    values.get().p2(), values.get().p3(), values.get().p4Min());
            return new Outcome(new byte[] {(byte) (SID + 0x40), SET_VALUES}, next);
        } catch (IllegalArgumentException e) {
            return refuse(Nrc.REQUEST_OUT_OF_RANGE, current);
        }
    }

    private static Outcome refuse(Nrc nrc, KwpTiming current) {
        return new Outcome(nrc.encode(SID), current);
    }

    /** {@code C3 TPI P2min P2max P3min P3max P4min}, each capped at what its byte can say. */
    static byte[] timingAnswer(int tpi, KwpTiming t) {
        return new byte[] {
            (byte) (SID + 0x40),
            (byte) tpi,
            (byte) (t.p2().min() / HALF_MS),
            (byte) Math.min(0xFF, t.p2().max() / P2MAX_STEP),
            (byte) Math.min(0xFF, t.p3().min() / HALF_MS),
            (byte) (t.p3().max() >= KwpTiming.INFINITE ? INFINITE : Math.min(0xFE, t.p3().max() / P3MAX_STEP)),
            (byte) Math.min(0xFF, t.p4().min() / HALF_MS)
        };
    }
}
