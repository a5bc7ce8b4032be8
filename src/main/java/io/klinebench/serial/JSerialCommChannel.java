package io.klinebench.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A real or pty port through jSerialComm. Reads are semi-blocking with no timeout (block until
 * at least one byte): jSerialComm's timeouts have 100 ms granularity on Linux and can never
 * implement K-line timing; that is the clock's job. The modem lines ({@link ModemLines}) are
 * read and driven only for a bench setup that wires them; a pty refuses them (ENOTTY), which is
 * said once per line, and the bench goes on without them.
 */
public final class JSerialCommChannel implements PortChannel, ModemLines {

    private final String path;
    private final int baud;
    private final Framing framing;
    private final boolean parmrk;
    private volatile SerialPort port;
    private final Set<String> modemWarnings = ConcurrentHashMap.newKeySet();

    /** Data bits, parity and stop bits as profiles write them: "8N1", "8E1". */
    /** Where Linux puts pty slaves (devpts), each named by its number. */
    private static final String PTY_SLAVES = "/dev/pts/";

    public enum Framing {
        N81(SerialPort.NO_PARITY),
        E81(SerialPort.EVEN_PARITY);

        private final int parity;

        Framing(int parity) {
            this.parity = parity;
        }

        public static Framing parse(String text) {
            return switch (text.toUpperCase(Locale.ROOT)) {
                case "8N1" -> N81;
                case "8E1" -> E81;
                default -> throw new IllegalArgumentException("framing '" + text + "': expected 8N1 or 8E1");
            };
        }

        @Override
        public String toString() {
            return this == N81 ? "8N1" : "8E1";
        }
    }

    public JSerialCommChannel(String path, int baud, Framing framing) {
        this(path, baud, framing, false);
    }

    /**
     * @param parmrk open in PARMRK mode (Linux): we set the termios ourselves so that a break
     *               and framing errors arrive in-band (see {@link ParmrkDecoder}), then let
     *               jSerialComm open the port without touching its configuration. jSerialComm's
     *               own setup sets BRKINT (a break flushes input and delivers nothing) and its
     *               BREAK/FRAMING events never fire on Linux.
     */
    public JSerialCommChannel(String path, int baud, Framing framing, boolean parmrk) {
        this.path = path;
        this.baud = baud;
        this.framing = framing;
        this.parmrk = parmrk;
    }

    @Override
    public boolean parmrk() {
        return parmrk;
    }

    @Override
    public String name() {
        return path;
    }

