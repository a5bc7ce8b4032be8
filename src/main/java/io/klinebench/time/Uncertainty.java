package io.klinebench.time;

import java.util.Objects;

/**
 * How far a measured time may be off, and why: zero on the bench's virtual clock, where every
 * instant is exact; on a real transport, the delay between a byte on the wire and the stamp it
 * gets (a pty's delivery and our reader's scheduling, a USB adapter's latency timer), as stated
 * for the transport or by the user. A measured gap between two stamps may be off by up to this
 * much either way, so a value closer to a limit than this cannot be called met or missed.
 *
 * @param nanos  the bound, in nanoseconds
 * @param source where the bound comes from, for people ("pty, stated", "--uncertainty 5ms")
 */
public record Uncertainty(long nanos, String source) {

    /** Exact times: the virtual clock. */
    public static final Uncertainty NONE = new Uncertainty(0, "exact (virtual clock)");

    public Uncertainty {
        Objects.requireNonNull(source, "source");
        if (nanos < 0) {
            throw new IllegalArgumentException("an uncertainty is not negative");
        }
    }

    public boolean exact() {
        return nanos == 0;
    }

    @Override
    public String toString() {
        return "+-" + Durations.format(nanos) + " (" + source + ")";
    }
}
