package io.klinebench.replay;

import io.klinebench.line.Bytes;
import io.klinebench.time.Event;

/**
 * What the replay module made of a request, for the live stream and the events file: beside
 * the link layer's own events (frame received, answered, ignored), which say the bytes.
 */
public sealed interface ReplayEvent extends Event {

    /**
     * Answered from the recording: the rule's {@code pattern}, which of its answers ({@code n} of
     * {@code of}), and where that answer was recorded; {@code note} says a repeat after the last.
     */
    record ReplayAnswered(long at, Bytes request, String pattern, int n, int of, String source, String note)
            implements ReplayEvent {}

    /** Refused: the recording has no answer for it ({@code why}), so the chosen refusal went out. */
    record ReplayRefused(long at, Bytes request, Bytes answer, String why) implements ReplayEvent {}

    /** Not answered, and why: the recording has none for it and ignore was chosen, or the recorded module was silent. */
    record ReplayIgnored(long at, Bytes request, String why) implements ReplayEvent {}
}
