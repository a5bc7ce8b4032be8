package io.klinebench.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bus whose tester is on a port ({@link KLineBus#behindPort}), in virtual time: what the
 * port brings reaches the modules the cable reaches, at its own instant; what a module sends
 * reaches the port and, on a pty, the other modules; behind a K-line cable, whose echo is the
 * wire, the port alone.
 */
class KLineBusBehindPortTest {

    private final VirtualClock clock = new VirtualClock();

    private static List<String> heard(LineEndpoint end) {
        List<String> out = new ArrayList<>();
        end.onReceive(e -> out.add(e.toString()));
        return out;
    }

    @Test
    void onAPtyTheBusCarriesTheModulesBytesToEachOtherAndToThePortButNotBack() {
        KLineBus bus = KLineBus.behindPort(clock, "pin 7", false);
        LineEndpoint ems = bus.attach("EMS2000 13", "pin 7");
        LineEndpoint kombi = bus.attach("KOMBI 80", "pin 8");
        bus.bridge("pin 7", "pin 8", true);
        List<String> port = heard(bus.tester());
        List<String> atEms = heard(ems);
        List<String> atKombi = heard(kombi);

        bus.fromTester(new LineEvent.Byte(1_000, 0x80));
        clock.advanceTo(2_000);
        assertThat(atEms).containsExactly(new LineEvent.Byte(1_000, 0x80).toString());
        assertThat(atKombi).containsExactly(new LineEvent.Byte(1_000, 0x80).toString());
        assertThat(port).as("the port has its own echo").isEmpty();

        ems.send(0x55);
        clock.advanceBy(1);
        assertThat(port).containsExactly(new LineEvent.Byte(2_000, 0x55).toString());
        assertThat(atKombi).hasSize(2);
        assertThat(atEms).as("a pty brings no module its own bytes").hasSize(1);
        assertThat(bus.trace()).as("a bus behind a port keeps no trace").isEmpty();

        bus.bridge("pin 7", "pin 8", false);
        bus.fromTester(new LineEvent.Byte(3_000, 0x12));
        kombi.send(0x44);
        clock.advanceTo(4_000);
        assertThat(atEms).hasSize(2);
        assertThat(atKombi).as("pin 8 alone hears nothing of the cable").hasSize(2);
        assertThat(port).as("nor the cable of pin 8").hasSize(1);
    }

    @Test
    void behindACableTheModulesBytesGoToThePortAloneAndItsEchoIsTheWire() {
        KLineBus bus = KLineBus.behindPort(clock, "pin 7", true);
        LineEndpoint ems = bus.attach("EMS2000 13", "pin 7");
        LineEndpoint ehps = bus.attach("EHPS 31", "pin 7");
        List<String> port = heard(bus.tester());
        List<String> atEms = heard(ems);
        List<String> atEhps = heard(ehps);

        ems.send(0x55);
        clock.advanceBy(1);
        assertThat(port).hasSize(1);
        assertThat(atEhps).isEmpty();
        bus.fromTester(new LineEvent.Byte(clock.nanos(), 0x55)); // the cable's echo
        clock.advanceBy(1);
        assertThat(atEms).as("its own echo, from the wire").hasSize(1);
        assertThat(atEhps).as("the other module hears it once, from the wire").hasSize(1);
    }
}
