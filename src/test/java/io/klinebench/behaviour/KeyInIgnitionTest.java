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
import io.klinebench.car.CarEvent.CodeReject;
import io.klinebench.fob.Button;
import org.junit.jupiter.api.Test;

/**
 * Behaviour 11: "Sat in the car pushing buttons nothing worked": BMW body modules ignore
 * remote functions while a key is in the ignition.
 */
class KeyInIgnitionTest {

    private static Bench twoRemotes() {
        return Rituals.bench(R53_2005, KeySpec.remoteKey("A", SERIAL_A, 0), KeySpec.remoteKey("B", SERIAL_B, 1));
    }

    @Test
    void remoteIsIgnoredWhileItsKeyIsInTheIgnitionAtOff() {
        Bench b = twoRemotes();

        b.perform("insert A").after("1s", "press A unlock").settle();

        assertThat(b.rejections())
                .extracting(CarEvent.RemoteCodeRejected::serial, CarEvent.RemoteCodeRejected::reason)
                .containsExactly(tuple(SERIAL_A, CodeReject.KEY_IN_IGNITION));
        assertThat(b.events(CarEvent.LockActuated.class)).isEmpty();
        assertThat(b.car().status().allLocked()).isTrue();
    }

    @Test
    void remoteIsIgnoredWithTheIgnitionOn() {
        Bench b = twoRemotes();

        b.perform("insert A")
                .after("1s", "ignition 2")
                .after("1s", "press A unlock")
                .settle();

        assertThat(Rituals.rejectionReasons(b)).containsExactly(CodeReject.KEY_IN_IGNITION);
        assertThat(b.car().status().allLocked()).isTrue();
    }

    @Test
    void anotherRemoteIsIgnoredToo() {
        Bench b = twoRemotes();

        b.perform("insert A").after("1s", "press B unlock").settle();

        assertThat(b.rejections())
                .extracting(CarEvent.RemoteCodeRejected::serial, CarEvent.RemoteCodeRejected::reason)
                .containsExactly(tuple(SERIAL_B, CodeReject.KEY_IN_IGNITION));
        assertThat(b.car().status().allLocked()).isTrue();
    }

    @Test
    void remoteWorksOnceTheKeyIsOut() {
        Bench b = twoRemotes();
        b.perform("insert A").after("1s", "press A unlock").after("1s", "remove key");
        long pressAt = b.now() + S;

        Rituals.at(b, pressAt, "press A unlock").settle();

        // the ignored press still used counter 101 in the remote; 102 is within the window
        assertThat(b.events(CarEvent.RemoteCodeAccepted.class))
                .containsExactly(new CarEvent.RemoteCodeAccepted(pressAt, SERIAL_A, 0, 102, Button.UNLOCK.bit()));
        assertThat(b.car().status().allLocked()).isFalse();
    }
}
