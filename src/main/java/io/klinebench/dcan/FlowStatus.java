package io.klinebench.dcan;

/** The flow status of an ISO 15765-2 flow control frame (the low nibble of its PCI byte). */
public enum FlowStatus {
    /** Send the next block. */
    CONTINUE_TO_SEND(0),
    /** Wait for another flow control frame. */
    WAIT(1),
    /** The message is too long for the receiver: the transfer is aborted. */
    OVERFLOW(2);

    private final int code;

    FlowStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status for {@code code}, or null for a reserved value (3..F). */
    public static FlowStatus of(int code) {
        for (FlowStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
