/**
 * The one trace format: {@link io.klinebench.trace.TraceFormat} writes and reads its line
 * syntax, {@link io.klinebench.trace.TraceFile} reads and writes finished traces (what {@code
 * kline-bench validate} judges), {@link io.klinebench.trace.LiveTrace} writes the simulator's as
 * it happens.
 *
 * <p>Uses: time, line, protocol (the ids a trace's header may name), and config (for positioned
 * errors). See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.trace;
