package io.klinebench.car;

import static io.klinebench.car.Benches.R53_2005;
import static io.klinebench.car.Benches.S;
import static io.klinebench.car.Benches.SERIAL_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.bench.Bench;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.FaultMemory.Entry;
import io.klinebench.car.FaultMemory.Fault;
import io.klinebench.car.FaultMemory.Status;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Faults set by what the model does, their status, count, times and age, and clearing. */
class FaultMemoryTest {

    private static Bench bench() {
        return Benches.bench(R53_2005, KeySpec.remoteKey("A", SERIAL_A, 0));
    }

    @Test
    void dtcNumbersAreUniqueAndFindable() {
        assertThat(Arrays.stream(Fault.values()).map(Fault::dtc).distinct()).hasSize(Fault.values().length);
        for (Fault f : Fault.values()) {
            assertThat(Fault.ofDtc(f.dtc())).contains(f);
            assertThat(f.dtc()).isBetween(0, 0xFFFF);
        }
        assertThat(Fault.ofDtc(0x1234)).isEmpty();
    }

    @Test
    void aNewCarHasNoFaults() {
        assertThat(bench().car().diagnostics().faults().isEmpty()).isTrue();
    }

    @Test
    void aReceiverNotCodedIsPresentUntilCodedThenStored() {
        Bench b = bench();
        b.advance("2s").perform("replace receiver");
        b.advance("3s").perform("press A unlock");

        assertThat(b.car().diagnostics().faults().entry(Fault.RECEIVER_NOT_CODED))
                .contains(new Entry(Fault.RECEIVER_NOT_CODED, Status.PRESENT, 2, 2 * S, 5 * S, 0));
        b.perform("insert A").perform("ignition 2");
        assertThat(b.car()
                        .diagnostics()
                        .faults()
                        .entry(Fault.RECEIVER_NOT_CODED)
                        .orElseThrow()
                        .status())
                .as("a condition stays present across ignition cycles")
                .isEqualTo(Status.PRESENT);

        b.car().diagnostics().codeReceiver();

        assertThat(b.car().diagnostics().faults().entry(Fault.RECEIVER_NOT_CODED))
                .contains(new Entry(Fault.RECEIVER_NOT_CODED, Status.STORED, 2, 2 * S, 5 * S, 1));
    }

    @Test
    void eventFaultsAreStoredAtTheNextIgnitionOnAndAgeByCycle() {
        Bench b = bench();
        b.perform("car-battery disconnect").after("1s", "car-battery connect");
        assertThat(b.car()
                        .diagnostics()
                        .faults()
                        .entry(Fault.CAR_BATTERY_LOST)
                        .orElseThrow()
                        .present())
                .isTrue();

        b.perform("insert A");
        for (int i = 0; i < 3; i++) {
            b.after("1s", "ignition 2").after("10s", "ignition 0");
        }

        Entry e = b.car().diagnostics().faults().entry(Fault.CAR_BATTERY_LOST).orElseThrow();
        assertThat(e.status()).isEqualTo(Status.STORED);
        assertThat(e.age()).isEqualTo(3);
        assertThat(e.occurrences()).isEqualTo(1);
    }

    @Test
    void aNewOccurrenceMakesItPresentAndYoungAgain() {
        Bench b = bench();
        b.perform("car-battery disconnect").after("1s", "car-battery connect");
        b.perform("insert A")
                .after("1s", "ignition 2")
                .after("10s", "ignition 0")
                .after("1s", "remove key");

        b.after("1s", "car-battery disconnect").after("1s", "car-battery connect");

        Entry e = b.car().diagnostics().faults().entry(Fault.CAR_BATTERY_LOST).orElseThrow();
        assertThat(e)
                .extracting(Entry::status, Entry::occurrences, Entry::age, Entry::firstAt)
                .containsExactly(Status.PRESENT, 2, 0, 1 * S);
        assertThat(e.lastAt()).isEqualTo(b.now());
    }

    @Test
    void aLearnAbortIsRecorded() {
        Bench b = bench();
        b.perform("console unlock")
                .after("1s", "insert A")
                .after("1s", "ignition 2")
                .after("1s", "ignition 0")
                .after("1s", "remove key");

        assertThat(b.car().diagnostics().faults().entries())
                .extracting(Entry::fault)
                .containsExactly(Fault.LEARN_ABORTED);
    }

    @Test
    void clearingEmptiesTheMemoryButAConditionThatHoldsIsBackAtOnce() {
        Bench b = bench();
        b.perform("car-battery disconnect").after("1s", "car-battery connect").perform("replace receiver");

        assertThat(b.car().diagnostics().clearFaults()).isEqualTo(2);

        assertThat(b.car().diagnostics().faults().entries())
                .extracting(Entry::fault, Entry::occurrences)
                .containsExactly(org.assertj.core.api.Assertions.tuple(Fault.RECEIVER_NOT_CODED, 1));
        b.car().diagnostics().codeReceiver();
        assertThat(b.car().diagnostics().clearFaults()).isEqualTo(1);
        assertThat(b.car().diagnostics().faults().isEmpty()).isTrue();
    }

    @Test
    void faultsSurviveAnEcuResetAndAPowerCycle() {
        Bench b = bench();
        b.perform("replace receiver");

        b.car().diagnostics().ecuReset();
        b.perform("car-battery disconnect").after("1s", "car-battery connect");

        assertThat(b.car().diagnostics().faults().entries())
                .extracting(Entry::fault)
                .containsExactly(Fault.RECEIVER_NOT_CODED, Fault.CAR_BATTERY_LOST);
    }
}
