package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.car.CarEvent;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.fob.FobEvent;
import io.klinebench.time.Event;
import io.klinebench.time.SystemClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the simulator tells: each action's own events, back to whoever performed it, and every
 * event to listeners on the clock's thread. The port is a silent one (nobody connected).
 */
class PortSimulatorEventsTest {

    private final SystemClock clock = new SystemClock("test-sim");
    private PortSimulator sim;

    private PortSimulator start(String profile) throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        sim = PortSimulator.start(
                catalog.load(profile),
                catalog.loadDiagnostics(profile),
                PortSimulator.defaultCar(),
                clock,
                new SilentPort("silent"),
                PortSettings.virtualPair().echoBack(false).raisePriority(false),
                t -> {},
                null);
        return sim;
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
        clock.close();
    }

    @Test
    void anActionReturnsTheEventsItCausedTheCarsRefusalAmongThem() throws Exception {
        PortSimulator s = start("r50-r53-2005-2008");
        assertThat(s.perform("ignition 2"))
                .singleElement()
                .isInstanceOfSatisfying(
                        CarEvent.InputRefused.class, r -> assertThat(r.why()).isEqualTo("no key in the ignition"));
        assertThat(s.perform("insert A")).singleElement().isInstanceOf(CarEvent.KeyInserted.class);
        assertThat(s.perform("insert A")).singleElement().isInstanceOf(CarEvent.InputRefused.class);
        assertThat(s.perform("remote-battery A remove")).singleElement().isInstanceOf(FobEvent.Refused.class);
        assertThat(s.perform("ignition 2"))
                .extracting(e -> e.getClass().getSimpleName())
                .contains("IgnitionChanged");
        assertThatThrownBy(() -> s.perform("fly away")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wordsThatAreNoActionForThisCarInRealTimeAreErrorsSayingWhyAndNothingIsAnnounced() throws Exception {
        PortSimulator s = start("r50-r53-2005-2008");
        List<Event> heard = new CopyOnWriteArrayList<>();
        s.onEvent(heard::add);

        assertThatThrownBy(() -> s.perform("door nosuch open"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown door 'nosuch'; profile r50-r53-2005-2008 has driver, passenger, tailgate");
        assertThatThrownBy(() -> s.perform("wait"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the sim runs in real time");
        assertThatThrownBy(() -> s.perform("wait 10s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'wait' takes nothing after it");
        assertThatThrownBy(() -> s.perform("insert Z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no key called 'Z'");

        assertThat(heard).isEmpty();
    }

    @Test
    void aFaultArmedOnTheConsoleOrControlPortIsAnsweredWithWhatWasArmed() throws Exception {
        PortSimulator s = start("r56-2007-2013");
        assertThat(s.perform("fault stall 2 40ms at 21 01"))
                .singleElement()
                .isInstanceOfSatisfying(io.klinebench.kline.LinkEvent.FaultArmed.class, f -> {
                    assertThat(f.fault()).isEqualTo("stall 2 40ms");
                    assertThat(f.trigger()).isEqualTo("at 21 01");
                });
        assertThatThrownBy(() -> s.perform("fault stall two 40ms"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stall's byte is a whole number, not 'two'");
    }

    @Test
    void removingAKeyThatIsNotThereIsTheCarsRefusalWithItsReason() throws Exception {
        PortSimulator s = start("r50-r53-2005-2008");
        assertThat(s.perform("remove key")).singleElement().isInstanceOfSatisfying(CarEvent.InputRefused.class, r -> {
            assertThat(r.input()).isEqualTo("remove key");
            assertThat(r.why()).isEqualTo("no key in the ignition");
        });
    }

    @Test
    void listenersHearEarlierEventsThenEachActionAndWhatItCaused() throws Exception {
        PortSimulator s = start("r50-r53-2005-2008");
        s.perform("insert A");
        List<Event> heard = new CopyOnWriteArrayList<>();
        List<Boolean> onLoop = new CopyOnWriteArrayList<>();
        s.onEvent(e -> {
            heard.add(e);
            onLoop.add(clock.inLoop());
        });
        s.perform("ignition 1");
        assertThat(heard)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("KeyInserted", "ActionPerformed", "IgnitionChanged");
        assertThat(((SimEvent.ActionPerformed) heard.get(1)).action()).isEqualTo("ignition 1");
        assertThat(onLoop).containsOnly(true);
    }
}
