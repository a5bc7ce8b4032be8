package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.config.ConfigText;
import io.klinebench.config.Node;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.config.YamlReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run judged only for whether it held (a sweep's point) leaves out the car's diagnostic
 * socket when no step uses the K-line, and gives the same events and the same pass or fail as
 * the full run, for every shipped sequence, with or without K-line steps.
 */
class RunAndJudgeTest {

    static List<Path> shippedSequences() throws Exception {
        return SequenceFilesTest.shippedSequences().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedSequences")
    void theSameEventsAndPassOrFailAsTheFullRun(Path file) throws Exception {
        Sequence seq = new SequenceLoader(ProfileCatalog.searching(
                        ProfileCatalog.besideSequence(file).stream().toList()))
                .load(file);

        assertSameAsFullRun(seq);
    }

    /** Runs that fail too, each a different way: the ritual at run times and key-out delays across its limits. */
    @Test
    void theSameEventsAndPassOrFailWhenTheRitualFails() throws Exception {
        Path file = Path.of("bench-config/sequences/r53-2005-2008-ritual.yaml");
        Node tree = YamlReader.read(file.toString(), new StringReader(ConfigText.read(file)));
        SequenceLoader loader = new SequenceLoader(ProfileCatalog.builtIn());
        int failed = 0;
        for (String run : List.of("100ms", "499ms", "500ms", "1s", "5s", "5.001s", "7s")) {
            for (String keyOut : List.of("0s", "1s", "5s", "5.000000001s", "8s")) {
                failed += assertSameAsFullRun(loader.read(tree, Map.of("run_time", run, "key_out", keyOut))) ? 0 : 1;
            }
        }
        assertThat(failed).as("runs that failed").isBetween(10, 34);
    }

    /**
     * A template judges all its points with one {@link ExpectationPlan} (what it looked up for
     * one point kept for the next): each shipped sequence run twice through its template, and
     * the ritual across its limits through one, pass or fail as the full judge says.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedSequences")
    void aTemplatesPlanJudgesEachRunAsTheFullJudge(Path file) throws Exception {
        ProfileCatalog catalog = ProfileCatalog.searching(
                ProfileCatalog.besideSequence(file).stream().toList());
        Node tree = YamlReader.read(file.toString(), new StringReader(ConfigText.read(file)));
        SequenceTemplate template = SequenceTemplate.compile(tree, catalog).orElse(null);
        if (template == null) {
            return; // not templated: a sweep loads it in full at each point, and judges as above
        }
        boolean full =
                SequenceRunner.run(new SequenceLoader(catalog).load(file)).passed();

        assertThat(template.runAndJudge(Map.of()).passed()).as("first run").isEqualTo(full);
        assertThat(template.runAndJudge(Map.of()).passed())
                .as("second run, the plan reused")
                .isEqualTo(full);
    }

    @Test
    void oneTemplatesPlanJudgesTheRitualAcrossItsLimitsAsTheFullJudge() throws Exception {
        Path file = Path.of("bench-config/sequences/r53-2005-2008-ritual.yaml");
        Node tree = YamlReader.read(file.toString(), new StringReader(ConfigText.read(file)));
        SequenceLoader loader = new SequenceLoader(ProfileCatalog.builtIn());
        SequenceTemplate template =
                SequenceTemplate.compile(tree, ProfileCatalog.builtIn()).orElseThrow();
        int failed = 0;
        for (String run : List.of("100ms", "499ms", "500ms", "1s", "5s", "5.001s", "7s")) {
            for (String keyOut : List.of("0s", "1s", "5s", "5.000000001s", "8s")) {
                Map<String, String> values = Map.of("run_time", run, "key_out", keyOut);
                boolean full = SequenceRunner.run(loader.read(tree, values)).passed();
                assertThat(template.runAndJudge(values).passed())
                        .as(values.toString())
                        .isEqualTo(full);
                failed += full ? 0 : 1;
            }
        }
        assertThat(failed).as("runs that failed").isBetween(10, 34);
    }

    /** Returns whether the run passed. */
    private static boolean assertSameAsFullRun(Sequence seq) {
        BenchResult full = SequenceRunner.run(seq);
        SequenceRunner.Judged lean = SequenceRunner.runAndJudge(seq);

        assertThat(lean.passed()).as(seq.file()).isEqualTo(full.passed());
        assertThat(lean.rig().timeline().events().stream().map(Object::toString).toList())
                .isEqualTo(
                        full.timeline().events().stream().map(Object::toString).toList());
        return full.passed();
    }

    @Test
    void theSocketIsLeftOutOnlyWhenNoStepUsesTheKLine() throws Exception {
        Sequence ritual = new SequenceLoader(ProfileCatalog.builtIn())
                .load(Path.of("bench-config/sequences/r53-2005-2008-ritual.yaml"));
        Sequence tester = new SequenceLoader(ProfileCatalog.builtIn())
                .load(Path.of("bench-config/sequences/r56-2007-2013-kline-tester-too-slow.yaml"));

        assertThat(SequenceRunner.runAndJudge(ritual).rig().diagnostics()).isEmpty();
        assertThat(SequenceRunner.runAndJudge(tester).rig().diagnostics()).isPresent();
        assertThat(SequenceRunner.runAndJudge(tester)
                        .rig()
                        .diagnostics()
                        .orElseThrow()
                        .trace())
                .isNotEmpty();
    }
}
