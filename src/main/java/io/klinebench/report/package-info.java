/**
 * A bench run's report as text and as JSON, from one model of its content.
 *
 * <p>Uses: time, bench (and what bench shows of the rooms below). See the house plan in {@code arch/LayeringTest}.
 */
package io.klinebench.report;
