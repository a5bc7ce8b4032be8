package io.klinebench.sim;

import io.klinebench.kline.LineConditions;
import io.klinebench.time.Durations;
import io.klinebench.time.Uncertainty;
import java.util.Objects;

/**
 * How the simulator sits on its port: whether it writes the tester's bytes back (a virtual
 * pair, where the pty does not echo as the K wire does), what its link layer knows of the
 * line ({@link LineConditions}: echo, the stamps' uncertainty, strict or lenient), and
 * whether its timing threads ask for a higher priority.
 */
public record PortSettings(boolean echoBack, LineConditions line, boolean raisePriority) {

    /**
     * A pty's stated uncertainty: how much later than the tester wrote it a byte may be stamped.
     * A pty hands bytes from one side to the other through a kernel worker thread of normal
     * priority, which on a busy machine waits for its turn like any process: measured on the
     * 2-core build machine over 3,000 bytes, quiet: 1.5 ms at p99, 9.5 ms at most; beside two
     * busy processes: 27 ms at p99, 79 ms at most (BENCHMARKS.md, "How late a pty delivers").
     * Stated with room above the worst seen; {@code sim --uncertainty} states another.
     */
    public static final Uncertainty PTY = new Uncertainty(100 * Durations.MS, "a pty on a busy machine, stated");

    /**
     * A USB K-line cable's stated uncertainty: an FTDI adapter holds received bytes up to its
     * latency timer (16 ms unless set to 1 ms; {@code kline-bench ports} warns), and the kernel
     * then hands them on through the same kind of worker as a pty's (see {@link #PTY}). Not
     * measured here (no cable on the build machine): the pty's bound plus the latency timer.
     */
    public static final Uncertainty CABLE = new Uncertainty(120 * Durations.MS, "a USB cable, stated");

    public PortSettings {
        Objects.requireNonNull(line, "line");
    }

    /** A virtual pty pair: we echo what the tester sends, we do not hear our own bytes. */
    public static PortSettings virtualPair() {
        return new PortSettings(true, LineConditions.real(false, PTY), true);
    }

    /** A K-line cable: the cable echoes, we hear our own bytes and drop them. */
    public static PortSettings cable() {
        return new PortSettings(false, LineConditions.real(true, CABLE), true);
    }

    public PortSettings echoBack(boolean echo) {
        return new PortSettings(echo, line, raisePriority);
    }

    public PortSettings uncertainty(Uncertainty u) {
        return new PortSettings(echoBack, new LineConditions(line.hearsOwnBytes(), u, line.strict()), raisePriority);
    }

    public PortSettings strict(boolean strict) {
        return new PortSettings(
                echoBack, new LineConditions(line.hearsOwnBytes(), line.uncertainty(), strict), raisePriority);
    }

    public PortSettings raisePriority(boolean raise) {
        return new PortSettings(echoBack, line, raise);
    }
}
