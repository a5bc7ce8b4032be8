package io.klinebench.kline;

import io.klinebench.line.Bytes;
import io.klinebench.line.Direction;
import io.klinebench.time.Event;

/**
 * What the K-line link layers did, for timelines and reports: frames sent and received, init
 * and session changes, and everything that got no answer and why.
 */
public sealed interface LinkEvent extends Event {

    /** The module was told to make {@code fault} in the answers {@code trigger} picks. */
    record FaultArmed(long at, String fault, String trigger) implements LinkEvent {}

    /**
     * The module made a fault in its answer to {@code request} because it was told to
     * ({@link FaultPlan}): {@code fault} and {@code trigger} in the words that armed it; the
     * answer was due at {@code at} and its last byte goes out at {@code until} (= {@code at}
     * when it is not sent at all). Never the module's own timing.
     */
    record FaultInjected(long at, Bytes request, String fault, String trigger, long until) implements LinkEvent {}

    /** A whole frame went out; {@code firstAt} its first byte, {@code at} its last. */
    record FrameSent(long at, Direction from, long firstAt, Bytes hex) implements LinkEvent {}

    /** A whole frame was received and checked; {@code at} its last byte. */
    record FrameReceived(long at, Direction by, long firstAt, Bytes hex) implements LinkEvent {}

    /**
     * Bytes that were not a frame (bad checksum, truncated, bad length), and were dropped:
     * {@code reason} the kind, as sequences match it ("inter_byte_timeout"), {@code why} in words,
     * with the limit that was broken ("cut off after 3 bytes: no next byte within 35ms (...)").
     */
    record FrameDropped(long at, Direction by, String reason, Bytes hex, String why) implements LinkEvent {}

    /** A frame or init that was understood but deliberately not answered, and why. */
    record Ignored(long at, String what, String why) implements LinkEvent {}

    /**
     * Something taken although it lay beyond a limit, because it lay within the line's
     * uncertainty ({@link LineConditions}) or an init as testers make it on a real line: what,
     * and by how much.
     */
    record Tolerated(long at, String what, String why) implements LinkEvent {}

    /** A diagnostic session began (fast init, 5-baud init, or none needed for DS2). */
    record SessionStarted(long at, String how) implements LinkEvent {}

    /** The session ended: StopCommunication, P3max timeout, a new init. */
    record SessionEnded(long at, String why) implements LinkEvent {}

    /**
     * The ECU answered a request; {@code p2} the delay it used, {@code data} the answer data,
     * {@code why} a refusal's reason in words (empty for a positive answer): a KWP2000 NRC's
     * name, and for DS2, whose status byte says only "rejected", what the module refused for.
     */
    record Answered(long at, Bytes request, Bytes data, boolean negative, long p2, String why) implements LinkEvent {}

    /** The tester received an answer to its request. */
    record TesterReceived(long at, TesterRequest request, Bytes data, long waitedNanos) implements LinkEvent {}

    /**
     * The tester stopped waiting for the answer to {@code request} after {@code waitedNanos}:
     * {@code why} (no answer in time, a dropped telegram, too many responsePending answers), and
     * {@code next}, what it does now (sends the request again, or gives it up).
     */
    record TesterGaveUp(long at, TesterRequest request, long waitedNanos, String why, String next)
            implements LinkEvent {}

    /**
     * The timing validator found a broken rule in the trace (see {@link Violation});
     * {@code injected}: the fault the module was told to make in that answer ("late 20ms at
     * 21 01"), so that it is never read as the module's own timing; empty when none was.
     */
    record TimingViolation(
            long at,
            String parameter,
            Direction by,
            long measuredNanos,
            long limitNanos,
            String bound,
            String context,
            String injected)
            implements LinkEvent {
        public static TimingViolation of(Violation v, String injected) {
            return new TimingViolation(
                    v.at(),
                    v.parameter(),
                    v.by(),
                    v.measuredNanos(),
                    v.limitNanos(),
                    v.bound() == Violation.Bound.BELOW_MIN ? "below-min" : "above-max",
                    v.context(),
                    injected);
        }
    }

    /**
     * A module search asked one address for its identification: {@code module} the name the
     * search knows it by, {@code address} as two hex digits, {@code protocol} as configuration
     * writes it ("ds2", "kwp2000-star"), {@code answered} whether an answer came within the
     * response timeout, {@code data} the answer's data (empty without one).
     */
    record ModuleProbed(long at, String module, String address, String protocol, boolean answered, Bytes data)
            implements LinkEvent {}

    /** Our own byte came back different (a bus collision) on a line with echo. */
    record Collision(long at, Bytes sent, Bytes heard) implements LinkEvent {
        /** Our byte {@code sent} came back as {@code heard} at {@code at} (both shown in hex). */
        public static Collision of(long at, int sent, int heard) {
            return new Collision(at, Bytes.of((byte) sent), Bytes.of((byte) heard));
        }
    }

    /**
     * The K+DCAN cable's switch was set ({@code cable} "7+8": pins 7 and 8 bridged; "7": pin 7
     * alone), and what the tester on it now hears, in words ("pin 7 alone: EMS2000 13, EHPS 31").
     */
    record CableSwitched(long at, String cable, String hears) implements LinkEvent {}
}
