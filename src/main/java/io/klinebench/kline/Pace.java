package io.klinebench.kline;

import java.util.Arrays;

/**
 * An answer's own timing, where it is not the profile's: a replayed recording's. The first byte
 * {@code p2} after the request's last byte (or, with {@link #LINK_P2}, when the link would send
 * it), each next byte {@code gaps[i]} after the one before; a frame longer than the recorded one
 * keeps the link's inter-byte gap for the bytes the recording has no gap for.
 *
 * <pre>
 *   request ..][last byte]--p2--[b0]-gaps[0]-[b1]-gaps[1]-[b2] ...
 * </pre>
 *
 * @param p2   request end to the answer's first byte, or {@link #LINK_P2}
 * @param gaps the gaps between the answer's bytes, in order (may be shorter than the frame)
 */
public record Pace(long p2, long[] gaps) {

    /** The first byte when the link's own P2 puts it. */
    public static final long LINK_P2 = -1;

    public Pace {
        if (p2 < 0 && p2 != LINK_P2) {
            throw new IllegalArgumentException("P2 must not be negative: " + p2);
        }
        gaps = gaps.clone();
        for (long g : gaps) {
            if (g < 0) {
                throw new IllegalArgumentException("a gap must not be negative: " + g);
            }
        }
    }

    @Override
    public long[] gaps() {
        return gaps.clone();
    }

    /** The first byte's instant for a request that ended at {@code end}, where the link would send it at {@code linkFirst}. */
    long first(long end, long linkFirst) {
        return p2 == LINK_P2 ? linkFirst : end + p2;
    }

    /**
     * {@code out} as this pace times it: the same bytes from the same first instant, each next
     * one its recorded gap later (the link's {@code gap} past the recorded ones). An answer a
     * fault was made in keeps the fault's timing: the fault is what is being tested.
     */
    FaultPlan.Transmission retime(FaultPlan.Transmission out, long gap) {
        long[] at = out.at();
        if (!out.injected().isEmpty() || at.length == 0) {
            return out;
        }
        for (int i = 1; i < at.length; i++) {
            at[i] = at[i - 1] + (i - 1 < gaps.length ? gaps[i - 1] : gap);
        }
        return new FaultPlan.Transmission(out.bytes(), at, out.injected());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pace p && p.p2 == p2 && Arrays.equals(p.gaps, gaps);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(p2) * 31 + Arrays.hashCode(gaps);
    }

    @Override
    public String toString() {
        return "Pace[p2=" + p2 + ", gaps=" + Arrays.toString(gaps) + "]";
    }
}
