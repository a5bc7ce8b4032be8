/**
 * The command line (picocli): run, profiles, sequences, sim, tester, validate, ports, sweep,
 * sweep-merge; the control port. The only room that prints to stdout.
 *
 * <p>Uses: every room. See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.cli;
