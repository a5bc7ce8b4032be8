/**
 * Record and replay: a session recorded as our trace ({@link io.klinebench.replay.TraceScript}),
 * or written as an ediabaslib simulation file ({@link io.klinebench.replay.EdiabasSimFile}),
 * becomes a {@link io.klinebench.replay.ReplayScript} of request patterns and their answers in
 * order, and {@link io.klinebench.replay.ReplayApplication} answers from it where the module's
 * services would: under the profile's own link layer, which does the inits, the framing and
 * (unless the recording's timing is asked for) the timing. Every request it cannot answer from
 * the recording is said as a {@link io.klinebench.replay.ReplayEvent} with the reason.
 *
 * <p>Uses: time, line, kline, protocol, config (positioned errors), trace. See the house plan in
 * {@code arch/LayeringTest}.
 */
package io.klinebench.replay;
