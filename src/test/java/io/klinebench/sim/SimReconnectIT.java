package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.config.ProfileCatalog;
import io.klinebench.line.Hex;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.serial.JSerialCommChannel;
import io.klinebench.serial.PtyPair;
import io.klinebench.time.Event;
import io.klinebench.time.SystemClock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The port vanishing and coming back, as {@code sim --port LINK} sees it: the simulator opens a
 * symlink to a pty slave through jSerialComm (the test holds the master, as a USB adapter's other
 * side); the test closes the whole pty (the slave read returns -1, the link is removed), the
 * module is used while its port is gone, then a new pty appears at the same link. SerialPipe's
 * reopen with backoff (100 ms doubling to 2 s) must find it; the module keeps its state. The
 * sim's events say the port went and came back, with how long it was away.
 *
 * <p>Tolerances: the tester retries its request for up to 20 s after the port is back (the
 * backoff is at most 2 s per try); the slot counter exactly.
 */
class SimReconnectIT {

    private static final String PROFILE = "r50-r53-2005-2008";

    @TempDir
    Path dir;

    @Test
    void theModuleAnswersAgainWithItsStateAfterThePortCameBack() throws Exception {
        Path link = dir.resolve("ttyKLINE");
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        DiagnosticProfile diag = catalog.loadDiagnostics(PROFILE);
        PtyPair first = PtyPair.open(link);
        try (SystemClock clock = new SystemClock("it-sim")) {
            PortSimulator sim = PortSimulator.start(
                    catalog.load(PROFILE),
                    diag,
                    PortSimulator.defaultCar(),
                    clock,
                    new JSerialCommChannel(
                            link.toString(), diag.baud(), JSerialCommChannel.Framing.parse(diag.framing())),
                    PortSettings.virtualPair().echoBack(false),
                    t -> {},
                    null);
            List<Event> events = new CopyOnWriteArrayList<>();
            sim.onEvent(events::add);
            try {
                List<Event> seen;
                int before;
                try (SimProcess.Tester tester = new SimProcess.Tester(first.master(), PROFILE, false)) {
                    before = counter(tester.read("0B 41"));
                    sim.perform("press A unlock");
                    assertThat(counter(tester.read("0B 41"))).isEqualTo(before + 1);
                }
                first.close(); // the port vanishes: master and link gone
                assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
                Thread.sleep(700);
                sim.perform("press A unlock"); // used while its port is gone
                Thread.sleep(700);
                try (PtyPair second = PtyPair.open(link);
                        SimProcess.Tester tester = new SimProcess.Tester(second.master(), PROFILE, false)) {
                    String answer = null;
                    long end = System.nanoTime() + 20_000_000_000L;
                    while (answer == null && System.nanoTime() < end) {
                        PortTester.Exchange e = tester.tester.request(Hex.parse("0B 41"));
                        answer = e.answer().orElse(null);
                    }
                    assertThat(answer)
                            .as("an answer on the new pty within 20 s")
                            .isNotNull();
                    assertThat(counter(answer)).as("both presses counted").isEqualTo(before + 2);
                    assertThat(counter(tester.read("0B 41"))).isEqualTo(before + 2);
                    seen = List.copyOf(events); // before this pty closes too, which is a going of its own
                }
                assertThat(seen)
                        .filteredOn(e -> e instanceof SimEvent.PortGone)
                        .singleElement()
                        .isInstanceOfSatisfying(
                                SimEvent.PortGone.class,
                                g -> assertThat(g.port()).isEqualTo(link.toString()));
                SimEvent.PortBack back = (SimEvent.PortBack) seen.stream()
                        .filter(e -> e instanceof SimEvent.PortBack)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no port-back event in " + seen));
                // away at least the 1.4 s the test kept the link away, and after the port-gone event
                assertThat(back.awayNanos()).isGreaterThanOrEqualTo(1_400_000_000L);
                assertThat(seen.indexOf(back))
                        .isGreaterThan(seen.stream()
                                .filter(e -> e instanceof SimEvent.PortGone)
                                .map(seen::indexOf)
                                .findFirst()
                                .orElseThrow());
            } finally {
                sim.close();
            }
        }
    }

    /** CH CL of a slot record "A0 LL UU S3 S2 S1 S0 CH CL SY BT". */
    static int counter(String slot) {
        return SimProcess.at(slot, 7) << 8 | SimProcess.at(slot, 8);
    }
}
