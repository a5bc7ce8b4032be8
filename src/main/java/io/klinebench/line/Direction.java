package io.klinebench.line;

/** Who put a byte on the K-line. */
public enum Direction {
    /** The diagnostic tester (or the bench's built-in one). */
    TESTER,
    /** The simulated module. */
    ECU;

    public Direction other() {
        return this == TESTER ? ECU : TESTER;
    }
}
