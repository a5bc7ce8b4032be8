package io.klinebench.services;

/**
 * How a module guards security access (seed and key): wrong keys allowed, and the delays
 * that follow (a profile's {@code diagnostics.security}).
 *
 * @param maxAttempts       wrong keys allowed before exceedNumberOfAttempts
 * @param lockoutNanos      requiredTimeDelayNotExpired lasts this long after the last wrong key
 * @param powerOnDelayNanos delay after power-on (and after a reset) while a lockout is pending
 */
public record SecurityRule(int maxAttempts, long lockoutNanos, long powerOnDelayNanos) {
    public SecurityRule {
        if (maxAttempts < 1 || lockoutNanos < 0 || powerOnDelayNanos < 0) {
            throw new IllegalArgumentException("security: need max-attempts >= 1 and delays >= 0");
        }
    }
}
