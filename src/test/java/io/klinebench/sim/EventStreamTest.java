package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.car.CarEvent;
import io.klinebench.time.Event;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stream never makes the clock's thread wait, whatever the output does. */
class EventStreamTest {

    private static String text(Event e) {
        return e instanceof SimEvent.EventsDropped d ? "dropped " + d.count() : "n" + ((CarEvent.CycleCounted) e).n();
    }

    @Test
    void linesInOrderOnePerEventFlushedAtTheEnd() {
        StringWriter out = new StringWriter();
        EventStream s = new EventStream("test", out, EventStreamTest::text, true);
        for (int i = 1; i <= 3; i++) {
            s.accept(new CarEvent.CycleCounted(i, i, 4));
        }
        s.close();
        assertThat(out.toString().lines().toList()).containsExactly("n1", "n2", "n3");
    }

    @Test
    void aHeldStreamTakesEventsAtOnceAndWritesThemOnlyWhenReleased() throws Exception {
        StringWriter out = new StringWriter();
        EventStream s = EventStream.held("test", out, EventStreamTest::text, true);
        s.accept(new CarEvent.CycleCounted(1, 1, 4)); // an action before the banner is out
        Thread.sleep(3 * EventStream.BATCH_MILLIS);
        assertThat(out.toString()).as("nothing before release").isEmpty();
        out.write("banner\n");
        s.release();
        s.accept(new CarEvent.CycleCounted(2, 2, 4));
        s.close();
        assertThat(out.toString().lines().toList()).containsExactly("banner", "n1", "n2");
    }

    @Test
    void aStuckOutputNeverBlocksTheCallerAndTheStreamSaysWhatItLeftOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        StringWriter text = new StringWriter();
        Writer stuck = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                try {
                    release.await(); // a terminal nobody scrolls, a pipe nobody reads
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                text.write(buf, off, len);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        EventStream s = new EventStream("test", stuck, EventStreamTest::text, true);
        int n = EventStream.CAPACITY + 10_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            s.accept(new CarEvent.CycleCounted(i, i, 4));
        }
        long took = System.nanoTime() - start;
        assertThat(TimeUnit.NANOSECONDS.toMillis(took))
                .as("accepting %d events", n)
                .isLessThan(5_000);
        release.countDown();
        s.close();
        List<String> lines = text.toString().lines().toList();
        long shown = lines.stream().filter(l -> l.startsWith("n")).count();
        long dropped = lines.stream()
                .filter(l -> l.startsWith("dropped "))
                .mapToLong(l -> Long.parseLong(l.substring(8)))
                .sum();
        assertThat(shown + dropped).isEqualTo(n);
        assertThat(dropped).isPositive();
    }

    /** A full disk ({@code /dev/full}): the stream stops and says why to whoever asked, once. */
    @Test
    void anOutputThatRefusesAWriteStopsTheStreamAndSaysWhy() throws Exception {
        Writer full = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        BlockingQueue<String> told = new LinkedBlockingQueue<>();
        EventStream s = new EventStream("test", full, EventStreamTest::text, true).whenFailed(told::add);
        s.accept(new CarEvent.CycleCounted(1, 1, 4));
        assertThat(told.poll(5, TimeUnit.SECONDS)).isEqualTo("no space left on device");
        s.accept(new CarEvent.CycleCounted(2, 2, 4));
        s.close();
        assertThat(told).as("said once").isEmpty();
    }

    /** stdout as a PrintWriter never throws: its error flag is asked, or a stdout whose reader went takes every event in silence. */
    @Test
    void aPrintWriterThatRefusesAWriteIsTakenAsRefusingIt() throws Exception {
        OutputStream gone = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        BlockingQueue<String> told = new LinkedBlockingQueue<>();
        EventStream s = new EventStream("test", new PrintWriter(gone, true), EventStreamTest::text, false)
                .whenFailed(told::add);
        s.accept(new CarEvent.CycleCounted(1, 1, 4));
        assertThat(told.poll(5, TimeUnit.SECONDS)).isEqualTo("the output refused a write (its reader gone?)");
        s.close();
    }
}
