/**
 * A bench run's report as text, as JSON and as one self-contained HTML page, the first two from
 * one model of their content; events in words (the text report's lines, the simulator's live
 * stream and its answers to actions, with their tone); a real-time run's events file read back
 * as a report. The HTML page ({@link io.klinebench.report.HtmlReport}) draws a run or a checked
 * trace as lanes on a timeline ({@link io.klinebench.report.TimelinePage}); its template,
 * {@code src/main/jte/page.jte}, becomes Java in this package at build time (jte). A sweep's
 * picture, laid out by the sweep package, is a {@link io.klinebench.report.SweepPage}, written
 * by {@link io.klinebench.report.SweepReport} as a page ({@code sweep.jte}) or an SVG file.
 *
 * <p>Uses: time, line, car, fob, kline (the events and the trace it draws), config (the user's
 * files), bench (and what bench shows of the rooms below); jte's runtime. See the house plan in
 * {@code arch/LayeringTest}.
 */
package io.klinebench.report;
