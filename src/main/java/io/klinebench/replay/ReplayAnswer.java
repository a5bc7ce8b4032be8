package io.klinebench.replay;

import java.util.Objects;
import java.util.Optional;

/**
 * One answer of the recording to a request: its data (none when the recorded module did not
 * answer), when it came (for a recording with times), and where it was written.
 *
 * @param data   the answer's data; empty when the recording shows no answer
 * @param timing when the recorded module sent it; empty when the recording has no times
 * @param source where in the recording ("session.trace:41", "obd.sim:7")
 */
public record ReplayAnswer(Optional<AnswerData> data, Optional<RecordedTiming> timing, String source) {
    public ReplayAnswer {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(source, "source");
    }
}
