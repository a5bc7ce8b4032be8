package io.klinebench.dcan;

/**
 * How a tester reaches D-CAN, and so what the module's port carries.
 *
 * <pre>
 *   CABLE          a K+DCAN cable in D-CAN mode: BMW-FAST telegrams at 115200 baud; the cable,
 *                  the bus and the JBE are modelled behind the port
 *   SLCAN_HOST     the port is an slcan adapter on a real CAN bus (a CANable): the sim drives it
 *   SLCAN_ADAPTER  the port is where an slcan host connects (a pty): the sim plays the adapter,
 *                  the car's bus behind it
 * </pre>
 */
public enum CanAccess {
    CABLE,
    SLCAN_HOST,
    SLCAN_ADAPTER;

    /** Whether the port carries slcan text rather than BMW-FAST telegrams. */
    public boolean slcan() {
        return this != CABLE;
    }

    /** The module's end of the slcan line; only for {@link #slcan()}. */
    public SlcanPort.Role role() {
        return this == SLCAN_ADAPTER ? SlcanPort.Role.ADAPTER : SlcanPort.Role.HOST;
    }
}
