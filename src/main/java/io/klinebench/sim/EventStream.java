package io.klinebench.sim;

import io.klinebench.config.IoCause;
import io.klinebench.time.Event;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events written out as lines, one per event, by a thread of its own: {@link #accept} is called
 * on the clock's thread, where the module's answer bytes are timed to the microsecond, and only
 * puts the event in a bounded queue. It never waits: when the output does not keep up (a
 * terminal scrolled back, a pipe nobody reads) events beyond {@link #CAPACITY} are left out and
 * the stream says how many ({@link SimEvent.EventsDropped}). The text of each line is made on the
 * writer thread by {@code format}; the writer is flushed whenever the queue is empty, and then
 * lets events gather for {@link #BATCH_MILLIS}, so a line is at most that much behind its event.
 *
 * <p>An output that refuses a write (a full disk, {@code /dev/full}, a stdout whose reader is
 * gone) ends the stream: nothing after it could be written in order. That is told to whoever
 * asked ({@link #whenFailed}) with the cause, once, so that the loss is said where it matters
 * and not only in the log.
 */
public final class EventStream implements AutoCloseable {

    public static final int CAPACITY = 65_536;

    /** How long the writer lets events gather after a flush: below what a person notices. */
    static final long BATCH_MILLIS = 20;

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);
    private static final Event END = () -> Long.MIN_VALUE;

    private final Writer out;
    private final Function<Event, String> format;
    private final boolean closeWriter;
    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private final CountDownLatch released;
    private volatile boolean failed;
    private volatile Consumer<String> whenFailed;
    private volatile boolean closed;
    private long lastAt;

    /**
     * @param closeWriter whether {@link #close} closes {@code out} (a file), or only flushes it (stdout)
     */
    public EventStream(String name, Writer out, Function<Event, String> format, boolean closeWriter) {
        this(name, out, format, closeWriter, false);
    }

    /**
     * A stream that takes events from now on but writes none until {@link #release}: so a
     * listener can be in place before anyone can act (the sim's control port, its link) while
     * its lines still come after what is printed before them (the sim's banner).
     */
    public static EventStream held(String name, Writer out, Function<Event, String> format, boolean closeWriter) {
        return new EventStream(name, out, format, closeWriter, true);
    }

    private EventStream(String name, Writer out, Function<Event, String> format, boolean closeWriter, boolean held) {
        this.out = out;
        this.format = format;
        this.closeWriter = closeWriter;
        this.released = new CountDownLatch(held ? 1 : 0);
        this.writer = new Thread(this::run, name);
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Tells {@code why} the cause, once, on the stream's own thread, when the output refuses a
     * write and the stream stops; set before the first event. Without it the stop is logged.
     */
    public EventStream whenFailed(Consumer<String> why) {
        this.whenFailed = why;
        return this;
    }

    /** Any thread, never blocks: queues the event for writing (or counts it as left out). */
    public void accept(Event e) {
        if (closed || failed) {
            return;
        }
        if (!queue.offer(e)) {
            dropped.incrementAndGet();
        }
    }

    /** Lets a {@link #held} stream write what it has taken and what comes. */
    public void release() {
        released.countDown();
    }

    private void run() {
        try {
            released.await();
            while (true) {
                Event e = queue.take();
                if (e == END) {
                    break;
                }
                long n = dropped.getAndSet(0);
                if (n > 0) {
                    write(new SimEvent.EventsDropped(lastAt, n));
                }
                lastAt = e.at();
                write(e);
                if (queue.isEmpty()) {
                    flush();
                    // A breath before the next take: the events of one exchange (frame received,
                    // answered, frame sent) then go out in one write and one wake-up of this
                    // thread, and the clock's thread, offering while nobody waits, signals nobody.
                    Thread.sleep(BATCH_MILLIS);
                }
            }
            long n = dropped.getAndSet(0);
            if (n > 0) {
                write(new SimEvent.EventsDropped(lastAt, n));
            }
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            fail(IoCause.of(e));
        } catch (RuntimeException e) {
            fail(e.toString());
        }
    }

    /**
     * Flushes; a {@link PrintWriter} (stdout) never throws, so its error flag is asked: a stdout
     * whose reader went would otherwise take every later event without a word.
     */
    private void flush() throws IOException {
        out.flush();
        if (out instanceof PrintWriter p && p.checkError()) {
            throw new IOException("the output refused a write (its reader gone?)");
        }
    }

    private void fail(String why) {
        failed = true;
        Consumer<String> told = whenFailed;
        if (told == null) {
            log.warn("event stream '{}' stopped: {}", writer.getName(), why);
        } else {
            log.debug("event stream '{}' stopped: {}", writer.getName(), why);
            told.accept(why);
        }
    }

    private void write(Event e) throws IOException {
        out.write(format.apply(e) + System.lineSeparator()); // one write: a line is never split by another writer's
    }

    /** Writes what is queued (waiting up to 5 s), then flushes or closes the writer. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        release();
        try {
            queue.offer(END, 5, TimeUnit.SECONDS);
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (closeWriter) {
                out.close();
            } else {
                out.flush();
            }
        } catch (IOException e) {
            log.debug("closing event stream '{}': {}", writer.getName(), e.getMessage());
        }
    }
}
