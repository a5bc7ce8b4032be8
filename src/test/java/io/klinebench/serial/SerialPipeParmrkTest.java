package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.kline.PortEndpoint;
import io.klinebench.line.Direction;
import io.klinebench.line.LineEvent;
import io.klinebench.time.Durations;
import io.klinebench.time.SystemClock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A pipe on a channel in PARMRK mode: reads are decoded, and the ECU's end takes a break for the fast-init wake-up. */
class SerialPipeParmrkTest {

    /** Hands out queued reads; written bytes are collected. */
    private static final class FakeParmrk implements PortChannel {
        final BlockingQueue<byte[]> reads = new LinkedBlockingQueue<>();
        final List<Integer> written = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override
        public String name() {
            return "fake-parmrk";
        }

        @Override
        public void open() {}

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public boolean parmrk() {
            return true;
        }

        @Override
        public int read(byte[] buffer) {
            try {
                byte[] r = null;
                while (r == null) {
                    if (closed) {
                        return -1;
                    }
                    r = reads.poll(20, TimeUnit.MILLISECONDS);
                }
                System.arraycopy(r, 0, buffer, 0, r.length);
                return r.length;
            } catch (InterruptedException e) {
                return -1;
            }
        }

        @Override
        public void write(int value) {
            written.add(value);
        }
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 5 * Durations.S;
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
    }

    @Test
    void breakIsA25msLowEndingAtTheReadAndFfFfIsOneByte() throws Exception {
        FakeParmrk ch = new FakeParmrk();
        List<LineEvent> events = new CopyOnWriteArrayList<>();
        try (SystemClock clock = new SystemClock("parmrk-test");
                SerialPipe pipe = new SerialPipe(clock, ch, true)) {
            PortEndpoint line = new PortEndpoint(clock, pipe, Direction.ECU);
            line.onReceive(events::add);
            pipe.start();
            ch.reads.add(bytes(0xFF, 0x00)); // a break split across two reads
            ch.reads.add(bytes(0x00));
            ch.reads.add(bytes(0x81, 0xFF));
            ch.reads.add(bytes(0xFF, 0xFF, 0x00, 0x3C));
            waitFor(() -> events.size() == 4);
        }
        assertThat(events.get(0)).isInstanceOf(LineEvent.Low.class);
        LineEvent.Low low = (LineEvent.Low) events.get(0);
        assertThat(low.durationNanos()).isEqualTo(25 * Durations.MS);
        assertThat(events.get(1)).isInstanceOf(LineEvent.Byte.class);
        assertThat(events.get(1).at() - low.at()).isGreaterThanOrEqualTo(25 * Durations.MS);
        assertThat(events.subList(1, 4))
                .extracting(e -> ((LineEvent.Byte) e).value())
                .containsExactly(0x81, 0xFF, 0x3C); // the framing error is taken as its byte
        // the echo carries the bytes as on the wire: no PARMRK marks, nothing for the break
        waitFor(() -> ch.written.size() >= 3);
        assertThat(ch.written).containsExactly(0x81, 0xFF, 0x3C);
    }
}
