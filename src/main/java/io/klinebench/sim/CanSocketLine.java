package io.klinebench.sim;

import io.klinebench.dcan.CanSocket;
import io.klinebench.dcan.Slcan;
import io.klinebench.dcan.SlcanMessage;
import io.klinebench.serial.PortChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CanSocket} (a SocketCAN interface) as the line of an slcan adapter, so that the sim
 * and the tester reach it exactly as they reach a CANable ({@code slcan:PATH}): the same
 * frames, the same ISO-TP nodes, the same trace and the same timing verdicts. It is slcand the
 * other way round: slcand makes a SocketCAN interface of an slcan line; this makes an slcan
 * line of a SocketCAN interface.
 *
 * <pre>
 *   written  C, Sn, O, L, Z...   answered with a carriage return: the interface is open once
 *                                bound, its bit rate is set by ip link (D-CAN: 500 kbit/s)
 *            t line              the frame goes on the bus; answered z (taken) or, when the
 *                                socket refuses it, BEL, the refusal and its cause logged
 *            anything else       answered BEL, as an adapter does
 *   read     each frame the interface hears, as the adapter's line (t, T, r, R)
 * </pre>
 *
 * A frame read is stamped, as any byte on a port, when its line comes out of {@link #read}:
 * after the kernel had it, by the reader thread's wake-up, within the line's stated
 * uncertainty.
 */
public final class CanSocketLine implements PortChannel {

    private static final Logger log = LoggerFactory.getLogger(CanSocketLine.class);
    /** Queued when the socket is closed or gone: {@link #read} says -1. */
    private static final byte[] END = new byte[0];

    private final CanSocket socket;
    private final BlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();
    private final StringBuilder written = new StringBuilder();
    /** What {@link #read} took from the queue and has not handed out yet. */
    private byte[] pending = new byte[0];

    private int pendingAt;
    private Thread reader;

    public CanSocketLine(CanSocket socket) {
        this.socket = Objects.requireNonNull(socket, "socket");
    }

    @Override
    public String name() {
        return socket.name();
    }

    @Override
    public synchronized void open() throws IOException {
        socket.open();
        incoming.clear();
        Thread r = new Thread(this::receive, "can-reader " + socket.name());
        r.setDaemon(true);
        r.setPriority(Thread.MAX_PRIORITY);
        reader = r;
        r.start();
    }

    private void receive() {
        while (true) {
            Optional<CanSocket.Heard> h = socket.receive();
            if (h.isEmpty()) {
                incoming.add(END);
                return;
            }
            incoming.add(h.get().slcanLine().getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Override
    public void close() {
        socket.close();
        incoming.add(END);
        Thread r = reader;
        if (r != null && r != Thread.currentThread()) {
            try {
                r.join(2000); // the socket wakes its reader within its read timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public int read(byte[] buffer) {
        if (pendingAt == pending.length) {
            try {
                pending = incoming.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            pendingAt = 0;
            if (pending == END) {
                return -1;
            }
        }
        int n = Math.min(buffer.length, pending.length - pendingAt);
        System.arraycopy(pending, pendingAt, buffer, 0, n);
        pendingAt += n;
        return n;
    }

    @Override
    public synchronized void write(int value) throws IOException {
        if (value != Slcan.CR) {
            if (written.length() <= Slcan.LONGEST_LINE) {
                written.append((char) (value & 0xFF));
            }
            return;
        }
        String line = written.toString();
        written.setLength(0);
        answer(line);
    }

    private void answer(String line) {
        SlcanMessage m = Slcan.parse(line);
        if (m instanceof SlcanMessage.Frame f) {
            try {
                socket.send(f.frame());
                reply("z\r");
            } catch (IOException e) {
                log.warn("{}: answered BEL: {}", socket.name(), e.getMessage());
                reply("\u0007");
            }
        } else if (m instanceof SlcanMessage.Command || m instanceof SlcanMessage.Ok) {
            reply("\r");
        } else {
            log.warn("{}: answered BEL to \"{}\": not a D-CAN frame or a command", socket.name(), line);
            reply("\u0007");
        }
    }

    private void reply(String text) {
        incoming.add(text.getBytes(StandardCharsets.US_ASCII));
    }
}
