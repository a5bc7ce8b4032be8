package io.klinebench.bench;

import io.klinebench.config.Pos;

/**
 * The judgement of one expectation or final-state check.
 *
 * @param what   the expectation in words
 * @param pos    where the sequence file states it
 * @param passed whether it held
 * @param detail what was found: when it happened, or why it did not hold
 */
public record Verdict(String what, Pos pos, boolean passed, String detail) {}
