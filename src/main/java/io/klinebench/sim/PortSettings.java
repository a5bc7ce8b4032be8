package io.klinebench.sim;

import io.klinebench.kline.LineConditions;
import io.klinebench.protocol.DiagnosticProfile;
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
     * priority, which waits for its turn like any process, and our reader then wakes. Measured
     * on the 2-core build machine over 3,000 bytes (BENCHMARKS.md, "How late a pty delivers"):
     * 0.5 ms at p99 and 7.8 ms at most quiet, 0.2 ms and 3.1 ms beside two busy processes.
     * Stated at three times the worst seen; {@code sim --uncertainty} states another.
     */
    public static final Uncertainty PTY = new Uncertainty(25 * Durations.MS, "a pty, stated");

    /**
     * A USB K-line cable's stated uncertainty: an FTDI adapter holds received bytes up to its
     * latency timer (16 ms unless set to 1 ms; {@code kline-bench ports} warns), and the kernel
     * then hands them on as it does a pty's (see {@link #PTY}). Not measured here (no cable on
     * the build machine): the latency timer plus the pty's bound, rounded up.
     */
    public static final Uncertainty CABLE = new Uncertainty(45 * Durations.MS, "a USB cable, stated");

    /**
     * A SocketCAN interface's stated uncertainty: the kernel has a frame at its end on the bus
     * (a CAN controller's interrupt, or at once on vcan), and our reader wakes as it does for a
     * pty's byte ({@link #PTY}). Not measured here (this kernel has no SocketCAN): the pty's
     * bound, stated again.
     */
    public static final Uncertainty SOCKETCAN = new Uncertainty(25 * Durations.MS, "a SocketCAN socket, stated");

    public PortSettings {
        Objects.requireNonNull(line, "line");
    }

    /**
     * The line as the banner, the trace's header and the event stream say it: the protocol's
     * baud and framing, and whether the module writes the tester's bytes back.
     */
    public String lineText(DiagnosticProfile diag) {
        return diag.lineDescription() + ", echo " + (echoBack ? "on" : "off");
    }

    /** A virtual pty pair: we echo what the tester sends, we do not hear our own bytes. */
    public static PortSettings virtualPair() {
        return new PortSettings(true, LineConditions.real(false, PTY), true);
    }

    /** A K-line cable: the cable echoes, we hear our own bytes and drop them. */
    public static PortSettings cable() {
        return new PortSettings(false, LineConditions.real(true, CABLE), true);
    }

    /**
     * An slcan line (an adapter's USB serial port, or a pty where the sim plays the adapter):
     * text both ways, nothing echoed, with the stamps' uncertainty of a pty or of a USB cable.
     */
    public static PortSettings slcanLine(boolean virtual) {
        return new PortSettings(false, LineConditions.real(false, virtual ? PTY : CABLE), true);
    }

    /** A SocketCAN interface presented as an slcan line ({@link CanSocketLine}): nothing echoed. */
    public static PortSettings socketCan() {
        return new PortSettings(false, LineConditions.real(false, SOCKETCAN), true);
    }

    public PortSettings echoBack(boolean echo) {
        return new PortSettings(echo, line, raisePriority);
    }

    public PortSettings uncertainty(Uncertainty u) {
        return new PortSettings(
                echoBack, new LineConditions(line.hearsOwnBytes(), u, line.strict(), line.stops()), raisePriority);
    }

    public PortSettings strict(boolean strict) {
        return new PortSettings(
                echoBack,
                new LineConditions(line.hearsOwnBytes(), line.uncertainty(), strict, line.stops()),
                raisePriority);
    }

    public PortSettings raisePriority(boolean raise) {
        return new PortSettings(echoBack, line, raise);
    }
}
