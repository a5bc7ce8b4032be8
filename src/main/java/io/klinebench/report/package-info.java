/**
 * A bench run's report as text and as JSON, from one model of its content; events in words
 * (the text report's lines, the simulator's live stream and its answers to actions, with their
 * tone); a real-time run's events file read back as a report.
 *
 * <p>Uses: time, bench (and what bench shows of the rooms below). See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.report;
