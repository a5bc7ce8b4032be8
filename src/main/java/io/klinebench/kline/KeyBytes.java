package io.klinebench.kline;

/**
 * The two key bytes a KWP2000 ECU answers StartCommunication (and the 5-baud init) with
 * (SSF 14230-2 tables 3-4): KB1 says which header forms and timing set it supports, KB2 is 0x8F.
 * Common: EF 8F (every header form, normal timing).
 */
public record KeyBytes(int kb1, int kb2) {
    public KeyBytes {
        if (kb1 < 0 || kb1 > 0xFF || kb2 < 0 || kb2 > 0xFF) {
            throw new IllegalArgumentException("a key byte is 00..FF");
        }
    }

    @Override
    public String toString() {
        return String.format("%02X %02X", kb1, kb2);
    }
}
