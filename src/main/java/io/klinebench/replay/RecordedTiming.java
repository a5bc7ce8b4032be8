package io.klinebench.replay;

import java.util.Arrays;

/**
 * When the recorded module sent its answer, counted from the request's last byte: the first
 * byte of each responsePending it sent before the answer (KWP2000), the answer's first byte,
 * and the gaps between the answer's bytes.
 *
 * @param pendingAt each responsePending's first byte after the request's end, in order
 * @param p2        the answer's first byte after the request's end
 * @param gaps      between the answer's bytes, in order
 */
public record RecordedTiming(long[] pendingAt, long p2, long[] gaps) {

    public RecordedTiming {
        pendingAt = pendingAt.clone();
        gaps = gaps.clone();
    }

    @Override
    public long[] pendingAt() {
        return pendingAt.clone();
    }

    @Override
    public long[] gaps() {
        return gaps.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedTiming t
                && t.p2 == p2
                && Arrays.equals(t.pendingAt, pendingAt)
                && Arrays.equals(t.gaps, gaps);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(p2) + 31 * Arrays.hashCode(pendingAt) + 961 * Arrays.hashCode(gaps);
    }

    @Override
    public String toString() {
        return "RecordedTiming[pendingAt=" + Arrays.toString(pendingAt) + ", p2=" + p2 + ", gaps="
                + Arrays.toString(gaps) + "]";
    }
}
