package io.klinebench.kline;

import static io.klinebench.time.Durations.MS;

import io.klinebench.time.TimingRange;
import java.util.Objects;

/**
 * ISO 14230-2 timing: the limits both sides must keep, and the values this simulated ECU uses
 * inside them. The defaults are the standard's normal set (SSF 14230-2 table 1; see
 * firmware-notes/diagnostics.md); a profile overrides any of them ({@link #builder()}).
 *
 * @param p1               ECU inter-byte time
 * @param p2               request end to response start
 * @param p2StarMax        the longest P2 after a responsePending (0x78)
 * @param p3               response end to the next request; P3max is the session timeout
 * @param p4               tester inter-byte time (a longer gap drops the request)
 * @param w1               5-baud init: address end to 0x55
 * @param w2               0x55 to KB1
 * @param w3               KB1 to KB2
 * @param w4               KB2 to ~KB2, and ~KB2 to ~address
 * @param w5Min            idle before a 5-baud address
 * @param tiniL            fast init: K low, nominal +- tolerance
 * @param tWup             fast init: the whole wake-up, nominal +- tolerance
 * @param idleAfterPowerOn idle before the first fast init after power-on
 * @param idleAfterStop    idle before a fast init after StopCommunication
 * @param ecuP1            the inter-byte gap this ECU uses
 * @param ecuP2            the response delay this ECU uses
 */
public record KwpTiming(
        TimingRange p1,
        TimingRange p2,
        long p2StarMax,
        TimingRange p3,
        TimingRange p4,
        TimingRange w1,
        TimingRange w2,
        TimingRange w3,
        TimingRange w4,
        long w5Min,
        TimingRange tiniL,
        TimingRange tWup,
        long idleAfterPowerOn,
        long idleAfterStop,
        long ecuP1,
        long ecuP2) {

    /** "Infinite" P3max (AccessTimingParameters 0xFF). */
    public static final long INFINITE = Long.MAX_VALUE / 4;

    private static final KwpTiming STANDARD = new KwpTiming(
            TimingRange.of(0, 20 * MS),
            TimingRange.of(25 * MS, 50 * MS),
            5000 * MS,
            TimingRange.of(55 * MS, 5000 * MS),
            TimingRange.of(5 * MS, 20 * MS),
            TimingRange.of(60 * MS, 300 * MS),
            TimingRange.of(5 * MS, 20 * MS),
            TimingRange.of(0, 20 * MS),
            TimingRange.of(25 * MS, 50 * MS),
            300 * MS,
            TimingRange.around(25 * MS, 1 * MS),
            TimingRange.around(50 * MS, 1 * MS),
            300 * MS,
            55 * MS,
            1 * MS,
            30 * MS);

    public KwpTiming {
        for (TimingRange r : new TimingRange[] {p1, p2, p3, p4, w1, w2, w3, w4, tiniL, tWup}) {
            Objects.requireNonNull(r, "a KWP2000 timing range");
        }
        if (w5Min < 0 || idleAfterPowerOn < 0 || idleAfterStop < 0) {
            throw new IllegalArgumentException("idle times must not be negative");
        }
        if (!p1.contains(ecuP1)) {
            throw new IllegalArgumentException("the ECU's own P1 must lie within P1min..P1max");
        }
        if (!p2.contains(ecuP2)) {
            throw new IllegalArgumentException("the ECU's own P2 must lie within P2min..P2max");
        }
        if (p2StarMax < p2.max()) {
            throw new IllegalArgumentException("P2*max must not be below P2max");
        }
    }

    /** The standard's normal timing set, with this ECU answering after 30 ms and spacing bytes 1 ms. */
    public static KwpTiming standard() {
        return STANDARD;
    }

    /**
     * The same set with other session parameters (AccessTimingParameters "set values"). The
     * ECU's own P2 moves into the new P2 range; P2*max and P4max grow when the new values need it.
     */
    public KwpTiming withSession(TimingRange newP2, TimingRange newP3, long newP4Min) {
        long p2 = Math.max(newP2.min(), Math.min(ecuP2, newP2.max()));
        return builder()
                .p2(newP2)
                .p2StarMax(Math.max(p2StarMax, newP2.max()))
                .p3(newP3)
                .p4(TimingRange.of(newP4Min, Math.max(p4.max(), newP4Min)))
                .ecuP2(p2)
                .build();
    }

    /** A builder that starts from this set: change what differs, keep the rest. */
    public Builder builder() {
        return new Builder(this);
    }

    /** Builds a {@link KwpTiming} field by field, starting from another one. */
    public static final class Builder {
        private TimingRange p1;
        private TimingRange p2;
        private long p2StarMax;
        private TimingRange p3;
        private TimingRange p4;
        private TimingRange w1;
        private TimingRange w2;
        private TimingRange w3;
        private TimingRange w4;
        private long w5Min;
        private TimingRange tiniL;
        private TimingRange tWup;
        private long idleAfterPowerOn;
        private long idleAfterStop;
        private long ecuP1;
        private long ecuP2;

        private Builder(KwpTiming t) {
            p1 = t.p1;
            p2 = t.p2;
            p2StarMax = t.p2StarMax;
            p3 = t.p3;
            p4 = t.p4;
            w1 = t.w1;
            w2 = t.w2;
            w3 = t.w3;
            w4 = t.w4;
            w5Min = t.w5Min;
            tiniL = t.tiniL;
            tWup = t.tWup;
            idleAfterPowerOn = t.idleAfterPowerOn;
            idleAfterStop = t.idleAfterStop;
            ecuP1 = t.ecuP1;
            ecuP2 = t.ecuP2;
        }

        public Builder p1(TimingRange v) {
            p1 = v;
            return this;
        }

        public Builder p2(TimingRange v) {
            p2 = v;
            return this;
        }

        public Builder p2StarMax(long v) {
            p2StarMax = v;
            return this;
        }

        public Builder p3(TimingRange v) {
            p3 = v;
            return this;
        }

        public Builder p4(TimingRange v) {
            p4 = v;
            return this;
        }

        public Builder w1(TimingRange v) {
            w1 = v;
            return this;
        }

        public Builder w2(TimingRange v) {
            w2 = v;
            return this;
        }

        public Builder w3(TimingRange v) {
            w3 = v;
            return this;
        }

        public Builder w4(TimingRange v) {
            w4 = v;
            return this;
        }

        public Builder w5Min(long v) {
            w5Min = v;
            return this;
        }

        public Builder tiniL(TimingRange v) {
            tiniL = v;
            return this;
        }

        public Builder tWup(TimingRange v) {
            tWup = v;
            return this;
        }

        public Builder idleAfterPowerOn(long v) {
            idleAfterPowerOn = v;
            return this;
        }

        public Builder idleAfterStop(long v) {
            idleAfterStop = v;
            return this;
        }

        public Builder ecuP1(long v) {
            ecuP1 = v;
            return this;
        }

        public Builder ecuP2(long v) {
            ecuP2 = v;
            return this;
        }

        /** @throws IllegalArgumentException for a set no ECU can keep (its own P1 or P2 outside the limits...) */
        public KwpTiming build() {
            return new KwpTiming(
                    p1,
                    p2,
                    p2StarMax,
                    p3,
                    p4,
                    w1,
                    w2,
                    w3,
                    w4,
                    w5Min,
                    tiniL,
                    tWup,
                    idleAfterPowerOn,
                    idleAfterStop,
                    ecuP1,
                    ecuP2);
        }
    }
}
