package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.BytePipe;
import io.klinebench.time.Durations;
import io.klinebench.time.SystemClock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A listener stopped right after an exchange: the exchange's last byte, carried before the stop,
 * reaches the reader a little after it (a pty's kernel queue, a loaded machine). Within the grace
 * asked for (the stamps' stated uncertainty) it is still read and delivered; a stop at once lost
 * it, and the listener called the last frame cut off.
 */
class SerialPipeCloseAfterTest {

    /** A port whose one byte becomes readable when the test lets it; closed, it reads -1. */
    private static final class Port implements PortChannel {
        final CountDownLatch byteArrives = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);
        private boolean given;

        @Override
        public String name() {
            return "port";
        }

        @Override
        public void open() {}

        @Override
        public void close() {
            closed.countDown();
        }

        @Override
        public int read(byte[] buffer) {
            try {
                if (!given) {
                    while (closed.getCount() > 0) {
                        if (byteArrives.await(1, TimeUnit.MILLISECONDS)) {
                            given = true;
                            buffer[0] = (byte) 0x90;
                            return 1;
                        }
                    }
                    return -1;
                }
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }

        @Override
        public void write(int value) {}
    }

    /** A port that already holds a byte when the stop comes, which its reader is slow to take. */
    private static final class SlowReaderPort implements PortChannel {
        final CountDownLatch readerRuns = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);
        volatile int held = 1;

        @Override
        public String name() {
            return "port";
        }

        @Override
        public void open() {}

        @Override
        public void close() {
            closed.countDown();
        }

        @Override
        public int available() {
            return held;
        }

        @Override
        public int read(byte[] buffer) {
            try {
                if (held > 0) {
                    readerRuns.await(); // a starved reader: it gets to run only when the test says
                    held = 0;
                    buffer[0] = (byte) 0x90;
                    return 1;
                }
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }

        @Override
        public void write(int value) {}
    }

    @Test
    void whatThePortAlreadyHoldsIsReadBeforeItClosesHoweverLateTheReaderRuns() throws Exception {
        SlowReaderPort port = new SlowReaderPort();
        List<BytePipe.Arrival> heard = new CopyOnWriteArrayList<>();
        try (SystemClock clock = new SystemClock("close-after")) {
            SerialPipe pipe = new SerialPipe(clock, port, false);
            pipe.onArrival(heard::add);
            pipe.start();

            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> pipe.closeAfter(Durations.MS));
            Thread.sleep(200); // far past the 1 ms grace: the byte waits in the port, unread
            assertThat(stop).isNotDone();
            port.readerRuns.countDown();
            stop.get(10, TimeUnit.SECONDS);
            CountDownLatch delivered = new CountDownLatch(1);
            clock.schedule(clock.nanos(), delivered::countDown);
            assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(heard).singleElement().isInstanceOf(BytePipe.Arrival.Bytes.class);
    }

    @Test
    void aByteThatArrivesWithinTheGraceAfterTheStopIsStillDelivered() throws Exception {
        Port port = new Port();
        List<BytePipe.Arrival> heard = new CopyOnWriteArrayList<>();
        try (SystemClock clock = new SystemClock("close-after")) {
            SerialPipe pipe = new SerialPipe(clock, port, false);
            pipe.onArrival(heard::add);
            pipe.start();

            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> pipe.closeAfter(Durations.S));
            Thread.sleep(50); // the byte comes 50 ms after the stop was asked, well within its 1 s grace
            port.byteArrives.countDown();
            stop.get(10, TimeUnit.SECONDS);
            CountDownLatch delivered = new CountDownLatch(1);
            clock.schedule(clock.nanos(), delivered::countDown); // after every arrival the reader handed over
            assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(heard)
                .singleElement()
                .isInstanceOfSatisfying(
                        BytePipe.Arrival.Bytes.class,
                        b -> assertThat(b.values()).containsExactly((byte) 0x90));
    }
}
