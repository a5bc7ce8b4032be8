package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.config.ConfigException;
import io.klinebench.config.ConfigText;
import io.klinebench.config.Node;
import io.klinebench.config.Parameters;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.config.YamlReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A template gives the very sequence the loader gives for the same parameter values, and the
 * very error at the same file:line:col: for the shipped sequences with parameters, and for a
 * file with every timing a template fills (at, after, jitter, nested repeats, a label a span
 * starts from, a tail) at values of every kind, fitting or not.
 */
class SequenceTemplateTest {

    private static final ProfileCatalog CATALOG = ProfileCatalog.builtIn();
    private static final SequenceLoader LOADER = new SequenceLoader(CATALOG);

    /** Every timing a template fills; also a parameter with no default. */
    private static final String ALL_TIMINGS = """
            profile: r50-r53-2005-2008
            seed: 7
            car:
              keys:
                A: {remote: 0x1A2B3C, slot: 0}
            steps:
              - {at: "${start:0s}", do: insert A, label: in}
              - repeat: ${outer:2}
                label: cycles
                steps:
                  - {jitter: "${wobble:100ms}", after: "${off}", do: ignition 2}
                  - repeat: ${inner:1}
                    steps:
                      - {after: "${run:1s}", do: ignition 0, jitter: 5ms}
              - {after: 1s, do: remove key, label: out}
              - {at: "${late:1h}", do: press A lock}
            expect:
              - event: cycle-counted
                from: cycles
                within: 1min
              - event: learn-window-opened
                from: out
            tail: ${never_here:1s}
            """;

    /** Parameter values of every kind: fitting, zero, negative, huge, overflowing, not a number, with spaces. */
    private static final List<String> VALUES = List.of(
            "0s",
            "1ms",
            "2s",
            "750ms",
            "1.000000001s",
            "36524d",
            "36526d",
            "99999999d",
            "-1s",
            "0",
            "1",
            "3",
            "100000",
            "100001",
            "-2",
            "abc",
            " 2s ",
            "1e3",
            "");

    @Test
    void theShippedSequencesWithParametersAreTemplatedAndGiveWhatTheLoaderGives() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("bench-config/sequences"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        int templated = 0;
        for (Path file : files) {
            Node tree = YamlReader.read(file.toString(), new StringReader(ConfigText.read(file)));
            Map<String, Parameters.Use> uses = Parameters.uses(tree);
            if (uses.isEmpty()) {
                continue;
            }
            SequenceTemplate template = SequenceTemplate.compile(tree, CATALOG).orElseThrow();
            templated++;
            for (String name : uses.keySet()) {
                for (String v : VALUES) {
                    assertSame(template, tree, Map.of(name, v));
                }
            }
        }
        assertThat(templated).as("shipped sequences with parameters").isGreaterThanOrEqualTo(3);
    }

    @Test
    void everyTimingATemplateFillsGivesWhatTheLoaderGives() throws Exception {
        Node tree = YamlReader.read(
                "timings.yaml", new StringReader(ALL_TIMINGS.replace("tail: ${never_here:1s}", "tail: 1s")));
        SequenceTemplate template = SequenceTemplate.compile(tree, CATALOG).orElseThrow();
        for (String name : List.of("start", "outer", "wobble", "off", "inner", "run", "late")) {
            for (String v : VALUES) {
                Map<String, String> values = new HashMap<>(Map.of("off", "1s"));
                values.put(name, v);
                assertSame(template, tree, values);
            }
        }
        assertSame(template, tree, Map.of()); // 'off' has no value and no default: said at its place
    }

    @Property(tries = 300)
    void anyValuesGiveWhatTheLoaderGives(@ForAll("points") Map<String, String> values) throws Exception {
        Node tree = YamlReader.read(
                "timings.yaml", new StringReader(ALL_TIMINGS.replace("tail: ${never_here:1s}", "tail: 1s")));
        assertSame(SequenceTemplate.compile(tree, CATALOG).orElseThrow(), tree, values);
    }

    @Provide
    Arbitrary<Map<String, String>> points() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of(VALUES),
                Arbitraries.longs().between(0, 5_000_000_000L).map(n -> n + "ns"),
                Arbitraries.integers().between(1, 5).map(String::valueOf));
        return Arbitraries.maps(Arbitraries.of("start", "outer", "wobble", "off", "inner", "run", "late"), value)
                .ofMaxSize(7);
    }

    @Test
    void aParameterOutsideTheTimingsOrAMistakeLeavesTheFileToTheLoader() throws Exception {
        Node tail = YamlReader.read("tail.yaml", new StringReader(ALL_TIMINGS));
        Node action = YamlReader.read(
                "action.yaml", new StringReader(ALL_TIMINGS.replace("do: remove key", "do: \"${what:remove key}\"")));
        Node typo =
                YamlReader.read("typo.yaml", new StringReader(ALL_TIMINGS.replace("do: remove key", "do: remove kye")));

        assertThat(SequenceTemplate.compile(tail, CATALOG)).isEmpty();
        assertThat(SequenceTemplate.compile(action, CATALOG)).isEmpty();
        assertThat(SequenceTemplate.compile(typo, CATALOG)).isEmpty();
    }

    /** The template and the loader agree: the same steps, expectations and state, or the same message. */
    private static void assertSame(SequenceTemplate template, Node tree, Map<String, String> values) {
        Object expected = outcome(() -> LOADER.read(tree, values));
        Object actual = outcome(() -> template.instantiate(values));
        assertThat(actual).as("values %s", values).isEqualTo(expected);
    }

    private interface Load {
        Sequence get() throws ConfigException;
    }

    /** A sequence as comparable values (actions by their words: two byte arrays are never equal), or the message. */
    private static Object outcome(Load load) {
        Sequence s;
        try {
            s = load.get();
        } catch (ConfigException e) {
            return "error " + e.getMessage();
        }
        List<Object> steps = new ArrayList<>();
        for (Sequence.Step step : s.steps()) {
            steps.add(List.of(step.at(), step.action().text(), step.pos(), Optional.ofNullable(step.label())));
        }
        return List.of(
                s.file(),
                s.description(),
                s.profile(),
                Optional.ofNullable(s.diagnostics()),
                s.setup(),
                steps,
                s.expectations(),
                Optional.ofNullable(s.finalState()),
                s.tailNanos());
    }
}
