package io.klinebench.behaviour;

import static io.klinebench.behaviour.Rituals.D;
import static io.klinebench.behaviour.Rituals.MIN;
import static io.klinebench.behaviour.Rituals.R53_2002;
import static io.klinebench.behaviour.Rituals.R53_2005;
import static io.klinebench.behaviour.Rituals.R56;
import static io.klinebench.behaviour.Rituals.S;
import static io.klinebench.behaviour.Rituals.SERIAL_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.klinebench.bench.Bench;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import io.klinebench.car.CarEvent.CodeReject;
import io.klinebench.fob.FobEvent;
import io.klinebench.time.TimingWindow;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Behaviour 6: remote batteries. The 2002-2004 "clamshell" takes a CR2032 that "can be taken
 * out for up to 5 minutes"; the 2005+ remotes have "an internal battery that is charged while
 * it is in the ignition" (full-charge-time 30min on 2005-2008, 30h on the R56, drain 0.02 a
 * day, min-operating-level 0.1).
 */
class RemoteBatteryTest {

    private static final Offset<Double> EXACT = within(1e-9);
    private static final double DRAIN_PER_DAY = 0.02;

    // ---- coin cell, 2002-2004 ----------------------------------------------------------------

    private static Bench coinCellOut(long outNanos) {
        Bench b = Rituals.bench(R53_2002, KeySpec.remoteKey("A", SERIAL_A, 0));
        b.perform("remote-battery A remove");
        b.advanceNanos(outNanos).perform("remote-battery A insert");
        return b;
    }

    @Test
    void coinCellOutForExactlyMaxOutTimeKeepsSync() {
        Bench b = coinCellOut(5 * MIN);
        long pressAt = b.now() + S;

        Rituals.at(b, pressAt, "press A unlock").settle();

        assertThat(b.events(FobEvent.BatteryInserted.class))
                .extracting(FobEvent.BatteryInserted::at, FobEvent.BatteryInserted::syncLost)
                .containsExactly(tuple(5 * MIN, false));
        assertThat(b.windows("remote-battery.max-out-time"))
                .extracting(TimingWindow::met, TimingWindow::marginNanos)
                .containsExactly(tuple(true, 0L));
        assertThat(b.events(CarEvent.RemoteCodeAccepted.class))
                .extracting(CarEvent.RemoteCodeAccepted::counter)
                .containsExactly(101);
        assertThat(b.rejections()).isEmpty();
    }

    @Test
    void coinCellOutOneNanosecondLongerLosesSync() {
        Bench b = coinCellOut(5 * MIN + 1);
        long pressAt = b.now() + S;

        Rituals.at(b, pressAt, "press A unlock").after("1s", "press A lock").settle();

        assertThat(b.events(FobEvent.BatteryInserted.class))
                .extracting(FobEvent.BatteryInserted::at, FobEvent.BatteryInserted::syncLost)
                .containsExactly(tuple(5 * MIN + 1, true));
        assertThat(b.windows("remote-battery.max-out-time"))
                .extracting(TimingWindow::met, TimingWindow::marginNanos)
                .containsExactly(tuple(false, -1L));
        assertThat(Rituals.rejectionReasons(b)).containsExactly(CodeReject.OUTSIDE_WINDOW, CodeReject.OUTSIDE_WINDOW);
        assertThat(b.events(CarEvent.RemoteCodeAccepted.class)).isEmpty();
    }

    @Test
    void coinCellRemoteThatLostSyncWorksAgainAfterTheRitual() {
        Bench b = coinCellOut(6 * MIN);
        b.advance("1s");

        Rituals.gestureRitual(b, "A", 1);
        b.settle();
        long pressAt = b.now() + S;
        Rituals.at(b, pressAt, "press A unlock").settle();

        assertThat(b.events(CarEvent.RemoteLearned.class))
                .extracting(CarEvent.RemoteLearned::serial, CarEvent.RemoteLearned::resynchronised)
                .containsExactly(tuple(SERIAL_A, true));
        assertThat(Rituals.since(b, CarEvent.RemoteCodeAccepted.class, pressAt))
                .extracting(CarEvent.RemoteCodeAccepted::serial)
                .containsExactly(SERIAL_A);
    }

