package io.klinebench.behaviour;

import static io.klinebench.behaviour.Rituals.R56;
import static io.klinebench.behaviour.Rituals.S;
import static io.klinebench.behaviour.Rituals.SERIAL_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.klinebench.bench.Bench;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import io.klinebench.car.CarEvent.CodeReject;
import io.klinebench.car.CarEvent.CountReset;
import io.klinebench.fob.Button;
import io.klinebench.fob.FobEvent;
import org.junit.jupiter.api.Test;

/**
 * Behaviour 3, the '09 Cooper S report: "all I had to do was cycle on/off three times. MINI
 * made the chime, and key started working again." The key in the ignition is learned; no
 * button step.
 */
class R56RitualTest {

    /** A key whose remote lost its synchronisation (the slot needs the ritual). */
    private static Bench car() {
        return Rituals.bench(R56, KeySpec.remoteKey("A", SERIAL_A, 0).outOfSync());
    }

    @Test
    void remoteOutOfSyncDoesNothingBeforeTheRitual() {
        Bench b = car();

        b.perform("press A unlock").settle();

        assertThat(Rituals.rejectionReasons(b)).containsExactly(CodeReject.NOT_SYNCHRONISED);
        assertThat(b.car().status().allLocked()).isTrue();
    }

    @Test
    void threeCyclesChimeAndLearnTheKeyInTheIgnition() {
        Bench b = car();

        Rituals.unlockAndInsert(b, "A");
        long lastOff = Rituals.cycles(b, 3);

        assertThat(lastOff).isEqualTo(7 * S);
        assertThat(b.events(CarEvent.CycleCounted.class))
                .extracting(CarEvent.CycleCounted::n, CarEvent.CycleCounted::of)
                .containsExactly(tuple(1, 3), tuple(2, 3), tuple(3, 3));
        assertThat(b.events(CarEvent.Chime.class))
                .extracting(CarEvent.Chime::at)
                .containsExactly(lastOff);
        assertThat(b.events(CarEvent.RemoteLearned.class))
                .containsExactly(new CarEvent.RemoteLearned(lastOff, SERIAL_A, 0, true));
    }

    @Test
    void keyIsLearnedWithoutAnyButtonPress() {
        Bench b = car();

        Rituals.unlockAndInsert(b, "A");
        Rituals.cycles(b, 3);

        assertThat(b.events(CarEvent.RemoteLearned.class)).hasSize(1);
        assertThat(b.events(FobEvent.Sent.class)).isEmpty();
    }

    @Test
    void afterRemovingTheKeyItsRemoteIsAccepted() {
        Bench b = car();
        Rituals.unlockAndInsert(b, "A");
        Rituals.cycles(b, 3);
        Rituals.keyOut(b);
        long pressAt = b.now() + S;

        Rituals.at(b, pressAt, "press A lock").settle();

        assertThat(b.events(CarEvent.RemoteCodeAccepted.class))
                .containsExactly(new CarEvent.RemoteCodeAccepted(pressAt, SERIAL_A, 0, 101, Button.LOCK.bit()));
        assertThat(b.car().status().allLocked()).isTrue();
        assertThat(b.rejections()).isEmpty();
    }

    @Test
    void twoCyclesDoNothing() {
        Bench b = car();
        Rituals.unlockAndInsert(b, "A");
        Rituals.cycles(b, 2);
        long keyOutAt = Rituals.keyOut(b);
        long pressAt = b.now() + S;

        Rituals.at(b, pressAt, "press A lock").settle();

        assertThat(b.events(CarEvent.Chime.class)).isEmpty();
        assertThat(b.events(CarEvent.RemoteLearned.class)).isEmpty();
        assertThat(b.events(CarEvent.CycleCountReset.class))
                .containsExactly(new CarEvent.CycleCountReset(keyOutAt, 2, CountReset.KEY_REMOVED));
        assertThat(Rituals.rejectionReasons(b)).containsExactly(CodeReject.NOT_SYNCHRONISED);
        assertThat(b.events(CarEvent.RemoteCodeAccepted.class)).isEmpty();
    }
}
