/**
 * kline-bench in users' JUnit 5 tests: {@link io.klinebench.junit.WithCar} gives a test a ready
 * {@link io.klinebench.bench.Bench} (virtual time) or a {@link io.klinebench.sim.VirtualCar} (the
 * car in real time on a virtual serial pair, for a tester under test) as a parameter; {@link
 * io.klinebench.junit.SequenceSource} makes sequence files, built-in sequences and seeds the cases
 * of a parameterized test; {@link io.klinebench.junit.RunAssertions} asserts in the words of the
 * domain (a window met with a margin, an event within a span, the slot table); and when a test
 * fails, the HTML timeline of each run it made is attached to the test's report.
 *
 * <p>Uses: bench, sim, report, config, car, time. See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.junit;
