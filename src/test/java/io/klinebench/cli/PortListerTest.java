package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linux port lister and {@code kline-bench ports} on a fake sysfs and /dev tree. */
class PortListerTest {

    private static final String USB = "sys/devices/pci0000:00/0000:00:14.0/usb1";

    @TempDir
    Path root;

    private Path dir(String path) throws IOException {
        return Files.createDirectories(root.resolve(path));
    }

    private void file(String path, String text) throws IOException {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), text);
    }

    private void link(String path, Path target) throws IOException {
        Files.createDirectories(root.resolve(path).getParent());
        Files.createSymbolicLink(root.resolve(path), target);
    }

    /** A USB serial adapter as the kernel shows it: tty -> interface -> USB device with its strings. */
    private void usbAdapter(String tty, String usbPort, String driver, String maker, String product, String serial)
            throws IOException {
        String usbDevice = USB + "/" + usbPort;
        if (product != null) {
            file(usbDevice + "/product", product + "\n");
            file(usbDevice + "/manufacturer", maker + "\n");
            file(usbDevice + "/serial", serial + "\n");
        }
        Path device = dir(usbDevice + "/" + usbPort + ":1.0/" + tty);
        Path driverDir = dir("sys/bus/usb-serial/drivers/" + driver);
        Files.createSymbolicLink(device.resolve("driver"), driverDir);
        link("sys/class/tty/" + tty + "/device", device);
    }

    private void fakeMachine() throws IOException {
        usbAdapter("ttyUSB0", "1-1", "ftdi_sio", "FTDI", "FT232R USB UART", "A50285BI");
        file("sys/bus/usb-serial/devices/ttyUSB0/latency_timer", "16\n");
        link("dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0", Path.of("../../ttyUSB0"));
        usbAdapter("ttyUSB1", "1-2", "ftdi_sio", "FTDI", "FT231X USB UART", "D30A1B2C");
        file("sys/bus/usb-serial/devices/ttyUSB1/latency_timer", "1\n");
        usbAdapter("ttyUSB2", "1-3", "ch341-uart", null, null, null);
        link("dev/serial/by-id/usb-1a86_USB_Serial-if00-port0", Path.of("../../ttyUSB2"));
        // a built-in UART with hardware, one without, one as kernels from 6.5 show it, and a virtual console
        Path s0 = dir("sys/devices/platform/serial8250/tty/ttyS0");
        Path s1 = dir("sys/devices/pnp0/00:01/tty/ttyS1");
        Path drv = dir("sys/bus/platform/drivers/serial8250");
        Files.createSymbolicLink(s0.resolve("driver"), drv);
        Files.createSymbolicLink(s1.resolve("driver"), drv);
        link("sys/class/tty/ttyS0/device", s0);
        file("sys/class/tty/ttyS0/type", "0\n");
        link("sys/class/tty/ttyS1/device", s1);
        file("sys/class/tty/ttyS1/type", "4\n");
        Path pnp = dir("sys/devices/pnp0/00:02");
        Files.createSymbolicLink(pnp.resolve("driver"), dir("sys/bus/pnp/drivers/serial"));
        Path port = dir("sys/devices/pnp0/00:02/00:02:0/00:02:0.0");
        Files.createSymbolicLink(port.resolve("driver"), dir("sys/bus/serial-base/drivers/port"));
        link("sys/class/tty/ttyS2/device", port);
        file("sys/class/tty/ttyS2/type", "4\n");
        dir("sys/class/tty/tty0");
    }

    @Test
    void findsThePortsWithTheirDriverDescriptionAndStableNames() throws IOException {
        fakeMachine();

        List<PortLister.Port> ports = new LinuxPortLister(root).list();

        assertThat(ports)
                .extracting(PortLister.Port::device)
                .containsExactly("/dev/ttyS1", "/dev/ttyS2", "/dev/ttyUSB0", "/dev/ttyUSB1", "/dev/ttyUSB2");
        assertThat(ports.get(1).driver()).isEqualTo("serial");
        assertThat(ports.get(1).description()).isEqualTo("built-in UART");
        ports = ports.subList(1, ports.size());
        PortLister.Port ftdi = ports.get(1);
        assertThat(ftdi.driver()).isEqualTo("ftdi_sio");
        assertThat(ftdi.description()).isEqualTo("FTDI FT232R USB UART (serial A50285BI)");
        assertThat(ftdi.byId()).containsExactly("/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0");
        assertThat(ftdi.latencyTimerMs()).isEqualTo(OptionalInt.of(16));
        assertThat(ports.get(0).description()).isEqualTo("built-in UART");
        assertThat(ports.get(3).driver()).isEqualTo("ch341-uart");
        assertThat(ports.get(3).description()).isEqualTo("usb-1a86_USB_Serial-if00-port0");
        assertThat(ports.get(3).latencyTimerMs()).isEmpty();
    }

    @Test
    void anFtdiLatencyTimerAbove1msIsAWarningWithBothFixes() throws IOException {
        fakeMachine();

        List<PortLister.Port> ports = new LinuxPortLister(root).list();
        ports = ports.subList(1, ports.size());

        assertThat(ports.get(1).warnings())
                .singleElement()
                .asString()
                .contains("latency timer is 16 ms")
                .contains("echo 1 > /sys/bus/usb-serial/devices/ttyUSB0/latency_timer")
                .contains(LinuxPortLister.UDEV_RULE);
        assertThat(ports.get(2).warnings()).isEmpty();
        assertThat(ports.get(3).warnings()).isEmpty();
    }

    @Test
    void anUnreadableLatencyTimerIsSaid() throws IOException {
        usbAdapter("ttyUSB0", "1-1", "ftdi_sio", "FTDI", "FT232R USB UART", "A1");

        assertThat(new LinuxPortLister(root).list().get(0).warnings())
                .singleElement()
                .asString()
                .startsWith("cannot read the FTDI latency timer");
    }

    @Test
    void noTreeOrNoPortsIsAnEmptyList() throws IOException {
        assertThat(new LinuxPortLister(root).list()).isEmpty();
        dir("sys/class/tty/tty0");
        dir("sys/class/tty/ptmx");
        assertThat(new LinuxPortLister(root).list()).isEmpty();
    }

    @Test
    void theCommandPrintsEachPortAndItsWarnings() throws IOException {
        fakeMachine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int status = Main.execute(
                new PrintWriter(out, true), new PrintWriter(err, true), "ports", "--system-root", root.toString());

        assertThat(status).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString().lines().toList())
                .anySatisfy(l -> assertThat(l)
                        .startsWith("/dev/ttyUSB0")
                        .contains("ftdi_sio", "FT232R USB UART", "latency timer 16 ms"))
                .anySatisfy(l ->
                        assertThat(l).isEqualTo("    /dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0"))
                .anySatisfy(l -> assertThat(l).startsWith("    warning: latency timer is 16 ms"))
                .noneSatisfy(l -> assertThat(l).contains("ttyS0"));
    }

    @Test
    void theCommandSaysSoWhenThereAreNoPorts() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int status = Main.execute(
                new PrintWriter(out, true), new PrintWriter(err, true), "ports", "--system-root", root.toString());

        assertThat(status).isZero();
        assertThat(out.toString()).isEqualTo("no serial ports found" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }
}
