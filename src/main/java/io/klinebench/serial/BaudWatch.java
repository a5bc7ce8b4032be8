package io.klinebench.serial;

import io.klinebench.line.BaudEvidence;
import io.klinebench.time.Durations;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Watches the baud rate the tester sets on the slave of our pty ({@link PtyPair#slaveBaud}):
 * a tester switches to 360 baud to send its fast-init 0x00 and to 5 baud to send a 5-baud
 * address, and a pty carries neither timing, only the byte. The switch is the timing.
 *
 * <p>One daemon thread polls the baud every {@link #PERIOD} (0.5 ms asked; parkNanos with the
 * default 50 us timer slack makes it about 0.55 ms), but only while asked ({@link #watch}): the
 * ECU side asks while it awaits an init, and the watch lingers {@link #LINGER} afterwards, so it
 * also sees the tester switch back after a fast init (~25 ms later) or a 5-baud address (~2 s);
 * and on a pty only while a tester has the slave open ({@link PtyPair#testerConnected}).
 * Otherwise the thread parks and costs nothing.
 *
 * <p>Why 0.5 ms: the shortest baud phase to see is one byte at 360 baud (25 ms), and the switch
 * that matters (to 360 or 5 baud) is followed at once by the byte it sends, whose classifier
 * reads the baud itself ({@link #switchesNow}): that switch is stamped within the byte's read
 * latency (~0.1 ms) whatever the period. The period only bounds how late the other switches
 * (back to 10400) are stamped. Measured on the 2-core build machine: 0.25 ms cost about 7 % of
 * one core while polling (the wake-ups, not the ioctl of a few microseconds); 0.5 ms about 5 %,
 * about 1,600 polls a second. Not free: the ECU awaits an init whenever no session runs, so a
 * tester connected but silent pays it; with no tester there, nothing is polled.
 *
 * <p>Each change is stamped with the time source (System.nanoTime()) when it was seen; the
 * real switch happened within one poll before. The last {@link #KEEP} changes are kept. When the
 * watch (re)starts, the baud it reads first is the baseline, not a change: when it changed is unknown.
 */
public final class BaudWatch implements BaudEvidence, AutoCloseable {

    /** Poll period while watching. */
    public static final long PERIOD = 500 * Durations.US;
    /** How long the watch goes on after {@link #watch watch(false)}: a 5-baud byte (2 s) and W1. */
    public static final long LINGER = 2500 * Durations.MS;
    /** Switches kept. */
    public static final int KEEP = 8;

    /**
     * How long the thread parks while it has nothing to watch: it is unparked when asked to
     * watch ({@link #watch}), when a tester opens the slave ({@link #of}) and when closed, so
     * this only bounds a wake-up that was somehow missed; a second costs nothing while idle.
     */
    private static final long IDLE_PARK = 1000 * Durations.MS;

    private final IntSupplier source;
    private final LongSupplier now;
    private final BooleanSupplier testerThere;
    private final ArrayDeque<Switch> changes = new ArrayDeque<>();
    private final Thread thread;
    private volatile long wantedUntil = Long.MIN_VALUE;
    private volatile boolean closed;
    private volatile boolean polling;
    private volatile boolean raise;
    private int current = -1; // guarded by this
    private long polls; // guarded by this

    /** Watches {@code source} (a baud, or -1 when unreadable), stamping with System.nanoTime(). */
    public BaudWatch(IntSupplier source, String name) {
        this(source, System::nanoTime, () -> true, name);
    }

    BaudWatch(IntSupplier source, LongSupplier now, String name) {
        this(source, now, () -> true, name);
    }

    /** @param testerThere whether anyone can be switching the baud now (someone has the slave open) */
    BaudWatch(IntSupplier source, LongSupplier now, BooleanSupplier testerThere, String name) {
        this.source = source;
        this.now = now;
        this.testerThere = testerThere;
        this.thread = new Thread(this::run, "baud-watch " + name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    /**
     * Watches a pty's slave while a tester has it open: with nobody there, nobody switches the
     * baud, and an idle simulator costs nothing. A tester's open wakes the watch at once.
     */
    public static BaudWatch of(PtyPair pty) {
        BaudWatch w = new BaudWatch(pty::slaveBaud, System::nanoTime, pty::testerConnected, pty.slavePath());
        pty.onTesterOpen(() -> LockSupport.unpark(w.thread));
        return w;
    }

    public BaudWatch start() {
        thread.start();
        return this;
    }

    /**
     * Before {@link #start}: the watch raises its thread first thing ({@link ThreadPriority}), as
     * the reader does: a switch it sees late is a wake-up placed late.
     */
    public BaudWatch raised() {
        raise = true;
        return this;
    }

    /**
     * Any thread: {@code true} = poll from now on, until told otherwise; {@code false} = go on
     * for {@link #LINGER} more (a fast init's switch back comes ~25 ms after the switch to 360
     * baud, a 5-baud address's after 2 s), then park.
     */
    @Override
    public void watch(boolean closely) {
        if (closely) {
            boolean was = now.getAsLong() < wantedUntil;
            wantedUntil = Long.MAX_VALUE;
            if (!was) {
                LockSupport.unpark(thread);
            }
        } else if (wantedUntil == Long.MAX_VALUE) {
            wantedUntil = now.getAsLong() + LINGER;
        }
    }

    @Override
    public List<Switch> switchesNow() {
        pollNow();
        return history();
    }

    /** True while the thread polls. */
    public boolean polling() {
        return polling;
    }

    /** The polling thread (for CPU measurements). */
    Thread thread() {
        return thread;
    }

    /** The last changes, oldest first. */
    public synchronized List<Switch> history() {
        return List.copyOf(changes);
    }

    /** The baud last read, -1 before the first read or when unreadable. */
    public synchronized int current() {
        return current;
    }

    /** Polls done so far (for cost measurements). */
    public synchronized long polls() {
        return polls;
    }

    /**
     * Reads the baud now and records a change (any thread): the classifier calls this so that a
     * switch made just before a byte is not missed because the watch thread had not polled yet.
     */
    public synchronized void pollNow() {
        int baud = source.getAsInt();
        long at = now.getAsLong();
        polls++;
        if (baud <= 0) {
            return; // unreadable: no evidence either way
        }
        if (current > 0 && baud != current) {
            changes.addLast(new Switch(at, baud));
            while (changes.size() > KEEP) {
                changes.removeFirst();
            }
        }
        current = baud;
    }

    private synchronized void rebase() {
        int baud = source.getAsInt();
        polls++;
        current = baud > 0 ? baud : -1;
    }

    private void run() {
        if (raise) {
            ThreadPriority.raiseCurrentThread(); // refused only where the clock's raise was too, which the banner says
        }
        boolean was = false;
        while (!closed) {
            if (now.getAsLong() < wantedUntil && testerThere.getAsBoolean()) {
                if (!was) {
                    rebase();
                    was = true;
                    polling = true;
                } else {
                    pollNow();
                }
                LockSupport.parkNanos(PERIOD);
            } else {
                was = false;
                polling = false;
                LockSupport.parkNanos(IDLE_PARK);
            }
        }
        polling = false;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
