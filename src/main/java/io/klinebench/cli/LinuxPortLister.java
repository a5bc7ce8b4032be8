package io.klinebench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Serial ports from Linux's sysfs, read under a root directory ("/" on a real system, a
 * fake tree in tests):
 * <ul>
 * <li>{@code sys/class/tty/<name>/device}: a tty with a device behind it is a port (virtual
 * consoles and ptys have none); {@code device/driver} names its driver. A 8250 UART whose
 * {@code type} is 0 has no hardware behind it and is left out.</li>
 * <li>{@code dev/serial/by-id/*}: the stable names udev makes, links to {@code ../../<name>}.</li>
 * <li>the USB device above it: {@code manufacturer}, {@code product}, {@code serial}.</li>
 * <li>{@code sys/bus/usb-serial/devices/<name>/latency_timer} for FTDI adapters ({@code ftdi_sio}).</li>
 * </ul>
 */
public final class LinuxPortLister implements PortLister {

    /** The udev rule that sets every FTDI adapter's latency timer to 1 ms when it is plugged in. */
    public static final String UDEV_RULE =
            "ACTION==\"add\", SUBSYSTEM==\"usb-serial\", DRIVER==\"ftdi_sio\", ATTR{latency_timer}=\"1\"";

    private final Path root;

    public LinuxPortLister(Path root) {
        this.root = root;
    }

    @Override
    public List<Port> list() throws IOException {
        Path classTty = root.resolve("sys/class/tty");
        if (!Files.isDirectory(classTty)) {
            return List.of();
        }
        List<Path> ttys;
        try (Stream<Path> s = Files.list(classTty)) {
            ttys = s.sorted().toList();
        }
        List<Port> ports = new ArrayList<>();
        for (Path tty : ttys) {
            Path device = tty.resolve("device");
            if (!Files.isDirectory(device)) {
                continue;
            }
            String name = tty.getFileName().toString();
            String type = readTrimmed(tty.resolve("type"));
            if (type.equals("0")) {
                continue;
            }
            ports.add(port(name, device, driverOf(device), !type.isEmpty()));
        }
        return ports;
    }

    private Port port(String name, Path device, String driver, boolean uart) throws IOException {
        List<String> byId = byIdLinks(name);
        List<String> warnings = new ArrayList<>();
        OptionalInt latency = OptionalInt.empty();
        if (driver.equals("ftdi_sio")) {
            Path timer =
                    root.resolve("sys/bus/usb-serial/devices").resolve(name).resolve("latency_timer");
            String text = readTrimmed(timer);
            try {
                latency = OptionalInt.of(Integer.parseInt(text));
            } catch (NumberFormatException e) {
                warnings.add("cannot read the FTDI latency timer (/sys/bus/usb-serial/devices/" + name
                        + "/latency_timer): " + (text.isEmpty() ? "missing or empty" : "'" + text + "'"));
            }
            if (latency.isPresent() && latency.getAsInt() > 1) {
                warnings.add(latencyWarning(name, latency.getAsInt()));
            }
        }
        return new Port("/dev/" + name, driver, describe(device, byId, driver, uart), byId, latency, warnings);
    }

    /** The warning for an FTDI latency timer above 1 ms, with both fixes. */
    static String latencyWarning(String name, int ms) {
        return "latency timer is " + ms + " ms: the FTDI chip holds received bytes up to " + ms
                + " ms, which hides P1/P2 gaps and delays answers. Set it to 1 ms now (as root, lost when unplugged): "
                + "echo 1 > /sys/bus/usb-serial/devices/" + name + "/latency_timer"
                + " ; or for good, a udev rule in /etc/udev/rules.d/99-ftdi-latency.rules: " + UDEV_RULE;
    }

    /** The device's driver; serial core's own "port" and "ctrl" layers are skipped for the driver above them. */
    private static String driverOf(Path device) {
        try {
            Path p = device.toRealPath();
            for (int up = 0; up < 3 && p != null; up++, p = p.getParent()) {
                Path driver = p.resolve("driver");
                if (Files.exists(driver)) {
                    String name = driver.toRealPath().getFileName().toString();
                    if (!name.equals("port") && !name.equals("ctrl")) {
                        return name;
                    }
                }
            }
        } catch (IOException e) {
            // unknown, below
        }
        return "unknown";
    }

    private List<String> byIdLinks(String name) throws IOException {
        Path dir = root.resolve("dev/serial/by-id");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path link : s.sorted().toList()) {
                if (Files.isSymbolicLink(link)) {
                    Path target = Files.readSymbolicLink(link);
                    if (target.getFileName() != null
                            && target.getFileName().toString().equals(name)) {
                        out.add("/dev/serial/by-id/" + link.getFileName());
                    }
                }
            }
        }
        return out;
    }

    /** USB manufacturer, product and serial from the nearest USB device above the port, else the by-id name or driver. */
    private String describe(Path device, List<String> byId, String driver, boolean uart) {
        try {
            Path p = device.toRealPath();
            for (int up = 0; up < 4 && p != null; up++, p = p.getParent()) {
                String product = readTrimmed(p.resolve("product"));
                if (!product.isEmpty()) {
                    String maker = readTrimmed(p.resolve("manufacturer"));
                    String serial = readTrimmed(p.resolve("serial"));
                    return (maker.isEmpty() ? "" : maker + " ")
                            + product
                            + (serial.isEmpty() ? "" : " (serial " + serial + ")");
                }
            }
        } catch (IOException e) {
            // fall through to the plainer descriptions
        }
        if (!byId.isEmpty()) {
            return byId.get(0).substring(byId.get(0).lastIndexOf('/') + 1);
        }
        return uart ? "built-in UART" : driver;
    }

    private static String readTrimmed(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Files.readString(file, StandardCharsets.UTF_8).trim()
                    : "";
        } catch (IOException e) {
            return "";
        }
    }
}
