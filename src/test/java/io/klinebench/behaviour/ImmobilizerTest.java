package io.klinebench.behaviour;

import static io.klinebench.behaviour.Rituals.R53_2005;
import static io.klinebench.behaviour.Rituals.S;
import static io.klinebench.behaviour.Rituals.SERIAL_A;
import static io.klinebench.behaviour.Rituals.SERIAL_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.klinebench.bench.Bench;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Behaviour 10: "Has any one tried this with used internals from another key? ie: Will this
 * reprogram the unlock remote AND immobilizer chip?" The remote and the immobilizer are
 * separate (EWS3 stores transponders, BC1 the remotes): the ritual learns the remote only.
 */
class ImmobilizerTest {

    /** The owner's key A, and key K rebuilt with a donor key's remote and transponder. */
    private static Bench withRebuiltKey() {
        return Rituals.bench(
                R53_2005,
                KeySpec.remoteKey("A", SERIAL_A, 0),
                KeySpec.remoteKey("K", SERIAL_B, -1).transponder("T-DONOR", false));
    }

    @Test
    void learningARemoteNeverAuthorisesItsTransponder() {
        Bench b = withRebuiltKey();

        Rituals.ritual2005(b, "K");
        b.settle();

        assertThat(b.events(CarEvent.RemoteLearned.class))
                .extracting(CarEvent.RemoteLearned::serial)
                .containsExactly(SERIAL_B);
        assertThat(b.car().immobilizer().authorised()).isEqualTo(Set.of("T-A"));
    }

    @Test
    void rebuiltKeyOpensTheCarAfterTheRitual() {
        Bench b = withRebuiltKey();
        Rituals.ritual2005(b, "K");
        b.settle();
        long pressAt = b.now() + S;

        Rituals.at(b, pressAt, "press K unlock").settle();

        assertThat(Rituals.since(b, CarEvent.RemoteCodeAccepted.class, pressAt))
                .extracting(CarEvent.RemoteCodeAccepted::serial)
                .containsExactly(SERIAL_B);
        assertThat(b.car().status().allLocked()).isFalse();
    }

    @Test
    void rebuiltKeyDoesNotStartTheEngine() {
        Bench b = withRebuiltKey();
        Rituals.ritual2005(b, "K");
        b.settle();

        b.after("1s", "insert K").after("1s", "ignition 3");

        assertThat(b.events(CarEvent.EngineStart.class))
                .extracting(CarEvent.EngineStart::at, CarEvent.EngineStart::key, CarEvent.EngineStart::allowed)
                .containsExactly(tuple(b.now(), "K", false));
    }

    @Test
    void ownersKeyStillStartsTheEngineAfterTheRebuiltKeyWasLearned() {
        Bench b = withRebuiltKey();
        Rituals.ritual2005(b, "K");
        b.settle();

        b.after("1s", "insert A").after("1s", "ignition 3");

        assertThat(b.events(CarEvent.EngineStart.class))
                .extracting(CarEvent.EngineStart::key, CarEvent.EngineStart::allowed)
                .containsExactly(tuple("A", true));
    }
}
