package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.config.ProfileCatalog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run for its verdicts (a sweep's point) leaves out the car's diagnostic socket when no step
 * uses the K-line, and gives the same verdicts, events and end as the full run, for every
 * shipped sequence, with or without K-line steps.
 */
class RunForVerdictsTest {

    static List<Path> shippedSequences() throws Exception {
        return SequenceFilesTest.shippedSequences().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedSequences")
    void theSameVerdictsEventsAndEndAsTheFullRun(Path file) throws Exception {
        Sequence seq = new SequenceLoader(ProfileCatalog.searching(
                        ProfileCatalog.besideSequence(file).stream().toList()))
                .load(file);

        BenchResult full = SequenceRunner.run(seq);
        BenchResult lean = SequenceRunner.runForVerdicts(seq);

        assertThat(lean.verdicts()).isEqualTo(full.verdicts());
        assertThat(lean.timeline().events().stream().map(Object::toString).toList())
                .isEqualTo(
                        full.timeline().events().stream().map(Object::toString).toList());
        assertThat(lean.endNanos()).isEqualTo(full.endNanos());
    }

    @Test
    void theSocketIsLeftOutOnlyWhenNoStepUsesTheKLine() throws Exception {
        Sequence ritual = new SequenceLoader(ProfileCatalog.builtIn())
                .load(Path.of("bench-config/sequences/r53-2005-2008-ritual.yaml"));
        Sequence tester = new SequenceLoader(ProfileCatalog.builtIn())
                .load(Path.of("bench-config/sequences/r56-2007-2013-kline-tester-too-slow.yaml"));

        assertThat(SequenceRunner.runForVerdicts(ritual).rig().diagnostics()).isEmpty();
        assertThat(SequenceRunner.runForVerdicts(tester).rig().diagnostics()).isPresent();
        assertThat(SequenceRunner.runForVerdicts(tester)
                        .rig()
                        .diagnostics()
                        .orElseThrow()
                        .trace())
                .isNotEmpty();
    }
}
