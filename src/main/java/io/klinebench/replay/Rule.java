package io.klinebench.replay;

import java.util.List;
import java.util.Objects;

/**
 * The recording's answers to the requests {@code pattern} stands for, in the order they were
 * given: the first request gets the first, the second the second, and so on.
 */
public record Rule(RequestPattern pattern, List<ReplayAnswer> answers) {
    public Rule {
        Objects.requireNonNull(pattern, "pattern");
        answers = List.copyOf(answers);
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("a rule needs an answer");
        }
    }
}
