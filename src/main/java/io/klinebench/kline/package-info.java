/**
 * The K-line link layers, as ISO 14230-2 and BMW's DS2 frame them: frames and their pure
 * decoders, the ECU's links ({@link io.klinebench.kline.KwpEcuLink} with its init state
 * machine, {@link io.klinebench.kline.Ds2EcuLink}, BMW's KWP2000* {@link
 * io.klinebench.kline.KwpStarEcuLink}), the testers and the module search ({@link
 * io.klinebench.kline.ModuleSearch}), the timing sets and the
 * judge of a trace ({@link io.klinebench.kline.TimingValidator}), and the K-line's end on a
 * real transport ({@link io.klinebench.kline.PortEndpoint}), which recognises a pty's inits.
 * Knows no car and no port.
 *
 * <p>Uses: time, line. See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.kline;
