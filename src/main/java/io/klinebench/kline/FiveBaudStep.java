package io.klinebench.kline;

import io.klinebench.line.Direction;
import io.klinebench.time.TimingRange;

/**
 * The key-byte handshake after a 5-baud address (ISO 14230-2 s5.2.2, as ISO 9141-2), one
 * step per byte: who sends it and the window it must come in, counted from the byte before
 * (for {@link #SYNC}, from the end of the address). The ECU link, the tester and the timing
 * judge walk the same steps.
 *
 * <pre>
 *   tester: address at 5 baud (2 s)
 *   ECU:    55 after W1,  KB1 after W2,  KB2 after W3
 *   tester: ~KB2 after W4
 *   ECU:    ~address after W4   -- the session is open
 * </pre>
 */
public enum FiveBaudStep {
    SYNC(Direction.ECU, Violation.W1, "0x55"),
    KEY_BYTE_1(Direction.ECU, Violation.W2, "KB1"),
    KEY_BYTE_2(Direction.ECU, Violation.W3, "KB2"),
    INVERTED_KEY_BYTE_2(Direction.TESTER, Violation.W4, "~KB2"),
    INVERTED_ADDRESS(Direction.ECU, Violation.W4, "~address");

    /** The synchronisation pattern the ECU sends first. */
    public static final int SYNC_BYTE = 0x55;

    private final Direction from;
    private final String parameter;
    private final String text;

    FiveBaudStep(Direction from, String parameter, String text) {
        this.from = from;
        this.parameter = parameter;
        this.text = text;
    }

    /** As people write the byte: "0x55", "KB1", "~KB2"... */
    public String text() {
        return text;
    }

    /** Who sends this step's byte. */
    public Direction from() {
        return from;
    }

    /** The timing parameter of its wait, as {@link Violation} names it (W1..W4). */
    public String parameter() {
        return parameter;
    }

    /** The window its byte must come in, after the byte before. */
    public TimingRange window(KwpTiming t) {
        return switch (this) {
            case SYNC -> t.w1();
            case KEY_BYTE_1 -> t.w2();
            case KEY_BYTE_2 -> t.w3();
            case INVERTED_KEY_BYTE_2, INVERTED_ADDRESS -> t.w4();
        };
    }

    /** The byte this step carries, for an ECU with these key bytes at {@code address}. */
    public int value(KeyBytes keyBytes, int address) {
        return switch (this) {
            case SYNC -> SYNC_BYTE;
            case KEY_BYTE_1 -> keyBytes.kb1();
            case KEY_BYTE_2 -> keyBytes.kb2();
            case INVERTED_KEY_BYTE_2 -> ~keyBytes.kb2() & 0xFF;
            case INVERTED_ADDRESS -> ~address & 0xFF;
        };
    }

    public boolean isLast() {
        return this == INVERTED_ADDRESS;
    }

    /** The step after this one. */
    public FiveBaudStep next() {
        if (isLast()) {
            throw new IllegalStateException("the ECU's inverted address ends the handshake");
        }
        return values()[ordinal() + 1];
    }
}
