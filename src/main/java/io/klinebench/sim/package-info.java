/**
 * The simulated module in real time on a serial port or a pty ({@link
 * io.klinebench.sim.PortSimulator}), the real-time tester ({@link io.klinebench.sim.PortTester}),
 * the listener that only hears a live line ({@link io.klinebench.sim.Listener}), a CAN socket
 * presented as an slcan adapter's line ({@link io.klinebench.sim.CanSocketLine}),
 * bench setup files and the modem-line wiring of a relay rig, the state file that keeps the
 * module's non-volatile memory between runs, and the stream that writes what the module does
 * off the clock's thread ({@link io.klinebench.sim.EventStream}).
 *
 * <p>Uses: every room below it, serial included. See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.sim;
