package io.klinebench.behaviour;

import static io.klinebench.behaviour.Rituals.R53_2005;
import static io.klinebench.behaviour.Rituals.S;
import static io.klinebench.behaviour.Rituals.SERIAL_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.klinebench.bench.Bench;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import io.klinebench.car.CarEvent.CountReset;
import io.klinebench.car.CarEvent.LearnAbort;
import io.klinebench.car.CarEvent.WindowClose;
import io.klinebench.car.Slot;
import org.junit.jupiter.api.Test;

/**
 * The ritual broken off, on 2005-2008: "close the door" (a door opened resets the count and
 * closes the learn window), "don't remove the key" until the fourth cycle (three cycles then
 * key out aborts), and a key put back in closes the learn window.
 */
class RitualInterruptionsTest {

    private static Bench car() {
        return Rituals.bench(R53_2005, KeySpec.remoteKey("A", SERIAL_A, 0).outOfSync());
    }

    @Test
    void doorOpenedDuringTheCyclesResetsTheCount() {
        Bench b = car();
        Rituals.unlockAndInsert(b, "A");
        Rituals.cycles(b, 2);

        b.after("500ms", "door driver open");

        assertThat(b.events(CarEvent.CycleCountReset.class))
                .containsExactly(new CarEvent.CycleCountReset(5500 * Rituals.MS, 2, CountReset.DOOR_OPENED));
        assertThat(b.car().status().cycleCount()).isZero();
    }

    @Test
    void cyclesWithADoorOpenAreNotCounted() {
        Bench b = car();
        b.perform("console unlock").perform("door passenger open").after("1s", "insert A");

        Rituals.cycles(b, 2);

        assertThat(b.events(CarEvent.CycleCounted.class)).isEmpty();
        assertThat(b.car().status().cycleCount()).isZero();
    }

    @Test
    void threeCyclesThenKeyOutAbortsWithWrongCycleCount() {
        Bench b = car();
        Rituals.unlockAndInsert(b, "A");
        Rituals.cycles(b, 3);

        long keyOutAt = Rituals.keyOut(b);

        assertThat(b.events(CarEvent.LearnAborted.class))
                .extracting(CarEvent.LearnAborted::at, CarEvent.LearnAborted::reason)
                .containsExactly(tuple(keyOutAt, LearnAbort.WRONG_CYCLE_COUNT));
        assertThat(b.events(CarEvent.LearnWindowOpened.class)).isEmpty();
        assertThat(b.car().status().learnWindowOpen()).isFalse();
    }

    @Test
    void threeCyclesThenTheGestureLearnsNothing() {
        Bench b = car();
        Rituals.gestureRitual(b, "A", 3);
        b.settle();

        assertThat(b.events(CarEvent.RemoteLearned.class)).isEmpty();
    }

    @Test
    void doorOpenedClosesTheLearnWindow() {
        Bench b = car();
        Rituals.unlockAndInsert(b, "A");
        Rituals.cycles(b, 4);
        Rituals.keyOut(b);

        b.after("1s", "door driver open");

        assertThat(b.events(CarEvent.LearnWindowClosed.class))
                .containsExactly(new CarEvent.LearnWindowClosed(11 * S, WindowClose.DOOR_OPENED, 0));
        assertThat(b.car().status().learnWindowOpen()).isFalse();
    }

    @Test
    void keyInsertedClosesTheLearnWindow() {
        Bench b = car();
        Rituals.unlockAndInsert(b, "A");
        Rituals.cycles(b, 4);
        Rituals.keyOut(b);

        b.after("1s", "insert A");

        assertThat(b.events(CarEvent.LearnWindowClosed.class))
                .containsExactly(new CarEvent.LearnWindowClosed(11 * S, WindowClose.KEY_INSERTED, 0));
        assertThat(b.car().status().learnWindowOpen()).isFalse();
    }

    @Test
    void gestureAfterTheWindowClosedLearnsNothing() {
        Bench b = car();
        Rituals.unlockAndInsert(b, "A");
        Rituals.cycles(b, 4);
        Rituals.keyOut(b);
        b.after("1s", "door driver open").after("1s", "door driver close");

        Rituals.gesture(b, "A");
        b.settle();

        assertThat(b.events(CarEvent.RemoteLearned.class)).isEmpty();
        assertThat(b.car().receiver().slotOf(SERIAL_A))
                .get()
                .extracting(Slot::sync)
                .isEqualTo(Slot.Sync.LOST);
    }
}
