package io.klinebench.behaviour;

import static io.klinebench.behaviour.Rituals.R53_2005;
import static io.klinebench.behaviour.Rituals.S;
import static io.klinebench.behaviour.Rituals.SERIAL_A;
import static io.klinebench.behaviour.Rituals.SERIAL_B;
import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.bench.Bench;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import io.klinebench.fob.Key;
import io.klinebench.time.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inputs that cannot physically happen are refused with an input-refused event and change
 * nothing: no other event, no state change.
 */
class ImpossibleInputsTest {

    private static Bench car() {
        return Rituals.bench(R53_2005, KeySpec.remoteKey("A", SERIAL_A, 0), KeySpec.remoteKey("B", SERIAL_B, 1));
    }

    /** The events from {@code fromIndex} on. */
    private static List<Event> eventsFrom(Bench b, int fromIndex) {
        List<Event> all = b.timeline().events();
        return all.subList(fromIndex, all.size());
    }

    @Test
    void ignitionWithNoKeyIsRefusedAndChangesNothing() {
        Bench b = car();

        b.perform("ignition 2");

        assertThat(b.timeline().events())
                .containsExactly(new CarEvent.InputRefused(0, "ignition 2", "no key in the ignition"));
        assertThat(b.car().status().ignition()).isZero();
        assertThat(b.car().status().cycleCount()).isZero();
    }

    @Test
    void removingTheKeyAtPositionTwoIsRefusedAndChangesNothing() {
        Bench b = car();
        b.perform("insert A").after("1s", "ignition 2");
        int before = b.timeline().events().size();

        b.after("500ms", "remove key");

        assertThat(eventsFrom(b, before))
                .containsExactly(new CarEvent.InputRefused(
                        1500 * Rituals.MS, "remove key", "ignition is at position 2; turn it to 0 first"));
        assertThat(b.car().status().insertedKey()).get().extracting(Key::id).isEqualTo("A");
        assertThat(b.car().status().ignition()).isEqualTo(2);
    }

    @Test
    void refusedKeyRemovalDoesNotDisturbTheCycleBeingTimed() {
        Bench b = car();
        b.perform("console unlock").perform("insert A").after("1s", "ignition 2");

        b.after("500ms", "remove key").after("500ms", "ignition 0");

        assertThat(b.events(CarEvent.CycleCounted.class)).containsExactly(new CarEvent.CycleCounted(2 * S, 1, 4));
        assertThat(b.events(CarEvent.CycleCountReset.class)).isEmpty();
    }

    @Test
    void secondKeyCannotGoIntoAnOccupiedIgnition() {
        Bench b = car();
        b.perform("insert A");
        int before = b.timeline().events().size();

        b.after("1s", "insert B");

        assertThat(eventsFrom(b, before))
                .containsExactly(new CarEvent.InputRefused(S, "insert B", "key A is already in the ignition"));
        assertThat(b.car().status().insertedKey()).get().extracting(Key::id).isEqualTo("A");
    }

    @Test
    void removingAKeyThatIsNotThereIsRefused() {
        Bench b = car();

        b.perform("remove key");

        assertThat(b.timeline().events())
                .containsExactly(new CarEvent.InputRefused(0, "remove key", "no key in the ignition"));
    }
}
