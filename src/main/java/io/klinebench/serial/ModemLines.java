package io.klinebench.serial;

/**
 * The modem-control lines of a serial port, apart from its data: four inputs the far end (or
 * a relay rig) drives, and two outputs we drive. The bench wires them to the car's physical
 * inputs and outputs (see {@code io.klinebench.sim.ModemWiring}).
 *
 * <pre>
 *   inputs  (read)   CTS  DSR  DCD  RI       true = line asserted
 *   outputs (write)  RTS  DTR
 * </pre>
 *
 * <p>Implementations: a fake in the tests; the serial port one reads
 * jSerialComm's getCTS/getDSR/getDCD/getRI and calls setRTS/clearRTS/setDTR/clearDTR. A port
 * that has no modem lines (a pty answers setDTR/setRTS with ENOTTY) must say so once, clearly,
 * through the log, and carry on: reads then return false and writes do nothing.
 */
public interface ModemLines {

    enum Input {
        CTS,
        DSR,
        DCD,
        RI
    }

    enum Output {
        RTS,
        DTR
    }

    /** The level of an input line now; false when the port cannot tell. */
    boolean read(Input line);

    /** Asserts ({@code true}) or clears an output line. Never throws for a port without modem lines. */
    void set(Output line, boolean asserted);
}
