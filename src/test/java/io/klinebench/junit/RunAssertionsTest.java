package io.klinebench.junit;

import static io.klinebench.junit.RunAssertions.assertThatBench;
import static io.klinebench.junit.RunAssertions.assertThatRun;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.bench.Bench;
import io.klinebench.bench.CarSetup;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each assertion holds where it should and fails where it should, saying what it found in human numbers. */
class RunAssertionsTest {

    /** The thread's ritual with the ignition off for {@code offTime} between cycles and the key out after 1 s. */
    private static Bench ritual(String offTime) throws Exception {
        Bench bench = Bench.of(
                "r50-r53-2005-2008",
                CarSetup.of(KeySpec.remoteKey("A", 0x1A2B3C, 0).outOfSync()));
        return ThreadsRitual.perform(bench, 4, offTime);
    }

    @Test
    void aWindowMetWithAMargin() throws Exception {
        Bench bench = ritual("4s"); // off 4 s of at most 5 s: margin 1 s

        assertThatBench(bench).windowMet("cycles.max-off-time").times(3).withMarginAtLeast("1s");
        assertThatThrownBy(() ->
                        assertThatBench(bench).windowMet("cycles.max-off-time").withMarginAtLeast("1.5s"))
                .hasMessageStartingWith("window cycles.max-off-time: 3 of 3 with a margin under 1.5s:")
                .hasMessageContaining("met: actual 4s, at most 5s, margin +1s");
    }

    @Test
    void aMissedWindowIsNamedWithItsValueLimitAndMargin() throws Exception {
        Bench bench = ritual("6s"); // off 6 s of at most 5 s: the count starts again

        assertThatThrownBy(() -> assertThatBench(bench).windowMet("cycles.max-off-time"))
                .hasMessageContaining("window cycles.max-off-time missed")
                .hasMessageContaining("MISSED: actual 5s")
                .hasMessageContaining("at most 5s, margin -1ns");
        assertThatBench(bench).windowMissed("cycles.max-off-time").missedByAtLeast("1ns");
        assertThatThrownBy(() -> assertThatBench(bench)
                        .windowMissed("cycles.max-off-time")
                        .missedByAtLeast("1s"))
                .hasMessageContaining("missed by less than 1s");
    }

    @Test
    void theRitualsOutcomeAndItsFirstCause() throws Exception {
        assertThatBench(ritual("1s")).ritualCompleted();

        Bench late = ritual("6s");
        assertThatBench(late).ritualFailedFirstWith("cycles.max-off-time missed");
        assertThatThrownBy(() -> assertThatBench(late).ritualCompleted())
                .hasMessageStartingWith("the bench: the ritual taught the car nothing; the causes:\n")
                .hasMessageContaining("cycles.max-off-time missed: 5s, at most 5s, margin -1ns");
        assertThatThrownBy(() -> assertThatBench(late).ritualFailedFirstWith("ritual aborted"))
                .hasMessageContaining("the first cause is not 'ritual aborted...'");
    }

    @Test
    void aWindowNeverAppliedSaysWhichWere() throws Exception {
        Bench bench = ritual("4s");

        assertThatThrownBy(() -> assertThatBench(bench).windowMet("cycles.max-of-time"))
                .hasMessageContaining("window cycles.max-of-time was never applied; applied were: ")
                .hasMessageContaining("cycles.max-off-time");
        assertThatThrownBy(() -> assertThatBench(bench).windowMissed("cycles.max-off-time"))
                .hasMessageContaining("met all 3 times, never missed");
    }

    @Test
    void anEventWithinASpanAndTheSlotTable() throws Exception {
        Bench bench = ritual("1s");

        assertThatBench(bench)
                .hasEventWithin(CarEvent.RemoteLearned.class, "10s", "20s")
                .hasNo(CarEvent.LearnAborted.class)
                .slotsHold("A", "empty", "empty", "empty");
        assertThatThrownBy(() -> assertThatBench(bench).hasEventWithin(CarEvent.RemoteLearned.class, "0s", "5s"))
                .hasMessageContaining("no remote-learned between 0.000s and 5.000s; there were:")
                .hasMessageContaining("remote=A");
        assertThatThrownBy(() -> assertThatBench(bench).slotsHold("empty", "A", "empty", "empty"))
                .hasMessage("the bench: slots hold [A, empty, empty, empty], expected [empty, A, empty, empty]");
        assertThatThrownBy(() -> assertThatBench(bench).hasNo(CarEvent.RemoteLearned.class))
                .hasMessageContaining("expected no remote-learned, found 1:");
    }

    @Test
    void aFailedSequenceListsItsFailedChecks(@TempDir Path dir) throws Exception {
        assertThatRun(Bench.run("r53-2005-2008-ritual")).passed();

        String ritual = new String(
                Bench.class
                        .getResourceAsStream("/bench-config/sequences/r53-2005-2008-ritual.yaml")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        Path five = dir.resolve("five-cycles.yaml");
        Files.writeString(
                five, ritual.replace("event: cycle-counted\n    count: 4", "event: cycle-counted\n    count: 5"));
        assertThatThrownBy(() -> assertThatRun(Bench.run(five)).passed())
                .hasMessageStartingWith(five + ": 1 of ")
                .hasMessageContaining("  FAIL ");

        assertThatThrownBy(() -> assertThatBench(ritual("1s")).passed())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no expectations");
    }
}
