/**
 * The bench in virtual time: the sequence language (actions in words, steps, expectations,
 * final state), its loader, its template (a file read once, whose step timings a sweep's
 * points fill) and runner, the judge of a run, the timeline, the car's diagnostic
 * socket with the bench's tester, and the library API ({@link io.klinebench.bench.Bench}).
 * Instant and deterministic: it never waits for real time and never touches a port.
 *
 * <p>Uses: every room below it: time, line, fob, car, kline, services, protocol, config, trace. See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.bench;
