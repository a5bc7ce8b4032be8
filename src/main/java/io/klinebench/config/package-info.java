/**
 * Configuration files with positions: YAML read into a tree that remembers where each value
 * stood, typed reads whose errors name file, line and column, and the profile files (the car
 * and its diagnostic face) found by name in directories or in the jar.
 *
 * <p>Uses: time, line, fob, car, kline, services, protocol. See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.config;
