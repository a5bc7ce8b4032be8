package io.klinebench.serial;

import io.klinebench.line.Direction;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.LineEvent;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.Clock;
import io.klinebench.time.Durations;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One end of a K-line on a serial port or a pty, in real time.
 *
 * <p>One dedicated reader thread blocks on the port, stamps every read with the clock right
 * after it returns, and hands the bytes to the clock's loop, where the listener sees them as
 * {@link LineEvent}s. {@link #send} writes one byte now: the link layers schedule each byte at
 * its P1/P2/P4 instant (a pty does not pace bytes; pacing is ours).
 *
 * <p>A pty carries no break and no 5-baud timing, so on the ECU side ({@link #detectInits})
 * the wake-ups testers use on a pty are recognised while the ECU waits for an init:
 * <pre>
 *   0x00 after >= 20 ms idle            -> Low(at - 25 ms, 25 ms)     (0x00 at 360 baud = 25 ms low)
 *   the ECU address alone after >= W5   -> SlowByte(at - 2 s, 2 s)    (sent when its 5-baud time ends)
 * </pre>
 * With a {@link BaudWatch} ({@link #watchBaud}, the simulator owning the pty master), the
 * tester's baud switches are evidence and come first; the rules above stay as the fallback:
 * <ol>
 *   <li>The baud the tester was at when the byte was sent: the last change seen at or before
 *       the byte if it was to 360 or 5 baud within {@link #BAUD_RECENT}; else the first change
 *       seen at most {@link #BAUD_SLACK} after it (the watch polls every 0.25 ms and the byte
 *       can beat the poll); else the last change before it if within BAUD_RECENT; else none.
 *   <li>About 360 baud (+-5 %) and the byte is 0x00: the wake-up, placed at the switch:
 *       Low(switch, 9 bits at that baud = 25 ms).
 *   <li>About 5 baud: a 5-baud byte (any value: the link layer judges the address), placed at
 *       the switch: SlowByte(switch, 10 bits at that baud = 2 s).
 *   <li>Any other baud with a recent switch to it: no evidence of an init; the fallback decides.
 *   <li>Fallback (a tester that just writes 0x00 or the address on a pty without switching, or
 *       the watch could not read the baud): the rules above.
 * </ol>
 * So a 0x00 sent at 5 baud is never a fast init, and an address sent at 360 baud never a 5-baud init.
 * On the tester side, {@link #sendLow} and {@link #sendSlow} write those same bytes at the end
 * of the low time or of the 5-baud byte, and swallow their echo when the line echoes.
 *
 * <p>On a real UART opened in PARMRK mode ({@link PortChannel#parmrk()}), reads are decoded
 * by a {@link ParmrkDecoder}: a break (how testers with a UART send the fast-init wake-up)
 * becomes {@code Low(at - 25 ms, 25 ms)}, whether or not an init is awaited; see
 * {@link #received(long, List)}.
 *
 * <p>{@code echoBack}: every byte received is written straight back from the reader thread, as
 * the single K wire does (dumb-interface testers wait for their echo). On a real K-line the
 * cable echoes and this stays off.
 *
 * <p>When the port vanishes (a read returns -1) the line logs a warning, keeps all state and
 * re-opens it with backoff (100 ms doubling to 2 s).
 */
public final class SerialLine implements LineEndpoint, AutoCloseable {

    /** Idle needed before a 0x00 counts as a fast-init wake-up. */
    public static final long WAKE_UP_IDLE = 20 * Durations.MS;
    /** K low of a fast-init wake-up (TiniL). */
    public static final long WAKE_UP_LOW = 25 * Durations.MS;
    /**
     * When the tester writes its wake-up byte on a line without break: a 0x00 at 360 baud
     * ends when the 25 ms low ends, so it is written at the end of the low time, plus this.
     * The ECU places the low 25 ms before the byte's arrival, so TWuP is measured as
     * (StartCommunication's first byte - wake-up byte) + 25 ms. Measured on a pty, the first
     * byte of StartCommunication arrives about 0.7 ms later relative to the wake-up byte than
     * scheduled; writing the wake-up byte 0.7 ms late centres TWuP near 50 ms, inside its
     * +-1 ms with a millisecond of reader jitter to spare on either side.
     */
    public static final long WAKE_UP_BYTE_DELAY = 700 * Durations.US;

    /** A baud switch this long before a byte still says what the byte was sent at. */
    public static final long BAUD_RECENT = 100 * Durations.MS;
    /** A switch seen up to this long after a byte's arrival was made before it (poll lag). */
    public static final long BAUD_SLACK = 2 * Durations.MS;
    /** How often the loop tells the watch whether an init is awaited. */
    private static final long WATCH_TICK = 5 * Durations.MS;

    private static final Logger log = LoggerFactory.getLogger(SerialLine.class);
    private static final long BACKOFF_FIRST = 100 * Durations.MS;
    private static final long BACKOFF_MAX = 2 * Durations.S;

    private final Clock clock;
    private final PortChannel channel;
    private final Direction local;
    private final boolean echoBack;
    private Consumer<LineEvent> listener = e -> {};
    private Consumer<TraceEntry> traceListener = t -> {};

    // ECU side: init detection (read on the loop thread only)
    private int initAddress = -1;
    private long w5 = 300 * Durations.MS;
    private BooleanSupplier awaitingInit = () -> false;
    // tester side: our own out-of-band bytes come back on an echoing line
    private boolean hearsOwnBytes;
    private final ArrayDeque<Integer> ownEcho = new ArrayDeque<>();

    private BaudWatch baudWatch;
    private long lastActivity;
    private long framingErrors;
    private volatile boolean running;
    private Thread reader;

    /**
     * @param local    who is on this end (ECU for the simulator, TESTER for the tester command)
     * @param echoBack write every received byte straight back (simulator side of a virtual pair)
     */
    public SerialLine(Clock clock, PortChannel channel, Direction local, boolean echoBack) {
        this.clock = clock;
        this.channel = channel;
        this.local = local;
        this.echoBack = echoBack;
        this.lastActivity = clock.nanos();
    }

    /** ECU side: recognise pty wake-ups for {@code address} while {@code awaiting} says an init is awaited. */
    public SerialLine detectInits(int address, long w5Min, BooleanSupplier awaiting) {
        this.initAddress = address;
        this.w5 = w5Min;
        this.awaitingInit = awaiting;
        return this;
    }

    /**
     * ECU side on a pty whose master we own: use the tester's baud switches as evidence of its
     * inits (see the class comment). The line starts the watch and asks it to poll while an
     * init is awaited; closing the line closes the watch.
     */
    public SerialLine watchBaud(BaudWatch watch) {
        this.baudWatch = watch;
        return this;
    }

    public Optional<BaudWatch> baudWatch() {
        return Optional.ofNullable(baudWatch);
    }

    /** Tester side: the line echoes, so the wake-up and 5-baud bytes we write come back and are dropped. */
    public SerialLine hearsOwnBytes(boolean echoes) {
        this.hearsOwnBytes = echoes;
        return this;
    }

    /** Every byte read or written, on the clock's thread. */
    public void onTrace(Consumer<TraceEntry> l) {
        this.traceListener = l;
    }

    @Override
    public void onReceive(Consumer<LineEvent> l) {
        this.listener = l;
    }

    public String portName() {
        return channel.name();
    }

    /** Opens the port and starts the reader. Throws with the port's own explanation. */
    public void start() throws IOException {
        channel.open();
        running = true;
        reader = new Thread(this::readLoop, "serial-reader " + channel.name());
        reader.setDaemon(true);
        reader.setPriority(Thread.MAX_PRIORITY);
        reader.start();
        if (baudWatch != null) {
            baudWatch.start();
            clock.schedule(clock.nanos(), this::watchTick);
        }
    }

    /** On the loop: the watch polls while an init is awaited (awaitingInit is loop-only state). */
    private void watchTick() {
        if (!running) {
            return;
        }
        baudWatch.want(initAwaited());
        clock.schedule(clock.nanos() + WATCH_TICK, this::watchTick);
    }

    private boolean initAwaited() {
        return initAddress >= 0 && awaitingInit.getAsBoolean();
    }

    @Override
    public void close() {
        running = false;
        channel.close();
        if (baudWatch != null) {
            baudWatch.close();
        }
        Thread r = reader;
        if (r != null && r != Thread.currentThread()) {
            r.interrupt();
            try {
                r.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- sending (clock thread) ------------------------------------------------------------

    @Override
    public void send(int value) {
        write(value & 0xFF);
    }

    @Override
    public void sendLow(long durationNanos) {
        // A real cable: K held low (a break) for the whole TiniL, as ISO 14230-2 draws it.
        if (channel.setBreak(true)) {
            long start = clock.nanos();
            traceListener.accept(new TraceEntry(start, local, TraceEntry.Kind.LOW, -1, durationNanos));
            clock.schedule(start + durationNanos, () -> channel.setBreak(false));
            return;
        }
        // A pty carries no break: the 0x00 a tester sends at 360 baud instead, written when
        // its low time ends (see WAKE_UP_BYTE_DELAY).
        clock.schedule(clock.nanos() + durationNanos + WAKE_UP_BYTE_DELAY, () -> writeOwn(0x00));
    }

    @Override
    public void sendSlow(int value) {
        long start = clock.nanos();
        if (channel.setBreak(false)) {
            // A real cable: the byte bit by bit at 5 baud (200 ms a bit), K low for a 0 bit:
            // start bit, 8 data bits LSB first, stop bit (UARTs cannot do 5 baud themselves).
            traceListener.accept(
                    new TraceEntry(start, local, TraceEntry.Kind.SLOW, value & 0xFF, LineEvent.SlowByte.DURATION));
            long bit = LineEvent.SlowByte.DURATION / 10;
            for (int i = 0; i < 10; i++) {
                boolean low = i == 0 || (i < 9 && ((value >> (i - 1)) & 1) == 0);
                clock.schedule(start + i * bit, () -> channel.setBreak(low));
            }
            clock.schedule(start + LineEvent.SlowByte.DURATION, () -> channel.setBreak(false));
            return;
        }
        // A pty: the byte at once when its two seconds are over (it arrives whole anyway).
        clock.schedule(start + LineEvent.SlowByte.DURATION, () -> writeOwn(value & 0xFF));
    }

    private void writeOwn(int value) {
        if (hearsOwnBytes) {
            ownEcho.add(value);
        }
        write(value);
    }

    private void write(int value) {
        try {
            channel.write(value);
        } catch (IOException e) {
            long now = clock.nanos();
            lastActivity = now;
            log.debug("byte {} not sent: {}", value, e.getMessage()); // after the attempt, never before
            return;
        }
        long now = clock.nanos();
        lastActivity = now;
        traceListener.accept(TraceEntry.ofByte(now, local, value));
    }

    // ---- receiving ---------------------------------------------------------------------------

    private void readLoop() {
        byte[] buffer = new byte[256];
        ParmrkDecoder decoder = channel.parmrk() ? new ParmrkDecoder() : null;
        while (running) {
            int n = channel.read(buffer);
            long stamp = clock.nanos();
            if (n < 0) {
                if (running) {
                    reopen();
                }
                continue;
            }
            if (decoder != null) {
                List<ParmrkDecoder.Item> items = decoder.feed(stamp, buffer, n);
                if (echoBack) {
                    echo(dataBytes(items));
                }
                clock.schedule(stamp, () -> received(stamp, items));
                continue;
            }
            if (echoBack && n > 0) {
                echo(Arrays.copyOf(buffer, n));
            }
            byte[] bytes = Arrays.copyOf(buffer, n);
            clock.schedule(stamp, () -> received(stamp, bytes));
        }
    }

    private void echo(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        try {
            channel.write(bytes, bytes.length);
        } catch (IOException e) {
            log.debug("echo not sent: {}", e.getMessage());
        }
    }

    /** The bytes of a PARMRK read as they were on the wire (a break has none). */
    private static byte[] dataBytes(List<ParmrkDecoder.Item> items) {
        byte[] out = new byte[items.size()];
        int n = 0;
        for (ParmrkDecoder.Item i : items) {
            if (i instanceof ParmrkDecoder.Data d) {
                out[n++] = (byte) d.value();
            } else if (i instanceof ParmrkDecoder.FramingError f) {
                out[n++] = (byte) f.value();
            }
        }
        return Arrays.copyOf(out, n);
    }

    private void reopen() {
        log.warn("{} is gone; keeping all state and trying to open it again", channel.name());
        channel.close();
        long delay = BACKOFF_FIRST;
        while (running) {
            try {
                Thread.sleep(delay / Durations.MS);
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            }
            try {
                channel.open();
                log.warn("{} is back", channel.name());
                return;
            } catch (IOException e) {
                delay = Math.min(BACKOFF_MAX, delay * 2);
                log.debug("{} still gone: {}", channel.name(), e.getMessage());
            }
        }
    }

    /** On the clock's thread: trace, classify and deliver each byte of one read. */
    private void received(long stamp, byte[] bytes) {
        for (byte value : bytes) {
            receivedByte(stamp, value & 0xFF, bytes.length == 1);
        }
    }

    /**
     * On the clock's thread: one decoded PARMRK read. A break becomes the fast-init wake-up
     * {@code Low(stamp - 25 ms, 25 ms)}: a UART reports a break when K goes back high, and says
     * nothing of how long it was low, so TiniL is not measured here and the ECU's TiniL check
     * passes by construction; TWuP, counted from the end of the low (this stamp), is measured
     * as on any line. A byte with a framing (or parity) error is logged and then taken as the
     * byte the UART read (a garbled byte inside a frame fails its checksum downstream, as it
     * would on the car).
     */
    private void received(long stamp, List<ParmrkDecoder.Item> items) {
        int data = 0;
        for (ParmrkDecoder.Item i : items) {
            if (!(i instanceof ParmrkDecoder.Break)) {
                data++;
            }
        }
        for (ParmrkDecoder.Item i : items) {
            if (i instanceof ParmrkDecoder.Data d) {
                receivedByte(stamp, d.value(), data == 1);
            } else if (i instanceof ParmrkDecoder.FramingError f) {
                framingErrors++;
                if (framingErrors == 1) {
                    log.warn(
                            "{}: framing error on a byte read as {} (further ones are logged at debug level)",
                            channel.name(),
                            String.format("%02X", f.value()));
                } else {
                    log.debug(
                            "{}: framing error on a byte read as {}", channel.name(), String.format("%02X", f.value()));
                }
                receivedByte(stamp, f.value(), data == 1);
            } else {
                lastActivity = stamp;
                LineEvent e = new LineEvent.Low(stamp - WAKE_UP_LOW, WAKE_UP_LOW);
                traceListener.accept(TraceEntry.of(local.other(), e));
                listener.accept(e);
            }
        }
    }

    private void receivedByte(long stamp, int b, boolean alone) {
        long idle = stamp - lastActivity;
        lastActivity = stamp;
        Integer own = ownEcho.peek();
        if (own != null && own == b) {
            traceListener.accept(TraceEntry.ofByte(stamp, local.other(), b));
            ownEcho.poll();
            return;
        }
        LineEvent e = classify(b, stamp, idle, alone);
        // A wake-up or 5-baud address is traced as what it stands for, so that the
        // validator judges it as an init and not as the first byte of a frame.
        traceListener.accept(
                e instanceof LineEvent.Byte
                        ? TraceEntry.ofByte(stamp, local.other(), b)
                        : TraceEntry.of(local.other(), e));
        listener.accept(e);
    }

    private LineEvent classify(int b, long stamp, long idle, boolean alone) {
        if (!initAwaited()) {
            return new LineEvent.Byte(stamp, b);
        }
        List<BaudWatch.Change> changes = null;
        if (baudWatch != null) {
            baudWatch.pollNow(); // a switch just before this byte may not be polled yet
            baudWatch.want(true);
            changes = baudWatch.history();
        }
        return classify(b, stamp, idle, alone, initAddress, w5, changes);
    }

    /**
     * The init rules (class comment) for a byte while an init is awaited; {@code changes} is the
     * watch's history (oldest first), or null without a watch.
     */
    static LineEvent classify(
            int b, long stamp, long idle, boolean alone, int initAddress, long w5, List<BaudWatch.Change> changes) {
        BaudWatch.Change sentAt = changes == null ? null : baudWhenSent(changes, stamp);
        if (sentAt != null) {
            if (near(sentAt.baud(), 360) && b == 0x00) {
                long low = bits(9, sentAt.baud());
                return new LineEvent.Low(sentAt.at(), low);
            }
            if (near(sentAt.baud(), 5)) {
                return new LineEvent.SlowByte(sentAt.at(), bits(10, sentAt.baud()), b);
            }
            if (near(sentAt.baud(), 360)) {
                return new LineEvent.Byte(stamp, b); // sent at 360 baud but not 0x00: no 5-baud address either
            }
        }
        if (b == 0x00 && idle >= WAKE_UP_IDLE) {
            return new LineEvent.Low(stamp - WAKE_UP_LOW, WAKE_UP_LOW);
        }
        if (b == initAddress && alone && idle >= w5) {
            return new LineEvent.SlowByte(stamp - LineEvent.SlowByte.DURATION, LineEvent.SlowByte.DURATION, b);
        }
        return new LineEvent.Byte(stamp, b);
    }

    /** The switch that says at what baud a byte arriving at {@code stamp} was sent, or null when none is recent. */
    static BaudWatch.Change baudWhenSent(List<BaudWatch.Change> changes, long stamp) {
        BaudWatch.Change before = null;
        BaudWatch.Change after = null;
        for (BaudWatch.Change c : changes) {
            if (c.at() <= stamp) {
                before = c;
            } else if (after == null && c.at() - stamp <= BAUD_SLACK) {
                after = c;
            }
        }
        boolean recent = before != null && stamp - before.at() <= BAUD_RECENT;
        if (recent && (near(before.baud(), 360) || near(before.baud(), 5))) {
            return before;
        }
        if (after != null) {
            return after; // the byte beat the poll of its own switch
        }
        return recent ? before : null;
    }

    private static boolean near(int baud, int nominal) {
        return Math.abs(baud - nominal) * 20 <= nominal; // +-5 %
    }

    private static long bits(int n, int baud) {
        return n * Durations.S / baud;
    }
}
