package io.klinebench.cli;

import io.klinebench.config.ConfigException;
import io.klinebench.time.Durations;
import io.klinebench.time.Uncertainty;
import io.klinebench.trace.TraceHeader;

/**
 * {@code --uncertainty DURATION}, as sim, listen and validate take it: 0s up to what a trace's
 * header may say ({@link TraceHeader#MAX_UNCERTAINTY_NANOS}), so a trace the sim or the listener
 * writes is one validate reads.
 */
final class UncertaintyOption {

    private UncertaintyOption() {}

    static Uncertainty parse(String text) throws ConfigException {
        try {
            long v = Durations.parse(text);
            if (v < 0) {
                throw new IllegalArgumentException("'" + text + "' is negative; an uncertainty is 0s or more");
            }
            if (v > TraceHeader.MAX_UNCERTAINTY_NANOS) {
                // beyond, every limit is undecided and the sums overflow
                throw new IllegalArgumentException("'" + text + "' is more than "
                        + Durations.format(TraceHeader.MAX_UNCERTAINTY_NANOS)
                        + ", the most taken: stamps further off would leave every limit undecided");
            }
            return new Uncertainty(v, "--uncertainty");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--uncertainty", e.getMessage());
        }
    }
}
