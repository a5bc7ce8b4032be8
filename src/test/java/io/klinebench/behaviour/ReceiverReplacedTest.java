package io.klinebench.behaviour;

import static io.klinebench.behaviour.Rituals.R53_2005;
import static io.klinebench.behaviour.Rituals.S;
import static io.klinebench.behaviour.Rituals.SERIAL_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.klinebench.bench.Bench;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import io.klinebench.car.CarEvent.CodeReject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Behaviour 8: "I switched out my rear view mirror and have not had much success 'pairing' my
 * keys with the new module ... I tried it a few times with no luck." The new receiver knows
 * no remote and is not coded to the car; once coded, the ritual pairs.
 */
class ReceiverReplacedTest {

    private static Bench replaced() {
        Bench b = Rituals.bench(R53_2005, KeySpec.remoteKey("A", SERIAL_A, 0));
        b.perform("replace receiver").advance("1s");
        return b;
    }

    @Test
    void newModuleKnowsNoRemote() {
        Bench b = replaced();

        assertThat(b.car().receiver().slots()).hasSize(4).containsOnly(Optional.empty());
        assertThat(b.car().receiver().coded()).isFalse();
    }

    @Test
    void remoteIsRejectedReceiverNotCoded() {
        Bench b = replaced();

        b.perform("press A unlock").settle();

        assertThat(Rituals.rejectionReasons(b)).containsExactly(CodeReject.RECEIVER_NOT_CODED);
        assertThat(b.car().status().allLocked()).isTrue();
    }

    @Test
    void ritualDoesNotPairWithTheUncodedModule() {
        Bench b = replaced();

        Rituals.ritual2005(b, "A");
        b.settle();

        // the four gesture codes, each refused
        assertThat(Rituals.rejectionReasons(b))
                .containsExactly(
                        CodeReject.RECEIVER_NOT_CODED,
                        CodeReject.RECEIVER_NOT_CODED,
                        CodeReject.RECEIVER_NOT_CODED,
                        CodeReject.RECEIVER_NOT_CODED);
        assertThat(b.events(CarEvent.RemoteLearned.class)).isEmpty();
        assertThat(b.car().receiver().slots()).containsOnly(Optional.empty());
    }

    @Test
    void afterCodingTheModuleTheRitualPairsTheRemote() {
        Bench b = replaced();
        b.car().diagnostics().codeReceiver();

        long learnedAt = Rituals.ritual2005(b, "A");
        b.settle();
        long pressAt = b.now() + S;
        Rituals.at(b, pressAt, "press A unlock").settle();

        assertThat(b.events(CarEvent.RemoteLearned.class))
                .containsExactly(new CarEvent.RemoteLearned(learnedAt, SERIAL_A, 0, false));
        assertThat(Rituals.since(b, CarEvent.RemoteCodeAccepted.class, pressAt))
                .extracting(CarEvent.RemoteCodeAccepted::serial, CarEvent.RemoteCodeAccepted::slot)
                .containsExactly(tuple(SERIAL_A, 0));
        assertThat(b.rejections()).isEmpty();
    }
}
