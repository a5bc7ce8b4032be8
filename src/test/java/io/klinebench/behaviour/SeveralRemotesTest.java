package io.klinebench.behaviour;

import static io.klinebench.behaviour.Rituals.MS;
import static io.klinebench.behaviour.Rituals.R53_2002;
import static io.klinebench.behaviour.Rituals.R53_2005;
import static io.klinebench.behaviour.Rituals.R56;
import static io.klinebench.behaviour.Rituals.S;
import static io.klinebench.behaviour.Rituals.SERIAL_A;
import static io.klinebench.behaviour.Rituals.SERIAL_B;
import static io.klinebench.behaviour.Rituals.SERIAL_C;
import static io.klinebench.behaviour.Rituals.SERIAL_D;
import static io.klinebench.behaviour.Rituals.SERIAL_E;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.klinebench.bench.Bench;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import io.klinebench.car.CarEvent.CodeReject;
import io.klinebench.car.Slot;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Behaviour 4: several remotes in one learn session; 4 slots on the R50/R53, 10 on the R56;
 * on 2005-2008 remotes not re-learned in the session lose their slot ("keys not done lose
 * their programming"); a fifth remote when four are learned overwrites the last slot (HCS
 * receivers: "when the slots are full the last one is overwritten").
 */
class SeveralRemotesTest {

    /** The serial in each slot, 0 for an empty one. */
    private static List<Integer> slotSerials(Bench b) {
        return b.car().receiver().slots().stream()
                .map(s -> s.map(Slot::serial).orElse(0))
                .toList();
    }

    private static KeySpec newRemote(String id, int serial) {
        return KeySpec.remoteKey(id, serial, -1);
    }

    @Test
    void r50R53ModulesStoreFourRemotes() {
        assertThat(Rituals.bench(R53_2005).car().receiver().slotCount()).isEqualTo(4);
        assertThat(Rituals.bench(R53_2002).car().receiver().slotCount()).isEqualTo(4);
        assertThat(Rituals.bench(R53_2005).car().receiver().slots()).hasSize(4);
    }

    @Test
    void r56StoresTenKeys() {
        assertThat(Rituals.bench(R56).car().receiver().slotCount()).isEqualTo(10);
        assertThat(Rituals.bench(R56).car().receiver().slots()).hasSize(10);
    }

    @Test
    void severalRemotesAreLearnedInOneSession() {
        Bench b = Rituals.bench(
                R53_2005,
                KeySpec.remoteKey("A", SERIAL_A, 0).outOfSync(),
                newRemote("B", SERIAL_B),
                newRemote("C", SERIAL_C));

        long a = Rituals.ritual2005(b, "A");
        long bb = Rituals.gesture(b, "B");
        long c = Rituals.gesture(b, "C");

        assertThat(List.of(a, bb, c)).containsExactly(12_700 * MS, 15_400 * MS, 18_100 * MS);
        assertThat(b.events(CarEvent.RemoteLearned.class))
                .containsExactly(
                        new CarEvent.RemoteLearned(a, SERIAL_A, 0, true),
                        new CarEvent.RemoteLearned(bb, SERIAL_B, 1, false),
                        new CarEvent.RemoteLearned(c, SERIAL_C, 2, false));
    }

    @Test
    void everyRemoteLearnedInTheSessionWorksAfterIt() {
        Bench b = Rituals.bench(
                R53_2005,
                KeySpec.remoteKey("A", SERIAL_A, 0).outOfSync(),
                newRemote("B", SERIAL_B),
                newRemote("C", SERIAL_C));
        Rituals.ritual2005(b, "A");
        Rituals.gesture(b, "B");
        Rituals.gesture(b, "C");
        b.settle();
        long from = b.now();

        b.after("1s", "press A unlock")
                .after("1s", "press B lock")
                .after("1s", "press C unlock")
                .settle();

        assertThat(Rituals.since(b, CarEvent.RemoteCodeAccepted.class, from))
                .extracting(CarEvent.RemoteCodeAccepted::serial, CarEvent.RemoteCodeAccepted::slot)
                .containsExactly(tuple(SERIAL_A, 0), tuple(SERIAL_B, 1), tuple(SERIAL_C, 2));
        assertThat(Rituals.since(b, CarEvent.RemoteCodeRejected.class, from)).isEmpty();
    }

    @Test
    void remoteNotRelearnedInTheSessionLosesItsSlotOn2005To2008() {
        Bench b = Rituals.bench(
                R53_2005, KeySpec.remoteKey("A", SERIAL_A, 0).outOfSync(), KeySpec.remoteKey("B", SERIAL_B, 1));
        long learnedA = Rituals.ritual2005(b, "A");
        b.settle();
        long pressAt = b.now() + S;

        Rituals.at(b, pressAt, "press B unlock").settle();

        assertThat(b.events(CarEvent.SlotsDropped.class))
                .containsExactly(new CarEvent.SlotsDropped(
                        learnedA + 30 * S + 1, List.of(new CarEvent.DroppedSlot(1, SERIAL_B))));
        assertThat(slotSerials(b)).containsExactly(SERIAL_A, 0, 0, 0);
        assertThat(Rituals.since(b, CarEvent.RemoteCodeRejected.class, pressAt))
                .extracting(CarEvent.RemoteCodeRejected::serial, CarEvent.RemoteCodeRejected::reason)
                .containsExactly(tuple(SERIAL_B, CodeReject.UNKNOWN_REMOTE));
    }

