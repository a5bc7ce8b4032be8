/**
 * Sweeps: one sequence run at every point of a grid of its parameters and profile values,
 * on all cores, each point in virtual time and deterministic; the limits where the outcome
 * flips found by bisection; results streamed in point order to CSV and JSON, and shards of
 * a sweep merged back into the whole. The sweep file format is in bench-config/README.md.
 *
 * <p>Uses: bench, config, time. Thread pools live here and not in bench, which never
 * blocks. See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.sweep;
