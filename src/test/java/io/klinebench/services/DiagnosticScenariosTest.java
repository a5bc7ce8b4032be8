package io.klinebench.services;

import static io.klinebench.services.Diag.R53_2002;
import static io.klinebench.services.Diag.R53_2005;
import static io.klinebench.services.Diag.R56;
import static io.klinebench.services.Diag.SERIAL_A;
import static io.klinebench.services.Diag.SERIAL_B;
import static io.klinebench.services.Diag.SERIAL_NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.klinebench.bench.CarSetup;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import io.klinebench.car.CarEvent.CodeReject;
import io.klinebench.car.CarEvent.LockState;
import io.klinebench.car.FaultMemory;
import org.junit.jupiter.api.Test;

/**
 * The stories told through the diagnostic line: the dealer's path for a new remote,
 * a replaced receiver coded back to work, counters and slots read after the owners' ritual,
 * faults set by the model and cleared.
 */
class DiagnosticScenariosTest {

    private static final String VIN_R53 = "WMWRE33546TN12345";
    private static final String VIN_R56 = "WMWMF33589TX12345";

    /** The R50/R53 ritual with {@code key}: console unlock, the cycles, key out, the gesture. */
    private static void gestureRitual(Diag d, String key, int cycles) {
        d.perform("console unlock").after("1s", "insert " + key);
        for (int i = 0; i < cycles; i++) {
            d.after("1s", "ignition 2").after("1s", "ignition 0");
        }
        d.after("1s", "remove key");
        d.after("1s", "hold " + key + " unlock")
                .after("500ms", "press " + key + " lock")
                .after("500ms", "press " + key + " lock")
                .after("500ms", "hold " + key + " lock")
                .after("200ms", "release " + key + " lock unlock");
        d.settle();
    }

    /** The R56 ritual: console unlock, key in, three cycles; the key is learned at the last off. */
    private static void r56Ritual(Diag d, String key) {
        d.perform("console unlock").after("1s", "insert " + key);
        for (int i = 0; i < 3; i++) {
            d.after("1s", "ignition 2").after("1s", "ignition 0");
        }
        d.settle();
    }

    @Test
    void aBrandNewRemoteOn2002To2004TakesTheDealersPath() {
        Diag d = Diag.of(
                R53_2002,
                CarSetup.of(
                        KeySpec.remoteKey("A", SERIAL_A, 0),
                        KeySpec.remoteKey("N", SERIAL_NEW, 0).notLearned()));

        // the owners' ritual refuses a remote the car does not know
        gestureRitual(d, "N", 1);
        assertThat(d.events(CarEvent.RemoteLearned.class)).isEmpty();
        assertThat(d.events(CarEvent.RemoteCodeRejected.class))
                .extracting(CarEvent.RemoteCodeRejected::reason)
                .contains(CodeReject.UNKNOWN_REMOTE);
        assertThat(d.send("04")).contains("93 08 00");

        // the dealer: diagnostics on, the learn for plip location 2, ignition on, one press
        assertThat(d.unlockDs2()).isEqualTo("A0");
        assertThat(d.send("12 01 02 1E")).isEqualTo("A0");
        d.after("2s", "insert N").after("1s", "ignition 2").after("2s", "press N unlock");
        int counter = d.bench.rig().key("N").remote().counter();
        assertThat(d.send("12 02"))
                .isEqualTo(String.format("A0 00 02 00 AB CD EF %02X %02X", counter >> 8, counter & 0xFF));
        assertThat(d.send("0B 42"))
                .isEqualTo(String.format("A0 02 01 00 AB CD EF %02X %02X 00 00", counter >> 8, counter & 0xFF));

        // and the new remote now opens the car (after the learn window that ignition cycle and
        // key-out opened has closed: a press inside it would be taken for a gesture)
        d.after("1s", "ignition 0")
                .after("1s", "remove key")
                .after("11s", "press N unlock")
                .settle();
        assertThat(d.events(CarEvent.RemoteCodeAccepted.class))
                .extracting(CarEvent.RemoteCodeAccepted::serial, CarEvent.RemoteCodeAccepted::slot)
                .containsExactly(tuple(SERIAL_NEW, 1));
        assertThat(d.car().status().lockState("driver")).isEqualTo(LockState.UNLOCKED);
    }

