/**
 * The K-line's vocabulary, shared by both ends and every transport: who sent a byte
 * ({@link io.klinebench.line.Direction}), what an end observes ({@link io.klinebench.line.LineEvent}:
 * bytes, a wake-up low, a 5-baud byte), one end of the line ({@link io.klinebench.line.LineEndpoint}),
 * bytes as a value ({@link io.klinebench.line.Bytes}), a trace entry, the in-memory line of the
 * bench ({@link io.klinebench.line.VirtualLine}) and its bus with several modules and segments
 * ({@link io.klinebench.line.KLineBus}: the R50/R53's pins 7 and 8), and what a real-time transport must give the
 * K-line layer ({@link io.klinebench.line.BytePipe}, {@link io.klinebench.line.BaudEvidence},
 * {@link io.klinebench.line.InitCues}).
 *
 * <p>Uses: time. See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.line;
