package io.klinebench.behaviour;

import static io.klinebench.behaviour.Rituals.R53_2002;
import static io.klinebench.behaviour.Rituals.S;
import static io.klinebench.behaviour.Rituals.SERIAL_A;
import static io.klinebench.behaviour.Rituals.SERIAL_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.klinebench.bench.Bench;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import io.klinebench.car.CarEvent.CodeReject;
import io.klinebench.car.Slot;
import io.klinebench.fob.Button;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Behaviour 2: "For all 2002-2004 models you only have to do step 2 once": one ignition
 * cycle, then the key out and the remote gesture. It resynchronises a remote the car knows;
 * a brand-new remote needs the dealer ("02-04 require a one hour programing sequence").
 */
class Ritual2002To2004Test {

    @Test
    void oneIgnitionCycleCompletesTheCycleStep() {
        Bench b = Rituals.bench(R53_2002, KeySpec.remoteKey("A", SERIAL_A, 0).counter(40120, 120));

        Rituals.unlockAndInsert(b, "A");
        Rituals.cycles(b, 1);
        Rituals.keyOut(b);

        assertThat(b.events(CarEvent.CycleCounted.class)).containsExactly(new CarEvent.CycleCounted(3 * S, 1, 1));
        assertThat(b.events(CarEvent.LearnWindowOpened.class))
                .containsExactly(new CarEvent.LearnWindowOpened(4 * S, 14 * S)); // first-remote-within 10s
        assertThat(b.events(CarEvent.LearnAborted.class)).isEmpty();
    }

    @Test
    void knownRemoteIsResynchronisedAndWorksAgain() {
        Bench b = Rituals.bench(R53_2002, KeySpec.remoteKey("A", SERIAL_A, 0).counter(40120, 120));

        long learnedAt = Rituals.gestureRitual(b, "A", 1);
        b.settle();
        long pressAt = b.now() + S;
        Rituals.at(b, pressAt, "press A unlock").settle();

        assertThat(b.events(CarEvent.RemoteLearned.class))
                .containsExactly(new CarEvent.RemoteLearned(learnedAt, SERIAL_A, 0, true));
        assertThat(Rituals.since(b, CarEvent.RemoteCodeAccepted.class, pressAt))
                .containsExactly(new CarEvent.RemoteCodeAccepted(pressAt, SERIAL_A, 0, 40125, Button.UNLOCK.bit()));
    }

    @Test
    void brandNewRemoteIsRejectedAsUnknownAndTheSlotsStayAsTheyWere() {
        Bench b = Rituals.bench(R53_2002, KeySpec.remoteKey("A", SERIAL_A, 0), KeySpec.remoteKey("B", SERIAL_B, -1));
        List<Optional<Slot>> before = b.car().receiver().slots();

        Rituals.gestureRitual(b, "B", 1);
        b.settle();

        // hold UNLOCK and three LOCK presses: four codes, each refused for learning
        assertThat(b.rejections())
                .extracting(CarEvent.RemoteCodeRejected::serial, CarEvent.RemoteCodeRejected::reason)
                .containsExactly(
                        tuple(SERIAL_B, CodeReject.UNKNOWN_REMOTE),
                        tuple(SERIAL_B, CodeReject.UNKNOWN_REMOTE),
                        tuple(SERIAL_B, CodeReject.UNKNOWN_REMOTE),
                        tuple(SERIAL_B, CodeReject.UNKNOWN_REMOTE));
        assertThat(b.events(CarEvent.RemoteLearned.class)).isEmpty();
        assertThat(b.car().receiver().slots()).isEqualTo(before);
        assertThat(b.car().receiver().slotOf(SERIAL_B)).isEmpty();
    }

    @Test
    void brandNewRemoteStillDoesNothingAfterTheRitual() {
        Bench b = Rituals.bench(R53_2002, KeySpec.remoteKey("A", SERIAL_A, 0), KeySpec.remoteKey("B", SERIAL_B, -1));
        Rituals.gestureRitual(b, "B", 1);
        b.settle();
        long pressAt = b.now() + S;

        Rituals.at(b, pressAt, "press B unlock").settle();

        assertThat(Rituals.since(b, CarEvent.RemoteCodeRejected.class, pressAt))
                .extracting(CarEvent.RemoteCodeRejected::serial, CarEvent.RemoteCodeRejected::reason)
                .containsExactly(tuple(SERIAL_B, CodeReject.UNKNOWN_REMOTE));
        assertThat(Rituals.since(b, CarEvent.RemoteCodeAccepted.class, pressAt)).isEmpty();
    }
}