    @Test
    void aReplacedReceiverCodedOverDs2PairsWithTheRitualAgain() {
        Diag d = Diag.of(R53_2005, CarSetup.of(KeySpec.remoteKey("A", SERIAL_A, 0)));
        d.perform("replace receiver");
        gestureRitual(d, "A", 4);
        assertThat(d.events(CarEvent.RemoteLearned.class)).isEmpty();
        // not coded (the replacement and the four refused gesture codes), and the window that ran out
        assertThat(d.send("04")).isEqualTo("A0 02 93 01 00 05 00 93 03 00 01 00");

        d.unlockDs2();
        assertThat(d.send("09 " + Diag.vinHex("WMWRE33546TN00000"))).isEqualTo("B0 [request out of range]");
        assertThat(d.send("09 " + Diag.vinHex(VIN_R53))).isEqualTo("A0");
        assertThat(d.send("08")).isEqualTo("A0 01 " + Diag.vinHex(VIN_R53));

        d.advance("5s");
        gestureRitual(d, "A", 4);
        d.after("1s", "press A unlock").settle();

        assertThat(d.events(CarEvent.RemoteLearned.class))
                .extracting(CarEvent.RemoteLearned::serial, CarEvent.RemoteLearned::slot)
                .containsExactly(tuple(SERIAL_A, 0));
        assertThat(d.events(CarEvent.RemoteCodeAccepted.class))
                .extracting(CarEvent.RemoteCodeAccepted::serial)
                .containsExactly(SERIAL_A);
        // receiver-not-coded healed (stored, inactive); the refused coding recorded; all of them
        // four ignition cycles (the second ritual's) old
        assertThat(d.send("04")).isEqualTo("A0 03 93 01 01 05 04 93 03 01 01 04 93 0B 01 01 04");
    }

    @Test
    void aReplacedR56ReceiverCodedOverKwpThenItsKeyWrittenThenTheRitualWorks() {
        Diag d = Diag.of(R56, CarSetup.of(KeySpec.remoteKey("A", SERIAL_A, 0)));
        d.perform("replace receiver");
        r56Ritual(d, "A");
        assertThat(d.events(CarEvent.LearnAborted.class))
                .extracting(CarEvent.LearnAborted::reason)
                .containsExactly(CarEvent.LearnAbort.RECEIVER_NOT_CODED);
        d.after("1s", "remove key");

        d.unlockKwp();
        assertThat(d.sendAndWait("3B 06 " + Diag.vinHex(VIN_R56))).isEqualTo("7B 06");
        // the R56 resynchronises known keys only: the dealer writes the key's code first
        assertThat(d.send("3B 41 " + Diag.code(SERIAL_A, 50))).isEqualTo("7B 41");
        d.app.sessionEnded(d.now());

        d.advance("10s");
        r56Ritual(d, "A");

        assertThat(d.events(CarEvent.RemoteLearned.class))
                .extracting(
                        CarEvent.RemoteLearned::serial,
                        CarEvent.RemoteLearned::slot,
                        CarEvent.RemoteLearned::resynchronised)
                .containsExactly(tuple(SERIAL_A, 0, true));
        assertThat(d.send("21 41")).isEqualTo("61 41 01 01 00 1A 2B 3C 00 64 00 00");
    }

    @Test
    void theCycleCounterReadsTheCyclesDoneByHand() {
        Diag r56 = Diag.of(R56);
        r56.perform("console unlock").after("1s", "insert A");
        r56.after("1s", "ignition 2")
                .after("1s", "ignition 0")
                .after("1s", "ignition 2")
                .after("1s", "ignition 0");
        assertThat(r56.send("21 01")).isEqualTo("61 01 01 00 02 03");
        r56.after("1s", "ignition 2");
        assertThat(r56.send("21 01")).isEqualTo("61 01 01 03 02 03");

        Diag r53 = Diag.of(R53_2005);
        r53.perform("console unlock").after("1s", "insert A");
        for (int i = 0; i < 3; i++) {
            r53.after("1s", "ignition 2").after("1s", "ignition 0");
        }
        assertThat(r53.send("0B 01")).isEqualTo("A0 01 00 03 04");
    }

