package io.klinebench.behaviour;

import static io.klinebench.behaviour.Rituals.R53_2005;
import static io.klinebench.behaviour.Rituals.SERIAL_A;
import static io.klinebench.behaviour.Rituals.SERIAL_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.klinebench.bench.Bench;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import io.klinebench.car.CarEvent.CodeReject;
import io.klinebench.car.Slot;
import org.junit.jupiter.api.Test;

/**
 * Behaviour 7: "I disconnected the battery and after that both keys stopped working" (2005
 * R53); "had to get a new battery for the car ... my key fob stopped working completely. Did
 * the above procedure and worked like a charm" (2007).
 */
class CarBatteryTest {

    private static Bench twoKeys() {
        return Rituals.bench(R53_2005, KeySpec.remoteKey("A", SERIAL_A, 0), KeySpec.remoteKey("B", SERIAL_B, 1));
    }

    @Test
    void bothRemotesWorkBeforeTheDisconnection() {
        Bench b = twoKeys();

        b.perform("press A unlock").after("1s", "press B lock").settle();

        assertThat(b.events(CarEvent.RemoteCodeAccepted.class))
                .extracting(CarEvent.RemoteCodeAccepted::serial)
                .containsExactly(SERIAL_A, SERIAL_B);
    }

    @Test
    void afterTheCarBatteryIsReconnectedBothRemotesStopWorking() {
        Bench b = twoKeys();

        b.perform("car-battery disconnect").after("10min", "car-battery connect");
        b.after("1s", "press A unlock").after("1s", "press B unlock").settle();

        assertThat(b.rejections())
                .extracting(CarEvent.RemoteCodeRejected::serial, CarEvent.RemoteCodeRejected::reason)
                .containsExactly(
                        tuple(SERIAL_A, CodeReject.NOT_SYNCHRONISED), tuple(SERIAL_B, CodeReject.NOT_SYNCHRONISED));
        assertThat(b.events(CarEvent.RemoteCodeAccepted.class)).isEmpty();
        assertThat(b.car().receiver().slots())
                .extracting(s -> s.map(Slot::sync).orElse(null))
                .containsExactly(Slot.Sync.LOST, Slot.Sync.LOST, null, null);
        assertThat(b.car().status().allLocked()).isTrue();
    }

    @Test
    void theRitualMakesBothRemotesWorkAgain() {
        Bench b = twoKeys();
        b.perform("car-battery disconnect")
                .after("10min", "car-battery connect")
                .advance("1s");

        Rituals.ritual2005(b, "A");
        Rituals.gesture(b, "B");
        b.settle();
        long from = b.now();
        b.after("1s", "press A unlock").after("1s", "press B lock").settle();

        assertThat(b.events(CarEvent.RemoteLearned.class))
                .extracting(
                        CarEvent.RemoteLearned::serial,
                        CarEvent.RemoteLearned::slot,
                        CarEvent.RemoteLearned::resynchronised)
                .containsExactly(tuple(SERIAL_A, 0, true), tuple(SERIAL_B, 1, true));
        assertThat(Rituals.since(b, CarEvent.RemoteCodeAccepted.class, from))
                .extracting(CarEvent.RemoteCodeAccepted::serial)
                .containsExactly(SERIAL_A, SERIAL_B);
        assertThat(b.car().status().allLocked()).isTrue();
    }
}
