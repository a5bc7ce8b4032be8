/**
 * The simulated module in real time on a serial port or a pty ({@link
 * io.klinebench.sim.PortSimulator}), the real-time tester ({@link io.klinebench.sim.PortTester}),
 * bench setup files and the modem-line wiring of a relay rig, and the state file that keeps the
 * module's non-volatile memory between runs.
 *
 * <p>Uses: every room below it, serial included. See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.sim;
