/**
 * The protocol personality as a type: {@link io.klinebench.protocol.DiagnosticProtocol},
 * sealed, one member per protocol ({@link io.klinebench.protocol.Ds2}, {@link
 * io.klinebench.protocol.Kwp2000}), which gives its link layer, tester, timing, trace judge
 * and application layer, its refusals, and its frames taken apart ({@link
 * io.klinebench.protocol.FrameParts}, by the link layers' own decoders); and {@link
 * io.klinebench.protocol.DiagnosticProfile}, a model year's diagnostic face. A new protocol is a new member; nothing outside the members asks which
 * protocol it is.
 *
 * <p>Uses: time, line, fob, car, kline, services. See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.protocol;
