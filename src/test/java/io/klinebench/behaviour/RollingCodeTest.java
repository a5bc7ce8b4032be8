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
 * Behaviour 5: rolling codes per slot (HCS receivers). With the car's stored counter s and a
 * code's counter c, d = (c - s) mod 65536: 1..16 accepted at once; 17..32768 accepted only
 * with the next consecutive code; beyond rejected; 0 is a replay. The remote's setup counter
 * is the last code it sent, so its next press sends counter + 1.
 */
class RollingCodeTest {

    private static final int STORED = 100;

    /** Remote A, whose next press is {@code d} ahead of what the car stored. */
    private static Bench ahead(int d) {
        return Rituals.bench(R53_2005, KeySpec.remoteKey("A", SERIAL_A, 0).counter(STORED + d - 1, STORED));
    }

    private static Slot slotA(Bench b) {
        return b.car().receiver().slotOf(SERIAL_A).orElseThrow();
    }

    @Test
    void codeSixteenAheadIsAcceptedAtOnce() {
        Bench b = ahead(16);

        b.perform("press A unlock").settle();

        assertThat(b.events(CarEvent.RemoteCodeAccepted.class))
                .extracting(CarEvent.RemoteCodeAccepted::counter)
                .containsExactly(116);
        assertThat(b.rejections()).isEmpty();
        assertThat(slotA(b).counter()).isEqualTo(116);
        assertThat(b.car().status().allLocked()).isFalse();
    }

    @Test
    void codeOneAheadIsAcceptedAtOnce() {
        Bench b = ahead(1);

        b.perform("press A unlock").settle();

        assertThat(b.events(CarEvent.RemoteCodeAccepted.class))
                .extracting(CarEvent.RemoteCodeAccepted::counter)
                .containsExactly(101);
    }

    @Test
    void codeSeventeenAheadWaitsForTheNextConsecutiveCode() {
        Bench b = ahead(17);

        b.perform("press A unlock").settle();

        assertThat(Rituals.rejectionReasons(b)).containsExactly(CodeReject.WAITING_FOR_SECOND_CODE);
        assertThat(b.events(CarEvent.RemoteCodeAccepted.class)).isEmpty();
        assertThat(slotA(b))
                .extracting(Slot::sync, Slot::pendingCounter, Slot::counter)
                .containsExactly(Slot.Sync.RESYNC_PENDING, 117, STORED);
        assertThat(b.car().status().allLocked()).isTrue();
    }

    @Test
    void codeSeventeenAheadIsAcceptedWithTheSecondConsecutiveCode() {
        Bench b = ahead(17);

        b.perform("press A unlock").after("1s", "press A unlock").settle();

        assertThat(Rituals.rejectionReasons(b)).containsExactly(CodeReject.WAITING_FOR_SECOND_CODE);
        assertThat(b.events(CarEvent.RemoteCodeAccepted.class))
                .extracting(CarEvent.RemoteCodeAccepted::counter)
                .containsExactly(118);
        assertThat(slotA(b)).extracting(Slot::sync, Slot::counter).containsExactly(Slot.Sync.IN_SYNC, 118);
        assertThat(b.car().status().allLocked()).isFalse();
    }

    @Test
    void codeAtTheEdgeOfTheResyncWindowIsAcceptedWithTheSecondCode() {
        Bench b = ahead(32768);

        b.perform("press A unlock").after("1s", "press A unlock").settle();

        assertThat(Rituals.rejectionReasons(b)).containsExactly(CodeReject.WAITING_FOR_SECOND_CODE);
        assertThat(b.events(CarEvent.RemoteCodeAccepted.class))
                .extracting(CarEvent.RemoteCodeAccepted::counter)
                .containsExactly(STORED + 32769);
    }

    @Test
    void codeBeyondTheResyncWindowIsRejectedOutsideWindow() {
        Bench b = ahead(32769);

        b.perform("press A unlock").after("1s", "press A unlock").settle();

        assertThat(Rituals.rejectionReasons(b)).containsExactly(CodeReject.OUTSIDE_WINDOW, CodeReject.OUTSIDE_WINDOW);
        assertThat(b.events(CarEvent.RemoteCodeAccepted.class)).isEmpty();
        assertThat(slotA(b)).extracting(Slot::sync, Slot::counter).containsExactly(Slot.Sync.IN_SYNC, STORED);
    }

