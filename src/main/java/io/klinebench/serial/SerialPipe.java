package io.klinebench.serial;

import io.klinebench.line.BaudEvidence;
import io.klinebench.line.BytePipe;
import io.klinebench.line.EchoShaper;
import io.klinebench.time.Clock;
import io.klinebench.time.Durations;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial port or a pty as a stamped byte pipe, in real time.
 *
 * <p>One dedicated reader thread blocks on the port, stamps every read with the clock right
 * after it returns, and hands what it read to the clock's loop ({@link #onArrival}). Writes go
 * out at once: the link layers schedule each byte at its instant (a pty does not pace bytes;
 * pacing is theirs).
 *
 * <p>On a real UART opened in PARMRK mode ({@link PortChannel#parmrk()}), reads are decoded by a
 * {@link ParmrkDecoder}: a break arrives as {@link Arrival.Break}; a byte with a framing (or
 * parity) error is logged and then taken as the byte the UART read (a garbled byte inside a
 * frame fails its checksum downstream, as it would on the car).
 *
 * <p>{@code echoBack}: every byte received is written straight back from the reader thread, as
 * the single K wire does (dumb-interface testers wait for their echo); a byte sent at a slow
 * baud (an init's) comes back when its bits would have left the wire. On a real K-line the
 * cable echoes and this stays off.
 *
 * <p>When the port vanishes (a read returns -1) the pipe logs a warning, keeps all state and
 * re-opens it with backoff (100 ms doubling to 2 s); or, when asked ({@link #endWhenGone}),
 * stops reading and says so.
 */
public final class SerialPipe implements BytePipe {

    private static final Logger log = LoggerFactory.getLogger(SerialPipe.class);
    static final long BACKOFF_FIRST = 100 * Durations.MS;
    private static final long BACKOFF_MAX = 2 * Durations.S;
    /** Below this baud a byte's time on the wire (8 ms and more) is worth keeping in its echo. */
    private static final int SLOW_BAUD = 1200;
    /** How long a stop waits for the reader to take what the port already holds. */
    static final long DRAIN_LIMIT = 2 * Durations.S;

    private final Clock clock;
    private final PortChannel channel;
    private final boolean echoBack;
    private volatile EchoShaper echoShaper = EchoShaper.AS_SENT;
    private Consumer<Arrival> listener = a -> {};
    /** Kept awake by every read, when the machine is watched; null otherwise. */
    private volatile CpuStopWatch machineWatch;

    private BaudWatch baudWatch;
    private long framingErrors;
    private volatile boolean running;
    private volatile boolean raise;
    /**
     * Whether {@link #start} has opened the port. A link may write before it (its model is built
     * first, and some links speak first: an slcan host opens its adapter): those bytes wait here
     * and go when the port opens, instead of being lost.
     */
    private volatile boolean opened;

    private final ArrayDeque<Integer> beforeOpen = new ArrayDeque<>();
    private Thread reader;
    private long slowLineFreeAt = Long.MIN_VALUE; // reader thread only
    private Runnable gone;
    private Consumer<PortPresence> presence = p -> {};
    /** Bytes of ours a write refused since the port was last said to go or come back. */
    private final AtomicLong notSent = new AtomicLong();

    /** @param echoBack write every received byte straight back (the simulator's side of a virtual pair) */
    public SerialPipe(Clock clock, PortChannel channel, boolean echoBack) {
        this.clock = clock;
        this.channel = channel;
        this.echoBack = echoBack;
    }

    /**
     * On a pty whose master we own: the tester's baud switches, as evidence of its inits. The
     * pipe starts the watch with itself and closes it with itself.
     */
    public SerialPipe watchBaud(BaudWatch watch) {
        this.baudWatch = watch;
        return this;
    }

    /**
     * When the port vanishes, stop reading and run {@code whenGone} on the clock's thread instead
     * of re-opening it: for a listener, whose account of the line must not silently skip the
     * time the port was away.
     */
    public SerialPipe endWhenGone(Runnable whenGone) {
        this.gone = whenGone;
        return this;
    }

    /**
     * Tells {@code whenGoneOrBack}, on the clock's loop, when the port vanishes and when it is
     * open again (with how long it was away and how many of our bytes could not go out).
     */
    public SerialPipe onPresence(Consumer<PortPresence> whenGoneOrBack) {
        this.presence = whenGoneOrBack;
        return this;
    }

    @Override
    public Optional<BaudEvidence> baudEvidence() {
        return Optional.ofNullable(baudWatch);
    }

    /** The tester's baud switches, when the pipe owns a pty master. */
    public Optional<BaudWatch> baudWatch() {
        return Optional.ofNullable(baudWatch);
    }

    /** Every read keeps {@code watch} awake: the machine is watched while this line is busy. */
    public void keepAwake(CpuStopWatch watch) {
        this.machineWatch = watch;
    }

    @Override
    public void onArrival(Consumer<Arrival> l) {
        this.listener = l;
    }

    @Override
    public String name() {
        return channel.name();
    }

    @Override
    public void start() throws IOException {
        channel.open();
        synchronized (beforeOpen) {
            while (!beforeOpen.isEmpty()) {
                channel.write(beforeOpen.poll());
            }
            opened = true;
        }
        running = true;
        reader = new Thread(raise ? this::raisedReadLoop : this::readLoop, "serial-reader " + channel.name());
        reader.setDaemon(true);
        reader.setPriority(Thread.MAX_PRIORITY);
        reader.start();
        if (baudWatch != null) {
            if (raise) {
                baudWatch.raised();
            }
            baudWatch.start();
        }
    }

    @Override
    public void close() {
        closeAfter(0);
    }

    /**
     * Stops reading {@code grace} nanoseconds from now (real time: this is a real transport). A
     * byte the line carried before the stop can reach us up to the transport's stated
     * uncertainty late (a pty hands bytes over through a kernel work queue; a loaded machine
     * runs it late), and a listener stopped right after an exchange must still count it: its
     * account would otherwise end one byte short and call the last frame cut off (seen under
     * load: 15 of an answer's 16 bytes). Bytes arriving meanwhile are read and delivered as
     * ever. Then, what the port already holds is read before it closes, however late this
     * process's reader runs (seen under load: 3 of 16 bytes read when the stop came, the rest
     * waiting in the kernel): those bytes were on the line before the stop. That wait is
     * bounded ({@link #DRAIN_LIMIT}); a line that keeps talking is cut there.
     */
    public void closeAfter(long grace) {
        if (grace > 0 && running) {
            try {
                Thread.sleep(grace / Durations.MS, (int) (grace % Durations.MS));
                long until = System.nanoTime() + DRAIN_LIMIT;
                while (running && channel.available() > 0 && System.nanoTime() < until) {
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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

    @Override
    public void write(int value) throws IOException {
        if (!opened) {
            synchronized (beforeOpen) {
                if (!opened) {
                    beforeOpen.add(value & 0xFF);
                    return;
                }
            }
        }
        try {
            channel.write(value & 0xFF);
        } catch (IOException e) {
            notSent.incrementAndGet();
            throw e;
        }
    }

    @Override
    public boolean setBreak(boolean on) {
        return channel.setBreak(on);
    }

    @Override
    public boolean setBaud(int baud) {
        return channel.setBaud(baud);
    }

    // ---- reading (reader thread) -------------------------------------------------------------

    /**
     * Before {@link #start}: the reader (and the baud watch) raise their threads first thing
     * ({@link ThreadPriority}): a byte read late is a byte stamped late. The clock's loop is the
     * caller's to raise.
     */
    public void raiseTimingThreads() {
        raise = true;
    }

    private void raisedReadLoop() {
        ThreadPriority.raiseToRealTime(); // refused only where the clock's raise was too, which the banner says
        readLoop();
    }

    private void readLoop() {
        byte[] buffer = new byte[256];
        ParmrkDecoder decoder = channel.parmrk() ? new ParmrkDecoder() : null;
        while (running) {
            int n = channel.read(buffer);
            long stamp = clock.nanos();
            CpuStopWatch watch = machineWatch;
            if (watch != null && n > 0) {
                watch.lineBusy();
            }
            if (n > 0) {
                PtyWorkers.lineBusy();
            }
            if (n < 0) {
                if (running && gone != null) {
                    running = false;
                    clock.schedule(stamp, gone);
                    return;
                }
                if (running && !reopen(stamp)) {
                    return; // gone for good, said
                }
                continue;
            }
            if (decoder != null) {
                List<ParmrkDecoder.Item> items = decoder.feed(stamp, buffer, n);
                if (echoBack) {
                    echo(dataBytes(items));
                }
                clock.schedule(stamp, () -> deliver(stamp, items));
                continue;
            }
            byte[] bytes = Arrays.copyOf(buffer, n);
            if (echoBack && n > 0) {
                echoWhenOffTheWire(bytes, stamp);
            }
            if (n > 0) {
                Arrival a = new Arrival.Bytes(stamp, bytes);
                clock.schedule(stamp, () -> listener.accept(a));
            }
        }
    }

    /**
     * Echoes {@code bytes} when they would have left a K wire. At the line's baud that is at once
     * (a pty hands a byte over in microseconds and a 10400-baud byte takes 1 ms). But a byte the
     * tester sent at a slow baud, a 5-baud address (2 s) or a 0x00 at 360 baud (28 ms), arrives
     * at once too, and an echo at once would tell the tester its byte was out long before it
     * could have been: a tester that waits for its echo then reckons W1 from it and gives up
     * before our 0x55 (seen with a third-party ISO 14230 tester). So such a byte is echoed at the
     * instant its bits would have ended: from the switch to that baud (or the end of the slow
     * byte before it), ten bits at that baud.
     */
    private void echoWhenOffTheWire(byte[] bytes, long stamp) {
        long offTheWire = slowBytesEnd(bytes.length, stamp);
        if (offTheWire <= stamp) {
            echo(bytes);
        } else {
            clock.schedule(offTheWire, () -> echo(bytes));
        }
    }

    /** When {@code n} bytes read at {@code stamp} would have ended, if the tester sends at a slow baud; else {@code stamp}. */
    private long slowBytesEnd(int n, long stamp) {
        if (baudWatch == null) {
            return stamp;
        }
        baudWatch.pollNow(); // the baud now: one ioctl, nothing allocated for a byte at the line's baud
        int baud = baudWatch.current();
        if (baud <= 0 || baud >= SLOW_BAUD) {
            return stamp;
        }
        List<BaudEvidence.Switch> switches = baudWatch.history();
        // The latest switch to this baud: the tester switched, then wrote. When the watch was not
        // polling, switchesNow saw that switch only now, after the byte was stamped; it was
        // still before the byte, which is then stamped as its beginning.
        BaudEvidence.Switch to = null;
        for (BaudEvidence.Switch s : switches) {
            to = s;
        }
        if (to == null || to.baud() != baud) {
            return stamp; // at this baud since before we watched: when the byte began is unknown
        }
        long begins = Math.max(Math.min(to.at(), stamp), slowLineFreeAt);
        long ends = begins + n * 10 * Durations.S / baud;
        slowLineFreeAt = ends;
        return Math.max(stamp, ends);
    }

    /**
     * What the tester hears of its own bytes where we echo them (an injected echo fault); as
     * sent unless told. Asked on the reader thread, so {@code shaper} is thread-safe.
     */
    public void shapeEcho(EchoShaper shaper) {
        this.echoShaper = shaper;
    }

    private void echo(byte[] sent) {
        byte[] bytes = echoShaper == EchoShaper.AS_SENT ? sent : shaped(sent);
        if (bytes.length == 0) {
            return;
        }
        try {
            channel.write(bytes, bytes.length);
        } catch (IOException e) {
            notSent.addAndGet(bytes.length);
            log.debug("echo not sent: {}", e.getMessage());
        }
    }

    private byte[] shaped(byte[] sent) {
        byte[] out = new byte[sent.length];
        int n = 0;
        for (byte b : sent) {
            int back = echoShaper.echoOf(b & 0xFF);
            if (back != EchoShaper.NONE) {
                out[n++] = (byte) back;
            }
        }
        return Arrays.copyOf(out, n);
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

    /**
     * Opens the vanished port again, trying with backoff until it is back or the pipe closes
     * (true), or says it cannot come back and does not try (false).
     */
    private boolean reopen(long goneAt) {
        Optional<String> never = channel.cannotComeBack();
        String why = never.map(w -> "its other end closed; " + w).orElse(PortPresence.Gone.USUALLY);
        notSent.set(0);
        clock.schedule(goneAt, () -> presence.accept(new PortPresence.Gone(goneAt, channel.name(), why)));
        channel.close();
        if (never.isPresent()) {
            log.warn("{} is gone: {}", channel.name(), why);
            return false;
        }
        log.warn("{} is gone; keeping all state and trying to open it again", channel.name());
        long delay = BACKOFF_FIRST;
        while (running) {
            try {
                Thread.sleep(delay / Durations.MS);
            } catch (InterruptedException e) {
                if (!running) {
                    return true;
                }
            }
            try {
                channel.open();
                long backAt = clock.nanos();
                long lost = notSent.getAndSet(0);
                log.warn(
                        "{} is back after {}; {} of our bytes could not be sent meanwhile",
                        channel.name(),
                        Durations.human(backAt - goneAt),
                        lost);
                clock.schedule(
                        backAt,
                        () -> presence.accept(new PortPresence.Back(backAt, channel.name(), backAt - goneAt, lost)));
                return true;
            } catch (IOException e) {
                delay = Math.min(BACKOFF_MAX, delay * 2);
                log.debug("{} still gone: {}", channel.name(), e.getMessage());
            }
        }
        return true;
    }

    /** On the clock's thread: one decoded PARMRK read, runs of data bytes and breaks in their order. */
    private void deliver(long stamp, List<ParmrkDecoder.Item> items) {
        byte[] run = new byte[items.size()];
        int n = 0;
        for (ParmrkDecoder.Item i : items) {
            if (i instanceof ParmrkDecoder.Data d) {
                run[n++] = (byte) d.value();
            } else if (i instanceof ParmrkDecoder.FramingError f) {
                framingError(f.value());
                run[n++] = (byte) f.value();
            } else {
                if (n > 0) {
                    listener.accept(new Arrival.Bytes(stamp, Arrays.copyOf(run, n)));
                    n = 0;
                }
                listener.accept(new Arrival.Break(stamp));
            }
        }
        if (n > 0) {
            listener.accept(new Arrival.Bytes(stamp, Arrays.copyOf(run, n)));
        }
    }

    private void framingError(int value) {
        framingErrors++;
        if (framingErrors == 1) {
            log.warn(
                    "{}: framing error on a byte read as {} (further ones are logged at debug level)",
                    channel.name(),
                    String.format("%02X", value));
        } else {
            log.debug("{}: framing error on a byte read as {}", channel.name(), String.format("%02X", value));
        }
    }
}
