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
     * A pty's stated uncertainty: how late a byte may be stamped after the tester wrote it,
     * the pty's delivery and our reader's wake-up together, on a busy 2-core machine with the
     * timing threads raised (BENCHMARKS.md, "Over a pty").
     */
    public static final Uncertainty PTY = new Uncertainty(10 * Durations.MS, "a pty, stated");

    /**
     * A USB K-line cable's stated uncertainty: an FTDI adapter holds received bytes up to its
     * latency timer (16 ms unless set to 1 ms; {@code kline-bench ports} warns), plus a byte
     * time and our reader's wake-up.
     */
    public static final Uncertainty CABLE = new Uncertainty(20 * Durations.MS, "a USB cable, stated");

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
