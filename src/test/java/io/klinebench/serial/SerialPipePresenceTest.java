package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.time.Durations;
import io.klinebench.time.SystemClock;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A port that vanishes and comes back is said, not only logged: a {@link PortPresence.Gone} when
 * its reads end, a {@link PortPresence.Back} when it is open again, with how long it was away and
 * how many of our bytes a write refused meanwhile.
 */
class SerialPipePresenceTest {

    /** A port the test pulls out and plugs in again. */
    private static class Port implements PortChannel {
        volatile boolean present = true;
        volatile int opens;
        volatile boolean endReads;
        volatile boolean closedForGood;

        @Override
        public String name() {
            return "/dev/ttyUSB9";
        }

        @Override
        public void open() throws IOException {
            opens++;
            if (!present) {
                throw new IOException("no such port");
            }
        }

        @Override
        public void close() {}

        @Override
        public int read(byte[] buffer) {
            if (endReads || closedForGood) {
                endReads = false;
                return -1;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            return 0;
        }

        @Override
        public void write(int value) throws IOException {
            if (!present) {
                throw new IOException("not open");
            }
        }
    }

    @Test
    void goneAndBackAreSaidWithTheTimeAwayAndTheBytesThatCouldNotGo() throws Exception {
        Port port = new Port();
        List<PortPresence> said = new CopyOnWriteArrayList<>();
        CountDownLatch gone = new CountDownLatch(1);
        CountDownLatch back = new CountDownLatch(1);
        try (SystemClock clock = new SystemClock("presence")) {
            SerialPipe pipe = new SerialPipe(clock, port, false).onPresence(p -> {
                said.add(p);
                (p instanceof PortPresence.Gone ? gone : back).countDown();
            });
            pipe.start();
            pipe.write(0x80); // present: goes

            port.present = false;
            port.endReads = true; // unplugged: the read ends
            assertThat(gone.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> pipe.write(0x55)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> pipe.write(0xAA)).isInstanceOf(IOException.class);

            port.present = true; // plugged in again: the next try to open finds it
            assertThat(back.await(10, TimeUnit.SECONDS)).isTrue();
            port.closedForGood = true;
            pipe.close();
        }
        assertThat(said).hasSize(2);
        assertThat(said.get(0))
                .isEqualTo(new PortPresence.Gone(said.get(0).at(), "/dev/ttyUSB9", PortPresence.Gone.USUALLY));
        assertThat(said.get(1)).isInstanceOfSatisfying(PortPresence.Back.class, b -> {
            assertThat(b.port()).isEqualTo("/dev/ttyUSB9");
            assertThat(b.bytesNotSent()).isEqualTo(2);
            assertThat(b.awayNanos()).isEqualTo(b.at() - said.get(0).at()).isPositive();
        });
    }

    @Test
    void aPortThatCannotComeBackIsSaidSoOnceAndNotOpenedAgain() throws Exception {
        Port port = new Port() {
            @Override
            public Optional<String> cannotComeBack() {
                return Optional.of("it is a pty's own path");
            }
        };
        List<PortPresence> said = new CopyOnWriteArrayList<>();
        CountDownLatch gone = new CountDownLatch(1);
        try (SystemClock clock = new SystemClock("presence")) {
            SerialPipe pipe = new SerialPipe(clock, port, false).onPresence(p -> {
                said.add(p);
                gone.countDown();
            });
            pipe.start();
            int opened = port.opens;
            port.endReads = true; // its other end closed
            assertThat(gone.await(10, TimeUnit.SECONDS)).isTrue();
            port.present = true; // something else under the same name now
            Thread.sleep(3 * SerialPipe.BACKOFF_FIRST / Durations.MS); // a pipe that tried again would have by now
            assertThat(port.opens).as("opened again").isEqualTo(opened);
            pipe.close();
        }
        assertThat(said)
                .singleElement()
                .isEqualTo(new PortPresence.Gone(
                        said.get(0).at(), "/dev/ttyUSB9", "its other end closed; it is a pty's own path"));
    }
}
