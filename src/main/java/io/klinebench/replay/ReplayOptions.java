package io.klinebench.replay;

import java.util.Objects;

/**
 * How the replay module answers.
 *
 * @param timing    the recording's timing or the profile's
 * @param unknown   what a request the recording has no answer for gets
 * @param afterLast what a request gets after the recording's answers to it are used up
 */
public record ReplayOptions(Timing timing, UnknownRequest unknown, AfterLast afterLast) {

    public ReplayOptions {
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(unknown, "unknown");
        Objects.requireNonNull(afterLast, "afterLast");
    }

    /** When the answers go out. */
    public enum Timing {
        /**
         * The recorded P2 and gaps between the answer's bytes (and, after a responsePending, the
         * recorded wait); where the recording has no times, the profile's.
         */
        RECORDED,
        /** The profile's P2 and inter-byte gap (the recorded wait after a responsePending still). */
        PROFILE
    }

    /** A request asked more often than the recording answered it. */
    public enum AfterLast {
        /** The last recorded answer again, as often as asked (the default: a module asked again says the same). */
        REPEAT,
        /** As a request the recording has no answer for ({@link UnknownRequest}). */
        UNKNOWN
    }
}