    @Test
    void rechargeableCellCannotBeTakenOut() {
        Bench b = Rituals.bench(R53_2005, KeySpec.remoteKey("A", SERIAL_A, 0));

        b.perform("remote-battery A remove").advance("10min").perform("remote-battery A insert");

        assertThat(b.events(FobEvent.BatteryRemoved.class)).isEmpty();
        assertThat(b.events(FobEvent.BatteryInserted.class)).isEmpty();
        assertThat(Rituals.battery(b, "A").installed()).isTrue();
    }

    // ---- rechargeable, 2005-2008 and R56 --------------------------------------------------------

    /** Key A with an empty (or given) battery in the ignition at {@code position} for {@code nanos}. */
    private static double levelAfter(String profile, double start, int position, long nanos) {
        Bench b = Rituals.bench(profile, KeySpec.remoteKey("A", SERIAL_A, 0).battery(start));
        b.perform("insert A").perform("ignition " + position);
        b.advanceNanos(nanos);
        return Rituals.battery(b, "A").level();
    }

    @Test
    void chargesAtPositionTwoAtTheProfilesRate() {
        // 15 of the 30 minutes a full charge takes, less 15 minutes of drain
        assertThat(levelAfter(R53_2005, 0.0, 2, 15 * MIN)).isCloseTo(0.5 - DRAIN_PER_DAY * 15 / 1440, EXACT);
    }

    @Test
    void chargesAtPositionOneAsTheProfileSays() {
        assertThat(levelAfter(R53_2005, 0.0, 1, 15 * MIN)).isCloseTo(0.5 - DRAIN_PER_DAY * 15 / 1440, EXACT);
    }

    @Test
    void doesNotChargeAtPositionZero() {
        assertThat(levelAfter(R53_2005, 0.5, 0, 15 * MIN)).isCloseTo(0.5 - DRAIN_PER_DAY * 15 / 1440, EXACT);
    }

    @Test
    void r56KeyChargesAtItsOwnProfilesRate() {
        // full-charge-time 30h: 15 h is half
        assertThat(levelAfter(R56, 0.0, 2, 15 * 60 * MIN)).isCloseTo(0.5 - DRAIN_PER_DAY * 15 / 24, EXACT);
    }

    @Test
    void drainsOverDays() {
        Bench b = Rituals.bench(R53_2005, KeySpec.remoteKey("A", SERIAL_A, 0));

        b.advanceNanos(10 * D);

        assertThat(Rituals.battery(b, "A").level()).isCloseTo(1.0 - 10 * DRAIN_PER_DAY, EXACT);
    }

    @Test
    void belowMinOperatingLevelLockAndUnlockDoNothing() {
        Bench b = Rituals.bench(R53_2005, KeySpec.remoteKey("A", SERIAL_A, 0));
        b.advanceNanos(46 * D); // 1.0 - 46 * 0.02 = 0.08, below 0.1

        b.perform("press A unlock").after("1s", "press A lock").settle();

        assertThat(Rituals.battery(b, "A").level()).isLessThan(0.1);
        assertThat(Rituals.rejectionReasons(b)).containsExactly(CodeReject.BATTERY_TOO_LOW, CodeReject.BATTERY_TOO_LOW);
        assertThat(b.events(CarEvent.LockActuated.class)).isEmpty();
        assertThat(b.car().status().allLocked()).isTrue();
    }

    @Test
    void chargingAgainInTheIgnitionMakesItWork() {
        Bench b = Rituals.bench(R53_2005, KeySpec.remoteKey("A", SERIAL_A, 0));
        b.advanceNanos(46 * D);
        b.perform("press A unlock").settle();

        b.after("1s", "insert A")
                .after("1s", "ignition 2")
                .after("30min", "ignition 0")
                .after("1s", "remove key");
        long pressAt = b.now() + S;
        Rituals.at(b, pressAt, "press A unlock").settle();

        assertThat(Rituals.battery(b, "A").level()).isGreaterThan(0.99);
        assertThat(Rituals.since(b, CarEvent.RemoteCodeAccepted.class, pressAt))
                .extracting(CarEvent.RemoteCodeAccepted::serial)
                .containsExactly(SERIAL_A);
        assertThat(Rituals.since(b, CarEvent.RemoteCodeRejected.class, pressAt)).isEmpty();
        assertThat(b.car().status().allLocked()).isFalse();
    }
}