    @Test
    void remoteNotRelearnedKeepsItsSlotOn2002To2004() {
        Bench b = Rituals.bench(
                R53_2002, KeySpec.remoteKey("A", SERIAL_A, 0).outOfSync(), KeySpec.remoteKey("B", SERIAL_B, 1));
        Rituals.gestureRitual(b, "A", 1);
        b.settle();
        long pressAt = b.now() + S;

        Rituals.at(b, pressAt, "press B unlock").settle();

        assertThat(b.events(CarEvent.SlotsDropped.class)).isEmpty();
        assertThat(slotSerials(b)).containsExactly(SERIAL_A, SERIAL_B, 0, 0);
        assertThat(Rituals.since(b, CarEvent.RemoteCodeAccepted.class, pressAt))
                .extracting(CarEvent.RemoteCodeAccepted::serial, CarEvent.RemoteCodeAccepted::slot)
                .containsExactly(tuple(SERIAL_B, 1));
    }

    @Test
    void fourRemotesFillTheFourSlots() {
        Bench b = Rituals.bench(
                R53_2005,
                newRemote("A", SERIAL_A),
                newRemote("B", SERIAL_B),
                newRemote("C", SERIAL_C),
                newRemote("D", SERIAL_D));

        Rituals.ritual2005(b, "A");
        Rituals.gesture(b, "B");
        Rituals.gesture(b, "C");
        Rituals.gesture(b, "D");
        b.settle();

        assertThat(b.events(CarEvent.RemoteLearned.class))
                .extracting(CarEvent.RemoteLearned::serial, CarEvent.RemoteLearned::slot)
                .containsExactly(tuple(SERIAL_A, 0), tuple(SERIAL_B, 1), tuple(SERIAL_C, 2), tuple(SERIAL_D, 3));
        assertThat(slotSerials(b)).containsExactly(SERIAL_A, SERIAL_B, SERIAL_C, SERIAL_D);
    }

    @Test
    void fifthRemoteInTheSameSessionOverwritesTheLastSlot() {
        Bench b = Rituals.bench(
                R53_2005,
                newRemote("A", SERIAL_A),
                newRemote("B", SERIAL_B),
                newRemote("C", SERIAL_C),
                newRemote("D", SERIAL_D),
                newRemote("E", SERIAL_E));
        Rituals.ritual2005(b, "A");
        Rituals.gesture(b, "B");
        Rituals.gesture(b, "C");
        Rituals.gesture(b, "D");

        long e = Rituals.gesture(b, "E");
        b.settle();

        assertThat(b.events(CarEvent.RemoteLearned.class))
                .last()
                .isEqualTo(new CarEvent.RemoteLearned(e, SERIAL_E, 3, false));
        assertThat(slotSerials(b)).containsExactly(SERIAL_A, SERIAL_B, SERIAL_C, SERIAL_E);
    }

    /**
     * With every slot taken by remotes not yet learned in this session, a new remote takes
     * the first of them (documented in RemoteReceiver.learn): overwriting the last slot, as
     * an HCS receiver does, would let a second new remote overwrite the first one again.
     */
    @Test
    void newRemoteWithFullSlotsTakesTheFirstSlotNotLearnedInTheSession() {
        Bench b = Rituals.bench(
                R53_2005,
                KeySpec.remoteKey("A", SERIAL_A, 0),
                KeySpec.remoteKey("B", SERIAL_B, 1),
                KeySpec.remoteKey("C", SERIAL_C, 2),
                KeySpec.remoteKey("D", SERIAL_D, 3),
                newRemote("E", SERIAL_E));

        long e = Rituals.ritual2005(b, "E");
        b.settle();

        assertThat(b.events(CarEvent.RemoteLearned.class))
                .containsExactly(new CarEvent.RemoteLearned(e, SERIAL_E, 0, false));
        assertThat(b.events(CarEvent.SlotsDropped.class)).hasSize(1);
        assertThat(b.events(CarEvent.SlotsDropped.class).get(0).dropped())
                .containsExactly(
                        new CarEvent.DroppedSlot(1, SERIAL_B),
                        new CarEvent.DroppedSlot(2, SERIAL_C),
                        new CarEvent.DroppedSlot(3, SERIAL_D));
        assertThat(b.car().receiver().slotOf(SERIAL_E))
                .get()
                .extracting(Slot::index)
                .isEqualTo(0);
        assertThat(b.car().receiver().slotOf(SERIAL_A)).isEmpty();
    }

    @Test
    void r56LearnsFurtherKnownKeysInsertedDuringTheSession() {
        Bench b = Rituals.bench(
                R56,
                KeySpec.remoteKey("A", SERIAL_A, 0).outOfSync(),
                KeySpec.remoteKey("B", SERIAL_B, 1).outOfSync(),
                KeySpec.remoteKey("C", SERIAL_C, 2).outOfSync());
        Rituals.unlockAndInsert(b, "A");
        Rituals.cycles(b, 3);

        b.after("1s", "remove key")
                .after("1s", "insert B")
                .after("1s", "remove key")
                .after("1s", "insert C")
                .after("1s", "remove key");
        long from = b.now();
        b.after("1s", "press A unlock")
                .after("1s", "press B unlock")
                .after("1s", "press C unlock")
                .settle();

        assertThat(b.events(CarEvent.RemoteLearned.class))
                .containsExactly(
                        new CarEvent.RemoteLearned(7 * S, SERIAL_A, 0, true),
                        new CarEvent.RemoteLearned(9 * S, SERIAL_B, 1, true),
                        new CarEvent.RemoteLearned(11 * S, SERIAL_C, 2, true));
        assertThat(Rituals.since(b, CarEvent.RemoteCodeAccepted.class, from))
                .extracting(CarEvent.RemoteCodeAccepted::serial)
                .containsExactly(SERIAL_A, SERIAL_B, SERIAL_C);
    }
}