    @Test
    void codeWithTheCounterAlreadyUsedIsRejectedAsReplayed() {
        Bench b = ahead(0);

        b.perform("press A unlock").settle();

        assertThat(Rituals.rejectionReasons(b)).containsExactly(CodeReject.REPLAYED);
        assertThat(b.events(CarEvent.RemoteCodeAccepted.class)).isEmpty();
        assertThat(b.car().status().allLocked()).isTrue();
    }

    @Test
    void secondCodeMustFollowTheFirstExactly() {
        Bench b = ahead(17);

        // 117 is held; 118 is sent with the key in the ignition, where the car ignores remotes;
        // 119 is then not the successor of 117, so it is held in its turn.
        b.perform("press A unlock")
                .after("1s", "insert A")
                .after("1s", "press A lock")
                .after("1s", "remove key")
                .after("1s", "press A unlock")
                .settle();

        assertThat(Rituals.rejectionReasons(b))
                .containsExactly(
                        CodeReject.WAITING_FOR_SECOND_CODE,
                        CodeReject.KEY_IN_IGNITION,
                        CodeReject.WAITING_FOR_SECOND_CODE);
        assertThat(b.events(CarEvent.RemoteCodeAccepted.class)).isEmpty();
        assertThat(slotA(b))
                .extracting(Slot::sync, Slot::pendingCounter)
                .containsExactly(Slot.Sync.RESYNC_PENDING, 119);
    }

    @Test
    void countersAreKeptPerSlot() {
        Bench b = Rituals.bench(
                R53_2005,
                KeySpec.remoteKey("A", SERIAL_A, 0).counter(STORED + 16, STORED),
                KeySpec.remoteKey("B", SERIAL_B, 1).counter(500, 500));

        b.perform("press A unlock")
                .after("1s", "press B lock")
                .after("1s", "press A unlock")
                .settle();

        assertThat(b.events(CarEvent.RemoteCodeAccepted.class))
                .extracting(
                        CarEvent.RemoteCodeAccepted::serial,
                        CarEvent.RemoteCodeAccepted::slot,
                        CarEvent.RemoteCodeAccepted::counter)
                .containsExactly(tuple(SERIAL_B, 1, 501), tuple(SERIAL_A, 0, 118));
        assertThat(b.car().receiver().slotOf(SERIAL_A).orElseThrow().counter()).isEqualTo(118);
        assertThat(b.car().receiver().slotOf(SERIAL_B).orElseThrow().counter()).isEqualTo(501);
    }

    @Test
    void remotePressedFarOutOfRangeStopsWorkingUntilTheRitualResynchronisesIt() {
        // 40000 presses out of the car's range: far beyond the resync window
        Bench b = Rituals.bench(R53_2005, KeySpec.remoteKey("A", SERIAL_A, 0).counter(40120, 120));

        b.perform("press A unlock")
                .after("1s", "press A unlock")
                .after("1s", "press A lock")
                .settle();
        assertThat(Rituals.rejectionReasons(b))
                .containsExactly(CodeReject.OUTSIDE_WINDOW, CodeReject.OUTSIDE_WINDOW, CodeReject.OUTSIDE_WINDOW);

        b.advance("1s");
        Rituals.ritual2005(b, "A");
        b.settle();
        long pressAt = b.now() + Rituals.S;
        Rituals.at(b, pressAt, "press A unlock").settle();

        // 40120 + 3 rejected presses + 4 gesture codes = 40127 learned; this press sends 40128
        assertThat(Rituals.since(b, CarEvent.RemoteCodeAccepted.class, pressAt))
                .extracting(CarEvent.RemoteCodeAccepted::serial, CarEvent.RemoteCodeAccepted::counter)
                .containsExactly(tuple(SERIAL_A, 40128));
    }
}
