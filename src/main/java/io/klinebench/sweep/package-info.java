/**
 * Sweeps: one sequence run at every point of a grid of its parameters and profile values,
 * on all cores, each point in virtual time and deterministic; the limits where the outcome
 * flips found by bisection; results streamed in point order to CSV, JSON and a picture (a
 * 1-D sweep's verdict and margin, a 2-D sweep's map, written by report.SweepReport), and
 * shards of a sweep merged back into the whole. The sequence is read and checked once per
 * profile (bench.SequenceTemplate) and each point given only its timings; a point is judged
 * only for whether it held. The sweep file format is in bench-config/README.md; its speed in
 * BENCHMARKS.md.
 *
 * <p>Uses: bench, config, time, report (the picture's page). Thread pools live here and not
 * in bench, which never blocks. See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.sweep;
