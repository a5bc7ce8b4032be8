package io.klinebench.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a replay module answers: rules in the order they were recorded or written (the first that
 * matches a request is its rule), and notes on what the import left out and why, for the user
 * to read at start.
 *
 * @param origin what it was made from ("session.trace, 12 exchanges")
 */
public record ReplayScript(String origin, List<Rule> rules, List<String> notes) {

    public ReplayScript {
        Objects.requireNonNull(origin, "origin");
        rules = List.copyOf(rules);
        notes = List.copyOf(notes);
    }

    /** How many answers the recording gives, not counting a request it shows unanswered (no data to send). */
    public int answers() {
        return (int) rules.stream()
                .flatMap(r -> r.answers().stream())
                .filter(a -> a.data().isPresent())
                .count();
    }

    /**
     * What it holds, as the replay says it at start: "3 requests, 4 answers", and how many times
     * the recording shows a request unanswered (that answer is none: the replay does not answer).
     */
    public String holds() {
        int recorded = rules.stream().mapToInt(r -> r.answers().size()).sum();
        int unanswered = recorded - answers();
        return count(rules.size(), "request") + ", " + count(answers(), "answer")
                + (unanswered == 0 ? "" : " (" + unanswered + " recorded unanswered)");
    }

    private static String count(int n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }

    /** The first rule that matches {@code request}, with its index. */
    public Optional<Integer> ruleFor(byte[] request) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).pattern().matches(request)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /**
     * Builds a script from recorded exchanges: each request goes to the first of {@code masks}
     * that matches it, else to a rule of its own bytes; a rule's answers in recording order.
     */
    public static final class Builder {
        private final List<RequestPattern> masks;
        private final List<RequestPattern> patterns = new ArrayList<>();
        private final List<List<ReplayAnswer>> answers = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        public Builder(List<RequestPattern> masks) {
            this.masks = List.copyOf(masks);
        }

        public Builder add(byte[] request, ReplayAnswer answer) {
            RequestPattern p =
                    masks.stream().filter(m -> m.matches(request)).findFirst().orElse(RequestPattern.exact(request));
            return add(p, answer);
        }

        /** An answer to the requests {@code pattern} stands for (a written pattern, not a recorded request). */
        public Builder add(RequestPattern pattern, ReplayAnswer answer) {
            int i = patterns.indexOf(pattern);
            if (i < 0) {
                patterns.add(pattern);
                answers.add(new ArrayList<>());
                i = patterns.size() - 1;
            }
            answers.get(i).add(answer);
            return this;
        }

        public Builder note(String text) {
            notes.add(text);
            return this;
        }

        /** Whether no answer was added. */
        public boolean isEmpty() {
            return patterns.isEmpty();
        }

        public ReplayScript build(String origin) {
            List<Rule> rules = new ArrayList<>();
            for (int i = 0; i < patterns.size(); i++) {
                rules.add(new Rule(patterns.get(i), answers.get(i)));
            }
            return new ReplayScript(origin, rules, notes);
        }
    }
}
