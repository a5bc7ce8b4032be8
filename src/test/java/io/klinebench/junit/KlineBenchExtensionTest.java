package io.klinebench.junit;

import static io.klinebench.junit.RunAssertions.assertThatBench;
import static io.klinebench.junit.RunAssertions.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.klinebench.bench.Bench;
import io.klinebench.car.CarEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The extension as its users meet it: example test classes run through JUnit's own engine
 * (EngineTestKit), so that what a user sees, passed, failed, the message, the attached
 * timeline, is what is asserted.
 */
class KlineBenchExtensionTest {

    @TempDir
    Path reports;

    private EngineExecutionResults run(Class<?> examples) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(examples))
                .configurationParameter(OnlyInTestKit.KEY, "true")
                .outputDirectoryCreator(new TempOutputDirectory(reports))
                .execute();
    }

    @ExtendWith(OnlyInTestKit.class)
    @WithCar(profile = "r50-r53-2005-2008", remotes = @Remote(name = "A", serial = 0x1A2B3C, outOfSync = true))
    static class RitualExamples {

        @Test
        void theThreadsRitualTeachesTheRemote(Bench bench) {
            ThreadsRitual.perform(bench, 4, "1s");
            assertThatBench(bench)
                    .windowMet("cycles.max-off-time")
                    .times(3)
                    .and()
                    .hasEventWithin(CarEvent.RemoteLearned.class, "10s", "20s")
                    .slotsHold("A", "empty", "empty", "empty");
        }

        @Test
        void threeCyclesAreOneShort(Bench bench) {
            ThreadsRitual.perform(bench, 3, "1s");
            assertThatBench(bench).hasEventWithin(CarEvent.RemoteLearned.class, "0s", "1min");
        }

        @Test
        @WithCar(profile = "r56-2007-2013")
        void theMethodsCarWins(Bench bench) {
            assertThat(bench.car().receiver().slotCount())
                    .as("the R56's CAS keeps 10")
                    .isEqualTo(10);
            assertThat(bench.rig().keys()).isEmpty();
        }
    }

    @Test
    void aTestGetsTheCarItsAnnotationDescribes() {
        EngineExecutionResults r = run(RitualExamples.class);

        r.testEvents().assertStatistics(s -> s.started(3).succeeded(2).failed(1));
    }

    @Test
    void aFailedTestGetsItsTimelineAttachedAndOnlyAFailedOne() throws Exception {
        EngineExecutionResults r = run(RitualExamples.class);

        r.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("threeCyclesAreOneShort"),
                                finishedWithFailure(message(m -> m.contains(
                                        "no remote-learned between 0.000s and 60.000s; there was none at all")))));
        List<FileEntry> files = r.allEvents().fileEntryPublished().stream()
                .map(e -> e.getRequiredPayload(FileEntry.class))
                .toList();
        assertThat(files).hasSize(1);
        FileEntry page = files.get(0);
        assertThat(page.getPath().getFileName().toString()).isEqualTo("kline-bench-timeline.html");
        assertThat(page.getMediaType()).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.getPath().toString()).contains("threeCyclesAreOneShort");
        assertThat(Files.readString(page.getPath()))
                .startsWith("<!DOCTYPE html>")
                .contains("learn");
    }

    @ExtendWith(OnlyInTestKit.class)
    static class BadAnnotations {

        @Test
        @WithCar(remotes = @Remote(name = "A", serial = 0x1A2B3C, slot = 9))
        void aSlotTheProfileHasNot(Bench bench) {}

        @Test
        @WithCar(profile = "r99")
        void aProfileThatDoesNotExist(Bench bench) {}

        @Test
        @WithCar(setup = "garage")
        void aSetupThatDoesNotExist(Bench bench) {}

        @Test
        @ExtendWith(KlineBenchExtension.class)
        void noCarDescribed(Bench bench) {}
    }

    @Test
    void aBadAnnotationFailsItsTestNamingTheAttributeAndTheCause() {
        EngineExecutionResults r = run(BadAnnotations.class);

        r.testEvents()
                .assertStatistics(s -> s.failed(4))
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("aSlotTheProfileHasNot"),
                                finishedWithFailure(message(m -> m.contains("@Remote(name = \"A\")")
                                        && m.contains("slot 9: profile r50-r53-2005-2008 has slots 0 to 3")))))
                .haveExactly(
                        1,
                        event(
                                test("aProfileThatDoesNotExist"),
                                finishedWithFailure(message(m -> m.contains("@WithCar(profile = \"r99\")")))))
                .haveExactly(
                        1,
                        event(
                                test("aSetupThatDoesNotExist"),
                                finishedWithFailure(message(m -> m.contains("@WithCar(setup = \"garage\")")
                                        && m.contains("there are kkl-relay-rig, r50-pin7, virtual")))))
                .haveExactly(
                        1,
                        event(test("noCarDescribed"), finishedWithFailure(message(m -> m.contains("needs @WithCar")))));
    }

    @ExtendWith(OnlyInTestKit.class)
    static class SequenceExamples {

        @ParameterizedTest
        @SequenceSource(
                value = "r53-2005-2008-ritual",
                seeds = {1, 2, 3})
        void theRitualPassesWhateverTheSeed(SequenceCase ritual) throws Exception {
            assertThatRun(ritual.run()).passed();
        }

        @ParameterizedTest
        @SequenceSource(files = "bench-config/sequences/r53-2005-2008-three-cycles.yaml")
        void aFileByPath(SequenceCase c) throws Exception {
            assertThatRun(c.run()).passed().hasEventWithin(CarEvent.LearnAborted.class, "0s", "30s");
        }

        @ParameterizedTest
        @SequenceSource(folder = "no/such/folder")
        void aFolderThatIsNotThere(SequenceCase c) {}
    }

    @Test
    void sequencesAreTheCasesOfAParameterizedTestOnePerSeed() {
        EngineExecutionResults r = run(SequenceExamples.class);

        r.testEvents().assertStatistics(s -> s.started(4).succeeded(4));
        assertThat(r.testEvents().started().stream()
                        .map(e -> e.getTestDescriptor().getDisplayName()))
                .containsExactly(
                        "[1] r53-2005-2008-ritual (seed 1)",
                        "[2] r53-2005-2008-ritual (seed 2)",
                        "[3] r53-2005-2008-ritual (seed 3)",
                        "[1] bench-config/sequences/r53-2005-2008-three-cycles.yaml");
        r.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                message(m -> m.contains("@SequenceSource(folder): no/such/folder is not a folder")))));
    }
}
