/**
 * Time as a parameter: the {@link io.klinebench.time.Clock} that both tells the time and runs
 * what is due ({@link io.klinebench.time.VirtualClock} for the bench, exact and instant;
 * {@link io.klinebench.time.SystemClock} for real time), durations as people write them, and
 * timing windows and ranges with their inclusive-limit rule.
 *
 * <p>Uses: nothing of this project: the bottom room. See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.time;
