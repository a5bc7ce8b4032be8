package io.klinebench.kline;

/**
 * The ways a tester starts communication before its first request, where the protocol has
 * any (ISO 14230-2 s5.2: KWP2000 on K-line has both; DS2 has none and just sends).
 */
public enum Init {
    /** K low for TiniL, then StartCommunication at TWuP. */
    FAST("fast init"),
    /** The ECU's address at 5 baud, then the key-byte handshake. */
    FIVE_BAUD("5-baud init");

    private final String text;

    Init(String text) {
        this.text = text;
    }

    /** As people write it: "fast init", "5-baud init". */
    public String text() {
        return text;
    }
}
