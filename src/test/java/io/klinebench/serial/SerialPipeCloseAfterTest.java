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
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A listener stopped right after an exchange: the exchange's last byte, carried before the stop,
 * reaches the reader a little after it (a pty's kernel queue, a loaded machine). Within the grace
 * asked for (the stamps' stated uncertainty) it is still read and delivered; a stop at once lost
 * it, and the listener called the last frame cut off.
 */
class SerialPipeCloseAfterTest {

    /**
     * A port whose one byte (0x90) is read when the test lets it: either a byte still on its way
     * (nothing held yet), or one the port already holds whose reader is slow to take it. Closed
     * before that, it reads -1.
     */
    private static final class Port implements PortChannel {
        final CountDownLatch byteComes = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);
        volatile int held;
        private boolean given;

        Port(boolean alreadyHeld) {
            held = alreadyHeld ? 1 : 0;
        }

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
                while (!given && closed.getCount() > 0) {
                    if (byteComes.await(1, TimeUnit.MILLISECONDS)) {
                        given = true;
                        held = 0;
                        buffer[0] = (byte) 0x90;
                        return 1;
                    }
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
    void aByteThatArrivesWithinTheGraceAfterTheStopIsStillDelivered() throws Exception {
        // the byte comes 50 ms after the stop was asked, well within its 1 s grace
        List<BytePipe.Arrival> heard = stopThenLetTheByteIn(new Port(false), Durations.S, 50, stop -> {});

        assertThat(heard)
                .singleElement()
                .isInstanceOfSatisfying(
                        BytePipe.Arrival.Bytes.class,
                        b -> assertThat(b.values()).containsExactly((byte) 0x90));
    }

    @Test
    void whatThePortAlreadyHoldsIsReadBeforeItClosesHoweverLateTheReaderRuns() throws Exception {
        // far past the 1 ms grace the byte still waits in the port, unread, and the stop waits for it
        List<BytePipe.Arrival> heard = stopThenLetTheByteIn(
                new Port(true), Durations.MS, 200, stop -> assertThat(stop).isNotDone());

        assertThat(heard).singleElement().isInstanceOf(BytePipe.Arrival.Bytes.class);
    }

    /**
     * Starts a pipe on {@code port}, asks it to stop after {@code grace}, lets the byte in {@code
     * byteAfterMillis} later (checking the stop first), and returns what the pipe delivered.
     */
    private static List<BytePipe.Arrival> stopThenLetTheByteIn(
            Port port, long grace, long byteAfterMillis, Consumer<CompletableFuture<Void>> beforeTheByte)
            throws Exception {
        List<BytePipe.Arrival> heard = new CopyOnWriteArrayList<>();
        try (SystemClock clock = new SystemClock("close-after")) {
            SerialPipe pipe = new SerialPipe(clock, port, false);
            pipe.onArrival(heard::add);
            pipe.start();

            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> pipe.closeAfter(grace));
            Thread.sleep(byteAfterMillis);
            beforeTheByte.accept(stop);
            port.byteComes.countDown();
            stop.get(10, TimeUnit.SECONDS);
            CountDownLatch delivered = new CountDownLatch(1);
            clock.schedule(clock.nanos(), delivered::countDown); // after every arrival the reader handed over
            assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
        }
        return heard;
    }
}
