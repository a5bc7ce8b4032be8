package io.klinebench.behaviour;

import static io.klinebench.behaviour.Rituals.MS;
import static io.klinebench.behaviour.Rituals.R53_2005;
import static io.klinebench.behaviour.Rituals.S;
import static io.klinebench.behaviour.Rituals.SERIAL_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.klinebench.bench.Bench;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import io.klinebench.car.CarEvent.CodeReject;
import io.klinebench.car.CarEvent.LockState;
import io.klinebench.car.Slot;
import io.klinebench.fob.Button;
import io.klinebench.time.TimingWindow;
import org.junit.jupiter.api.Test;

/**
 * Behaviour 1: the 2005-2008 R50/R52/R53 ritual exactly as the owners' thread tells it, on
 * a car whose remote is 40000 codes ahead of what the car stored (it "stopped working").
 */
class Ritual2005To2008Test {

    /** The remote has pressed far beyond the resync window: every code is rejected. */
    private static Bench outOfStepCar() {
        return Rituals.bench(R53_2005, KeySpec.remoteKey("A", SERIAL_A, 0).counter(40120, 120));
    }

    @Test
    void remoteOutOfStepDoesNothingBeforeTheRitual() {
        Bench b = outOfStepCar();

        b.perform("press A unlock").settle();

        assertThat(b.rejections())
                .extracting(CarEvent.RemoteCodeRejected::serial, CarEvent.RemoteCodeRejected::reason)
                .containsExactly(tuple(SERIAL_A, CodeReject.OUTSIDE_WINDOW));
        assertThat(b.events(CarEvent.LockActuated.class)).isEmpty();
        assertThat(b.car().status().allLocked()).isTrue();
    }

    @Test
    void fourIgnitionCyclesAreCountedAndKeyOutOpensTheLearnWindow() {
        Bench b = outOfStepCar();

        Rituals.unlockAndInsert(b, "A");
        Rituals.cycles(b, 4);
        Rituals.keyOut(b);

        assertThat(b.events(CarEvent.CycleCounted.class))
                .extracting(CarEvent.CycleCounted::at, CarEvent.CycleCounted::n, CarEvent.CycleCounted::of)
                .containsExactly(tuple(3 * S, 1, 4), tuple(5 * S, 2, 4), tuple(7 * S, 3, 4), tuple(9 * S, 4, 4));
        assertThat(b.events(CarEvent.LearnWindowOpened.class))
                .extracting(CarEvent.LearnWindowOpened::at, CarEvent.LearnWindowOpened::closesAt)
                .containsExactly(tuple(10 * S, 40 * S));
        assertThat(b.car().status().learnWindowOpen()).isTrue();
        assertThat(b.car().status().learnWindowLeftNanos()).isEqualTo(30 * S);
    }

    @Test
    void gestureAfterTheCyclesRelearnsTheRemoteInItsSlot() {
        Bench b = outOfStepCar();

        long learnedAt = Rituals.ritual2005(b, "A");

        assertThat(learnedAt).isEqualTo(12_700 * MS);
        assertThat(b.events(CarEvent.RemoteLearned.class))
                .containsExactly(new CarEvent.RemoteLearned(12_700 * MS, SERIAL_A, 0, true));
        assertThat(b.events(CarEvent.GestureFailed.class)).isEmpty();
    }

    @Test
    void carTriesToUnlockEachDoorThenLocksTheWholeCarAtConfirmStepSpacing() {
        Bench b = outOfStepCar();
        long learnedAt = Rituals.ritual2005(b, "A");

        b.settle();

        long step = 300 * MS; // the profile's completion.confirm-step
        assertThat(Rituals.since(b, CarEvent.LockActuated.class, learnedAt))
                .containsExactly(
                        new CarEvent.LockActuated(learnedAt + step, "driver", LockState.UNLOCKED),
                        new CarEvent.LockActuated(learnedAt + 2 * step, "passenger", LockState.UNLOCKED),
                        new CarEvent.LockActuated(learnedAt + 3 * step, "tailgate", LockState.UNLOCKED),
                        new CarEvent.LockActuated(learnedAt + 4 * step, "driver", LockState.LOCKED),
                        new CarEvent.LockActuated(learnedAt + 4 * step, "passenger", LockState.LOCKED),
                        new CarEvent.LockActuated(learnedAt + 4 * step, "tailgate", LockState.LOCKED));
        assertThat(b.car().status().allLocked()).isTrue();
    }

    @Test
    void remoteWorksAgainAfterTheRitual() {
        Bench b = outOfStepCar();
        Rituals.ritual2005(b, "A");
        b.settle();
        long pressAt = b.now() + S;

        Rituals.at(b, pressAt, "press A unlock").settle();

        // 40120 + 4 gesture codes = 40124 learned; this press sends 40125.
        assertThat(Rituals.since(b, CarEvent.RemoteCodeAccepted.class, pressAt))
                .containsExactly(new CarEvent.RemoteCodeAccepted(pressAt, SERIAL_A, 0, 40125, Button.UNLOCK.bit()));
        assertThat(Rituals.since(b, CarEvent.LockActuated.class, pressAt))
                .extracting(CarEvent.LockActuated::door, CarEvent.LockActuated::state)
                .containsExactly(
                        tuple("driver", LockState.UNLOCKED),
                        tuple("passenger", LockState.UNLOCKED),
                        tuple("tailgate", LockState.UNLOCKED));
        assertThat(b.car().receiver().slotOf(SERIAL_A))
                .get()
                .extracting(Slot::index, Slot::counter, Slot::sync)
                .containsExactly(0, 40125, Slot.Sync.IN_SYNC);
    }

    @Test
    void learnWindowStaysOpenForFurtherRemotesThenClosesCompleted() {
        Bench b = outOfStepCar();
        long learnedAt = Rituals.ritual2005(b, "A");

        b.settle();

        // further-remote-within is 30 s, inclusive: the window closes 1 ns after the limit.
        assertThat(b.events(CarEvent.LearnWindowClosed.class))
                .containsExactly(
                        new CarEvent.LearnWindowClosed(learnedAt + 30 * S + 1, CarEvent.WindowClose.COMPLETED, 1));
        assertThat(b.car().status().learnWindowOpen()).isFalse();
    }

    @Test
    void theThreadsTimingBreaksNoLimit() {
        Bench b = outOfStepCar();
        Rituals.ritual2005(b, "A");
        b.settle();

        assertThat(b.windows()).isNotEmpty().allMatch(TimingWindow::met, "met");
        assertThat(b.windows())
                .extracting(TimingWindow::name)
                .contains(
                        "cycles.min-run-time",
                        "cycles.max-run-time",
                        "cycles.max-off-time",
                        "completion.key-out-deadline",
                        "completion.first-remote-within",
                        "completion.release-tolerance");
    }
}
