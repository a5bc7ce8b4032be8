package io.klinebench.dcan;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import tel.schich.javacan.CanChannels;
import tel.schich.javacan.CanSocketOptions;
import tel.schich.javacan.NetworkDevice;
import tel.schich.javacan.RawCanChannel;
import tel.schich.javacan.platform.linux.LinuxNativeOperationException;

/**
 * A CAN interface of Linux's SocketCAN (can0, vcan0, an slcand-made slcan0...) through a raw
 * CAN socket, by JavaCAN (tel.schich:javacan-core, github.com/pschichtel/JavaCAN). Blocking:
 * one thread receives, the clock's thread sends. The socket takes every frame on the bus but
 * its own (CAN_RAW's default loopback shows a socket's frames to the host's other sockets,
 * not to itself), no error frames and no CAN FD frames (neither is asked for).
 *
 * <p>The bit rate is the interface's ({@code ip link set can0 type can bitrate 500000}), not
 * ours to set: D-CAN runs at 500 kbit/s.
 */
public final class SocketCan implements CanSocket {

    private static final int EAFNOSUPPORT = 97;
    private static final int ENODEV = 19;
    private static final int ENETDOWN = 100;

    /** How often a blocked {@link #receive} looks whether the socket was closed. */
    private static final Duration READ_WAKE = Duration.ofMillis(200);

    private final String iface;
    private volatile RawCanChannel channel;

    public SocketCan(String iface) {
        this.iface = Objects.requireNonNull(iface, "iface");
        if (iface.isBlank()) {
            throw new IllegalArgumentException("socketcan: an interface name is needed (socketcan:can0)");
        }
    }

    @Override
    public String name() {
        return "socketcan:" + iface;
    }

    @Override
    public void open() throws IOException {
        RawCanChannel c;
        try {
            c = CanChannels.newRawChannel();
        } catch (LinuxNativeOperationException e) {
            throw new IOException(name() + ": cannot open a CAN socket: " + cause(e));
        } catch (LinkageError | RuntimeException e) {
            // JavaCAN's native part is for x86_64 Linux here; elsewhere it cannot load
            throw new IOException(name() + ": JavaCAN's native library cannot be loaded here ("
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + e.getMessage());
        }
        try {
            c.bind(NetworkDevice.lookup(iface));
            // a read that waits at most this long, so that close() is seen (closing a socket does
            // not wake a thread blocked reading it)
            c.setOption(CanSocketOptions.SO_RCVTIMEO, READ_WAKE);
        } catch (LinuxNativeOperationException e) {
            closeQuietly(c);
            throw new IOException(name() + ": " + cause(e));
        } catch (IOException | RuntimeException e) {
            closeQuietly(c);
            throw new IOException(name() + ": cannot bind a CAN socket: " + e.getMessage());
        }
        channel = c;
    }

    /** The cause in words, with what to do where we know it. */
    private String cause(LinuxNativeOperationException e) {
        switch (e.getErrorNumber()) {
            case EAFNOSUPPORT:
                return "this kernel has no SocketCAN (address family AF_CAN not supported, errno 97);"
                        + " it needs the can and can_raw modules (modprobe can_raw)";
            case ENODEV:
                return "no such network interface (errno 19); a virtual one for trying: ip link add dev " + iface
                        + " type vcan && ip link set up " + iface;
            case ENETDOWN:
                return "the interface is down (errno 100): ip link set up " + iface;
            default:
                return e.getErrorString() + " (errno " + e.getErrorNumber() + ")";
        }
    }

    @Override
    public void send(CanFrame frame) throws IOException {
        RawCanChannel c = channel;
        if (c == null) {
            throw new IOException(name() + ": not open");
        }
        try {
            c.write(JavaCanFrames.toJavaCan(frame));
        } catch (LinuxNativeOperationException e) {
            throw new IOException(name() + ": frame " + frame + " not sent: " + cause(e));
        }
    }

    @Override
    public Optional<Heard> receive() {
        while (true) {
            RawCanChannel c = channel;
            if (c == null || !c.isOpen()) {
                return Optional.empty();
            }
            try {
                Optional<Heard> h = JavaCanFrames.fromJavaCan(c.read());
                if (h.isPresent()) {
                    return h;
                }
            } catch (LinuxNativeOperationException e) {
                if (!e.mayTryAgain()) {
                    return Optional.empty(); // the interface went away: the line's reader opens it again
                }
                // no frame within READ_WAKE: look again whether we were closed
            } catch (IOException e) {
                return Optional.empty(); // closed by us
            }
        }
    }

    @Override
    public void close() {
        RawCanChannel c = channel;
        channel = null;
        if (c != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(RawCanChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing a socket that failed: nothing left to do with it
        }
    }
}