    @Override
    public void open() throws IOException {
        Optional<String> notAPort = NotASerialPort.why(path);
        if (notAPort.isPresent()) {
            throw new IOException(notAPort.get() + "; " + knownPorts());
        }
        NativeSetup.ensureUniqueAppId();
        SerialPort p;
        try {
            p = SerialPort.getCommPort(path); // resolves a symlink now: call again after the pty is recreated
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("no port " + path + "; " + knownPorts(), e);
        }
        if (parmrk) {
            // no parity asked of a pty, for the reason below
            ParmrkTermios.configure(path, framing == Framing.E81 && !isPty());
            p.disablePortConfiguration(); // it would set BRKINT; it still sets the baud rate
            p.setBaudRate(baud);
        } else {
            // A pty carries no parity (the kernel drops PARENB); asking for it there only makes
            // glibc's tcsetattr fail with EINVAL when nothing else needs changing (a second open).
            p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, isPty() ? SerialPort.NO_PARITY : framing.parity);
        }
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 0, 0);
        if (!p.openPort(0)) {
            int code = p.getLastErrorCode();
            String why = !new File(path).exists()
                    ? "cannot open " + path + ": no such port"
                    : code == NotASerialPort.ENOTTY
                            ? NotASerialPort.device(path)
                            : "cannot open " + path + ": " + notOpened(code);
            throw new IOException(why + "; " + knownPorts());
        }
        port = p;
    }

    /**
     * A pty named by its own path ({@code /dev/pts/N}, not a link to it) cannot come back: a pty
     * ends when its other side closes, and the kernel gives its number to the next pty opened,
     * another program's (a terminal, another simulator), which opening the name again would take.
     * A link can come back: its owner points it at the new pty, as {@code sim --link} does.
     */
    @Override
    public Optional<String> cannotComeBack() {
        if (path.startsWith(PTY_SLAVES) && !Files.isSymbolicLink(Path.of(path))) {
            return Optional.of("a pty does not come back, and its number " + path
                    + " goes to the next pty opened, another program's: not opened again");
        }
        return Optional.empty();
    }

    /** Why jSerialComm could not open a port that exists, from its last error code. */
    static String notOpened(int code) {
        return switch (code) {
            // its open takes an exclusive flock(): EWOULDBLOCK while another open file holds one
            case 11 -> "another program has it open and holds its lock (error 11)";
            case 13 -> "not permitted (error 13): a serial port usually needs the group dialout";
            default -> "busy or not permitted (error " + code + ")";
        };
    }

    /** The ports the system lists, for error messages (virtual ports are not always listed). */
    public static String knownPorts() {
        NativeSetup.ensureUniqueAppId();
        SerialPort[] ports = SerialPort.getCommPorts();
        if (ports.length == 0) {
            return "no serial ports found";
        }
        return "ports found: "
                + Arrays.stream(ports)
                        .map(p -> p.getSystemPortPath() + " (" + p.getPortDescription() + ")")
                        .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        SerialPort p = port;
        if (p != null) {
            p.closePort();
        }
    }

    @Override
    public int read(byte[] buffer) {
        SerialPort p = port;
        if (p == null || !p.isOpen()) {
            return -1;
        }
        while (true) {
            int n = p.readBytes(buffer, buffer.length);
            if (n != 0) {
                return n < 0 ? -1 : n;
            }
            if (!p.isOpen()) {
                return -1;
            }
        }
    }

    @Override
    public int available() {
        SerialPort p = port;
        return p == null || !p.isOpen() ? 0 : Math.max(0, p.bytesAvailable());
    }

    @Override
    public void write(int value) throws IOException {
        write(new byte[] {(byte) value}, 1);
    }

    @Override
    public void write(byte[] bytes, int length) throws IOException {
        SerialPort p = port;
        if (p == null || p.writeBytes(bytes, length) != length) {
            throw new IOException("cannot write to " + path);
        }
    }

    /** The adapter's modem input lines (false while the port is closed or cannot tell). */
    @Override
    public boolean read(ModemLines.Input line) {
        SerialPort p = port;
        if (p == null) {
            return false;
        }
        return switch (line) {
            case CTS -> p.getCTS();
            case DSR -> p.getDSR();
            case DCD -> p.getDCD();
            case RI -> p.getRI();
        };
    }

    /**
     * Drives RTS or DTR. A pty has no modem lines (the ioctl fails with ENOTTY): that is said
     * once, in the log, and the bench goes on without the output.
     */
    @Override
    public void set(ModemLines.Output line, boolean asserted) {
        SerialPort p = port;
        if (p == null) {
            return;
        }
        boolean ok = switch (line) {
            case RTS -> asserted ? p.setRTS() : p.clearRTS();
            case DTR -> asserted ? p.setDTR() : p.clearDTR();
        };
        if (!ok && modemWarnings.add(line.name())) {
            org.slf4j.LoggerFactory.getLogger(JSerialCommChannel.class)
                    .warn(
                            "{}: cannot drive {} (error {}); a pty has no modem lines. The bench goes on without this output.",
                            path,
                            line,
                            p.getLastErrorCode());
        }
    }

    /** A real UART can hold K low; a pseudo-terminal (/dev/pts/N, or a link to one) cannot. */
    @Override
    public boolean setBreak(boolean on) {
        SerialPort p = port;
        if (p == null || isPty()) {
            return false;
        }
        return on ? p.setBreak() : p.clearBreak();
    }

    /** Any port jSerialComm opened, a pty slave too (a tester's side: the simulator watches it). */
    @Override
    public boolean setBaud(int baud) {
        SerialPort p = port;
        return p != null && p.setBaudRate(baud);
    }

    private boolean isPty() {
        try {
            return Path.of(path).toRealPath().toString().startsWith(PTY_SLAVES);
        } catch (IOException | RuntimeException e) {
            return path.startsWith(PTY_SLAVES);
        }
    }
}
