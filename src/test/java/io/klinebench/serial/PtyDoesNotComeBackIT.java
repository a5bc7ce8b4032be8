package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.time.Durations;
import io.klinebench.time.SystemClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A port named by a pty's own path ({@code /dev/pts/N}) that vanishes is said gone for good and
 * not opened again: the kernel gives the number to the next pty opened, another program's, and a
 * module that opened the name again would take that pty and its lock. Seen in the test suite: a
 * module left running by a failed test took the next test's pty, whose tester then could not open
 * its own port ("busy or not permitted (error 11)"). A link to a pty can come back
 * ({@code SimReconnectIT}).
 */
class PtyDoesNotComeBackIT {

    @Test
    void aPipeOnAPtysOwnPathLeavesTheNextPtyGivenItsNumberAlone() throws Exception {
        PtyPair first = PtyPair.openPrivate();
        String path = first.slavePath();
        List<PortPresence> said = new CopyOnWriteArrayList<>();
        CountDownLatch gone = new CountDownLatch(1);
        List<PtyPair> others = new ArrayList<>();
        try (SystemClock clock = new SystemClock("it-gone")) {
            SerialPipe pipe = new SerialPipe(
                            clock, new JSerialCommChannel(path, 9600, JSerialCommChannel.Framing.N81), false)
                    .onPresence(p -> {
                        said.add(p);
                        gone.countDown();
                    });
            pipe.start();
            first.close(); // its other end closed: the pty ends
            assertThat(gone.await(10, TimeUnit.SECONDS)).as("said gone").isTrue();

            // The kernel gives the lowest free number: keep the others open until it gives this one.
            PtyPair same = null;
            for (int i = 0; i < 400 && same == null; i++) {
                PtyPair p = PtyPair.openPrivate();
                if (p.slavePath().equals(path)) {
                    same = p;
                } else {
                    others.add(p);
                    if (others.size() % 20 == 0) {
                        Thread.sleep(50); // the pipe may not have closed the old one yet
                    }
                }
            }
            assertThat(same).as("a new pty given %s", path).isNotNull();
            others.add(same);
            // a pipe that opened the name again would have by now (it tries after 100, 300, 700 ms)
            Thread.sleep(10 * SerialPipe.BACKOFF_FIRST / Durations.MS);
            JSerialCommChannel itsOwner = new JSerialCommChannel(path, 9600, JSerialCommChannel.Framing.N81);
            itsOwner.open(); // taken (error 11) when the pipe opened it again
            itsOwner.close();
            pipe.close();
        } finally {
            others.forEach(PtyPair::close);
        }
        assertThat(said)
                .singleElement()
                .isInstanceOfSatisfying(
                        PortPresence.Gone.class,
                        g -> assertThat(g.why())
                                .isEqualTo("its other end closed; a pty does not come back, and its number " + path
                                        + " goes to the next pty opened, another program's: not opened again"));
    }
}
