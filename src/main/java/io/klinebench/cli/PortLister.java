package io.klinebench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where {@code kline-bench ports} learns which serial ports there are. Our own small
 * interface, so that the command is tested on a fake system tree and a jSerialComm-based
 * lister can take its place later.
 */
public interface PortLister {

    /** The serial ports present now, sorted by name; empty when there are none. */
    List<Port> list() throws IOException;

    /** The lister for the system we run on, or null when none is implemented for it. */
    static PortLister forThisSystem() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") ? new LinuxPortLister(Path.of("/")) : null;
    }

    /**
     * One serial port.
     *
     * @param device         the path to open ("/dev/ttyUSB0")
     * @param driver         the kernel driver ("ftdi_sio", "ch341-uart", "serial8250"), or "unknown"
     * @param description    what it is (USB manufacturer and product, or the driver)
     * @param byId           stable names for it ("/dev/serial/by-id/usb-FTDI_..."), which survive replugging
     * @param latencyTimerMs an FTDI adapter's latency timer, empty for others
     * @param warnings       what is wrong for K-line timing, each with its fix
     */
    record Port(
            String device,
            String driver,
            String description,
            List<String> byId,
            OptionalInt latencyTimerMs,
            List<String> warnings) {
        public Port {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(driver, "driver");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(latencyTimerMs, "latencyTimerMs");
            byId = List.copyOf(byId);
            warnings = List.copyOf(warnings);
        }
    }
}
