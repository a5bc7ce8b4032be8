package io.klinebench.dcan;

import io.klinebench.time.Durations;

/**
 * STmin, the least time a sender keeps between two consecutive frames, as a flow control
 * frame carries it in one byte (ISO 15765-2, the STmin parameter): 00..7F are 0..127 ms, F1..F9
 * are 100..900 µs; every other value is reserved, and a sender that receives one uses the
 * longest, 127 ms (same clause).
 *
 * @param code the byte as it travels
 */
public record SeparationTime(int code) {

    /** What a K+DCAN cable asks for by default: none (CanAdapter.c, CAN_MIN_SEP_TIME 0). */
    public static final SeparationTime NONE = new SeparationTime(0);

    public SeparationTime {
        if (code < 0 || code > 0xFF) {
            throw new IllegalArgumentException("STmin is a byte, 00..FF, not " + code);
        }
    }

    /** The time it stands for; a reserved code stands for 127 ms. */
    public long nanos() {
        if (code <= 0x7F) {
            return code * Durations.MS;
        }
        if (code >= 0xF1 && code <= 0xF9) {
            return (code - 0xF0) * 100 * Durations.US;
        }
        return 0x7F * Durations.MS;
    }

    /** Whether the code is one of the reserved values (80..F0, FA..FF). */
    public boolean reserved() {
        return code > 0x7F && (code < 0xF1 || code > 0xF9);
    }
}
