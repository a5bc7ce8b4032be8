package io.klinebench.cli;

import io.klinebench.time.Uncertainty;

/** The one-line verdict on a judged trace, as {@code validate} and {@code listen} both print it. */
final class TraceVerdict {

    private TraceVerdict() {}

    static String headline(
            int entries, String profile, String protocol, Uncertainty stamps, int violations, int undecided) {
        String judged = entries + (entries == 1 ? " entry" : " entries") + " (" + profile + ", " + protocol + " timing"
                + (stamps.exact() ? "" : ", stamps " + stamps)
                + (undecided == 0 ? "" : "; " + undecided + " not decidable") + ")";
        return violations == 0
                ? "PASSED: no timing violations in " + judged
                : "FAILED: " + violations + (violations == 1 ? " timing violation" : " timing violations") + " in "
                        + judged;
    }
}