    @Test
    void theLearnWindowAndItsTimeLeft() {
        Diag d = Diag.of(R53_2005);
        d.perform("console unlock").after("1s", "insert A");
        for (int i = 0; i < 4; i++) {
            d.after("1s", "ignition 2").after("1s", "ignition 0");
        }
        d.after("1s", "remove key");

        assertThat(d.send("0B 02")).isEqualTo("A0 01 0B B8 00");
        d.advance("10s");
        assertThat(d.send("0B 02")).isEqualTo("A0 01 07 D0 00");
        d.advance("20s").advance("1ns");
        assertThat(d.send("0B 02")).isEqualTo("A0 00 00 00 00");
    }

    @Test
    void theSlotTableAfterTheRitual() {
        Diag d = Diag.of(
                R53_2005,
                CarSetup.of(KeySpec.remoteKey("A", SERIAL_A, 0).outOfSync(), KeySpec.remoteKey("B", SERIAL_B, 1)));
        assertThat(d.send("0B 41")).isEqualTo("A0 01 01 00 1A 2B 3C 00 64 02 00");

        gestureRitual(d, "A", 4);

        int counter = d.bench.rig().key("A").remote().counter();
        String slotA = String.format("01 01 00 1A 2B 3C %02X %02X 00 00", counter >> 8, counter & 0xFF);
        // B was not learned in the session: 2005-2008 drops it
        assertThat(d.send("0B 30"))
                .isEqualTo("A0 04 " + slotA + " 02 00 00 00 00 00 00 00 00 00"
                        + " 03 00 00 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00 00 00");
        assertThat(d.send("10 01")).endsWith(String.format("00 %02X %02X 00 1A 2B 3C", counter >> 8, counter & 0xFF));
    }

    @Test
    void aLearnAbortIsAFaultUntilCleared() {
        Diag r53 = Diag.of(R53_2005);
        r53.perform("console unlock").after("1s", "insert A");
        for (int i = 0; i < 3; i++) {
            r53.after("1s", "ignition 2").after("1s", "ignition 0");
        }
        r53.after("1s", "remove key");
        assertThat(r53.events(CarEvent.LearnAborted.class))
                .extracting(CarEvent.LearnAborted::reason)
                .containsExactly(CarEvent.LearnAbort.WRONG_CYCLE_COUNT);

        assertThat(r53.send("04")).isEqualTo("A0 01 93 02 00 01 00");
        assertThat(r53.send("05")).isEqualTo("A0");
        assertThat(r53.send("04")).isEqualTo("A0 00");

        Diag r56 = Diag.of(R56);
        r56.perform("console unlock").after("1s", "insert A");
        r56.after("1s", "ignition 2").after("1s", "ignition 0").after("1s", "remove key");

        assertThat(r56.send("18 02 FF FF")).isEqualTo("58 01 93 02 60");
        assertThat(r56.send("17 93 02")).isEqualTo("57 01 93 02 60 01 00");
        assertThat(r56.send("14 FF 00")).isEqualTo("54 FF 00");
        assertThat(r56.send("18 02 FF FF")).isEqualTo("58 00");
    }

    @Test
    void outOfSyncCodesAndAWindowTimeoutAreFaults() {
        Diag d = Diag.of(
                R53_2005, CarSetup.of(KeySpec.remoteKey("A", SERIAL_A, 0).counter(100, 200)));
        d.perform("press A unlock");
        d.perform("console unlock").after("1s", "insert A");
        for (int i = 0; i < 4; i++) {
            d.after("1s", "ignition 2").after("1s", "ignition 0");
        }
        d.after("1s", "remove key").after("1s", "press A lock").settle();

        assertThat(d.car().diagnostics().faults().entries())
                .extracting(e -> e.fault())
                .contains(FaultMemory.Fault.CODE_OUT_OF_SYNC, FaultMemory.Fault.LEARN_WINDOW_TIMEOUT);
        // the out-of-sync code is four ignition cycles old and stored; the timeout is new
        assertThat(d.send("04")).isEqualTo("A0 02 93 03 00 01 00 93 06 01 01 04");
    }
}
