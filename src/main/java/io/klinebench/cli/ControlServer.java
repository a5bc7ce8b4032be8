package io.klinebench.cli;

import io.klinebench.time.Durations;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sim's control port: a line protocol on TCP, bound to 127.0.0.1 only (never to every
 * interface: whoever reaches it drives the car).
 *
 * <pre>
 *   client                         server
 *   "ignition 2\n"          -&gt;     handler.apply("ignition 2")
 *                           &lt;-     "ok: ignition-changed from=0 to=2\n"
 *                                  (or "refused: no key in the ignition\n", "error: ...\n")
 * </pre>
 *
 * <p>The reply is the handler's; the sim's says what the car did (see {@code sim --help}).
 *
 * One command per line (UTF-8, "\n" or "\r\n"), one reply line per command, in order. Several
 * clients may be connected (up to {@link #MAX_CLIENTS}); the handler is called by one of
 * them at a time (never concurrently), on the connection's thread: a handler that must run
 * on the car's thread hands the work over and waits for it. A handler's exception becomes
 * {@code error: <message>}; a reply containing line breaks is put on one line. A line longer
 * than {@link #MAX_LINE} characters is answered with an error and skipped.
 *
 * <p>The limit never locks anyone out: when all {@link #MAX_CLIENTS} seats are taken, the
 * client silent the longest (no whole command since it last spoke, or since it came) gives
 * way to the newcomer, and is told so on its last line before it is closed:
 *
 * <pre>
 *   error: closed to make room for a new client: this one was silent the longest (93512ms; at most 16 clients)
 * </pre>
 *
 * A client with a command in hand is never closed; a newcomer is refused only if every seat
 * has one (the handler takes them one at a time, so that lasts no longer than 16 commands).
 * There is no idle timeout: a harness may well keep one connection for a whole session and
 * speak minutes apart, and a silent client costs nothing until someone needs its seat.
 */
public final class ControlServer implements AutoCloseable {

    public static final int MAX_CLIENTS = 16;
    public static final int MAX_LINE = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);

    private final ServerSocket server;
    private final Function<String, String> handler;
    private final Object handlerLock = new Object();
    private final Set<Seat> seats = ConcurrentHashMap.newKeySet();
    /** Orders the seats by when each was last heard, ties impossible (nanoTime can repeat). */
    private final AtomicLong heard = new AtomicLong();

    private final List<Thread> threads = new ArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    private ControlServer(ServerSocket server, Function<String, String> handler) {
        this.server = server;
        this.handler = handler;
        this.acceptor = new Thread(this::acceptLoop, "control-port-" + server.getLocalPort());
        acceptor.setDaemon(true);
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0: any free port, see {@link #port()}).
     *
     * @throws IOException when the port cannot be had (in use, not allowed)
     */
    public static ControlServer start(int port, Function<String, String> handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(loopback(), port), 50);
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        ControlServer cs = new ControlServer(s, handler);
        cs.acceptor.start();
        LOG.info("control port listening on {}", cs.address());
        return cs;
    }

    /** 127.0.0.1, whatever the JVM prefers (getLoopbackAddress may give ::1). */
    static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    /** The port actually listened on. */
    public int port() {
        return server.getLocalPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Clients connected now. */
    public int clientCount() {
        return seats.size();
    }

    /** Stops listening, disconnects every client and waits (briefly) for their threads. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(server);
        for (Seat seat : seats) {
            closeQuietly(seat.socket);
        }
        List<Thread> all;
        synchronized (threads) {
            all = new ArrayList<>(threads);
        }
        all.add(acceptor);
        for (Thread t : all) {
            if (t != Thread.currentThread()) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("control port: accept failed, no more clients: {}", e.getMessage());
                }
                return;
            }
            if (seats.size() >= MAX_CLIENTS && !makeRoom()) {
                refuse(client);
                continue;
            }
            Seat seat = new Seat(client, heard.incrementAndGet());
            seats.add(seat);
            if (closed) {
                closeQuietly(client);
                return;
            }
            Thread t = new Thread(() -> serve(seat), "control-client-" + client.getPort());
            t.setDaemon(true);
            synchronized (threads) {
                threads.removeIf(old -> !old.isAlive());
                threads.add(t);
            }
            t.start();
        }
    }

    /** Closes the seat silent the longest that has no command in hand; false when every seat has one. */
    private boolean makeRoom() {
        List<Seat> bySilence = new ArrayList<>(seats);
        bySilence.sort(Comparator.comparingLong(Seat::lastHeard));
        for (Seat seat : bySilence) {
            long silentNanos = System.nanoTime() - seat.lastHeardNanos();
            String why = "error: closed to make room for a new client: this one was silent the longest ("
                    + Durations.format(silentNanos / Durations.MS * Durations.MS) + "; at most " + MAX_CLIENTS
                    + " clients)";
            if (seat.giveWay(why)) {
                seats.remove(seat);
                LOG.info("control port: client {} closed to make room (silent the longest)", seat.address());
                return true;
            }
        }
        return false;
    }

    private static void refuse(Socket client) {
        try (client) {
            client.getOutputStream()
                    .write(("error: too many clients (at most " + MAX_CLIENTS
                                    + "), each with a command in hand; try again\n")
                            .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // it is gone already
        }
    }

    private void serve(Seat seat) {
        Socket client = seat.socket;
        LOG.debug("control port: client {} connected", client.getRemoteSocketAddress());
        try (client) {
            client.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            LineReader lines = new LineReader(in);
            while (!closed) {
                String line = lines.next();
                if (line == null || !seat.take()) {
                    break;
                }
                String reply = line == LineReader.TOO_LONG
                        ? "error: line longer than " + MAX_LINE + " characters"
                        : answer(line);
                try {
                    seat.answer(out, reply, heard.incrementAndGet());
                } catch (IOException e) {
                    seat.done(heard.incrementAndGet()); // the client is gone: its seat is not busy
                    throw e;
                }
            }
        } catch (SocketException e) {
            // closed by us or by the client
        } catch (IOException e) {
            LOG.debug("control port: client {}: {}", client.getRemoteSocketAddress(), e.getMessage());
        } finally {
            seats.remove(seat);
            LOG.debug("control port: client {} gone", client.getRemoteSocketAddress());
        }
    }

    private String answer(String line) {
        String command = line.strip();
        if (command.isEmpty()) {
            return "error: empty command";
        }
        String reply;
        try {
            synchronized (handlerLock) {
                reply = handler.apply(command);
            }
        } catch (RuntimeException e) {
            LOG.debug("control port: '{}' failed", command, e);
            reply = "error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        if (reply == null) {
            return "error: no reply";
        }
        return reply.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing: nothing more to do
        }
    }

    /**
     * One connected client: when it was last heard, and whether a command of its is in hand
     * (read, not yet answered). Its thread and the acceptor (making room) meet here, so that a
     * client is never closed between reading its command and answering it.
     */
    private static final class Seat {
        final Socket socket;
        private long lastHeard;
        private long lastHeardNanos = System.nanoTime();
        private boolean busy;
        private boolean gone;

        Seat(Socket socket, long order) {
            this.socket = socket;
            this.lastHeard = order;
        }

        synchronized long lastHeard() {
            return lastHeard;
        }

        synchronized long lastHeardNanos() {
            return lastHeardNanos;
        }

        Object address() {
            return socket.getRemoteSocketAddress();
        }

        /** A command came: false when the seat was given away first. */
        synchronized boolean take() {
            if (gone) {
                return false;
            }
            busy = true;
            return true;
        }

        /**
         * Writes the reply and marks the command answered in one step: the client may ask again
         * the moment it reads the reply, and the acceptor must then see this seat as heard and
         * free, not as still busy with a command it has already answered (it would close another
         * seat, silent for less long). One short line: the write does not wait for the client.
         */
        synchronized void answer(OutputStream out, String reply, long order) throws IOException {
            out.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            done(order);
        }

        /** The command is over (answered, or failed). */
        synchronized void done(long order) {
            busy = false;
            lastHeard = order;
            lastHeardNanos = System.nanoTime();
        }

        /** Says why and closes, unless a command is in hand. */
        synchronized boolean giveWay(String why) {
            if (busy || gone) {
                return false;
            }
            gone = true;
            try (socket) {
                // one short line: it fits the socket's buffer, the write does not wait for the client
                socket.getOutputStream().write((why + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // it is gone already: the seat is free all the same
            }
            return true;
        }
    }

    /** Lines of at most MAX_LINE characters, without holding more than that in memory. */
    private static final class LineReader {
        static final String TOO_LONG = new String("\0too long");

        private final InputStream in;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        LineReader(InputStream in) {
            this.in = in;
        }

        /** The next line, {@link #TOO_LONG}, or null at the end of the stream. */
        String next() throws IOException {
            buf.reset();
            boolean tooLong = false;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return buf.size() == 0 || tooLong ? null : finish();
                }
                if (b == '\n') {
                    return tooLong ? TOO_LONG : finish();
                }
                if (buf.size() >= MAX_LINE * 4) {
                    tooLong = true;
                } else {
                    buf.write(b);
                }
            }
        }

        private String finish() {
            String s = buf.toString(StandardCharsets.UTF_8);
            if (s.endsWith("\r")) {
                s = s.substring(0, s.length() - 1);
            }
            return s.length() > MAX_LINE ? TOO_LONG : s;
        }
    }
}
