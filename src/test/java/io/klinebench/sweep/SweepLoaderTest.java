package io.klinebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.bench.SequenceLoader;
import io.klinebench.bench.SequenceRunner;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.time.Durations;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep files and sequence parameters: what they mean, and each mistake said at its line and column. */
class SweepLoaderTest {

    private static final ProfileCatalog PROFILES = ProfileCatalog.searching(List.of(Path.of("bench-config/profiles")));

    @TempDir
    Path dir;

    @Test
    void aParameterWithoutADefaultIsAnErrorAtItsValueWhenTheFileRunsAlone() {
        String text = """
                profile: r50-r53-2005-2008
                steps:
                  - {at: 0s, do: console unlock}
                  - {after: "${wait}", do: insert A}
                final: {locked: false}
                """;
        assertThatThrownBy(() -> new SequenceLoader(PROFILES).read("x.yaml", new StringReader(text)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("x.yaml:4:13: parameter 'wait' has no value");
    }

    @Test
    void aParameterTakesItsDefaultAloneAndItsValueInASweep() throws Exception {
        String text = """
                profile: r50-r53-2005-2008
                steps:
                  - {at: 0s, do: console unlock}
                  - after: ${wait:1.5s}
                    do: console ${what:lock}
                final: {locked: true}
                """;
        var loader = new SequenceLoader(PROFILES);
        var alone = loader.read("x.yaml", new StringReader(text));
        assertThat(alone.steps().get(1).at()).isEqualTo(1_500 * Durations.MS);
        assertThat(SequenceRunner.run(alone).passed()).isTrue();

        var tree = io.klinebench.config.YamlReader.read("x.yaml", new StringReader(text));
        var swept = loader.read(tree, java.util.Map.of("wait", "3s", "what", "unlock"));
        assertThat(swept.steps().get(1).at()).isEqualTo(3 * Durations.S);
        assertThat(SequenceRunner.run(swept).passed()).isFalse();
    }

    @Test
    void aCountAndAnActionWordAreParametersToo() throws Exception {
        String text = """
                profile: r50-r53-2005-2008
                car: {keys: {A: {remote: 0x1A2B3C, slot: 0}}}
                steps:
                  - {at: 0s, do: insert A}
                  - repeat: ${cycles:4}
                    steps:
                      - {after: 1s, do: "ignition ${position:2}"}
                      - {after: 1s, do: ignition 0}
                expect:
                  - {event: cycle-counted, count: 4}
                """;
        var loader = new SequenceLoader(PROFILES);
        var tree = io.klinebench.config.YamlReader.read("x.yaml", new StringReader(text));
        assertThat(loader.read(tree, java.util.Map.of()).steps()).hasSize(9);
        assertThat(loader.read(tree, java.util.Map.of("cycles", "3")).steps()).hasSize(7);
        assertThat(loader.read(tree, java.util.Map.of("position", "1"))
                        .steps()
                        .get(1)
                        .action()
                        .toString())
                .contains("1");
        assertThatThrownBy(() -> loader.read(tree, java.util.Map.of("cycles", "0")))
                .hasMessageStartingWith("x.yaml:5:13: repeat: expected 1..100000, found 0");
    }

    @Test
    void theShippedRitualsRunAloneWithTheirDefaults() throws Exception {
        for (String s : List.of("r53-2005-2008-ritual", "r50-r53-2002-2004-ritual", "r56-2007-2013-three-cycles")) {
            var seq = new SequenceLoader(PROFILES).load(Path.of("bench-config/sequences/" + s + ".yaml"));
            assertThat(SequenceRunner.run(seq).passed()).as(s).isTrue();
        }
    }

    @Test
    void anAxisTheSequenceDoesNotUseIsNamedAtItsLineAndColumnWithThoseItUses() {
        Path f = SweepFiles.write(dir, "r53-2005-2008-ritual", "axes:", "  - {name: keyout, values: [1s]}");
        assertThatThrownBy(() -> SweepLoader.load(f, List.of()))
                .hasMessage(
                        f
                                + ":3:12: the sequence uses no parameter 'keyout'; it uses: codes_ahead, cycles, off_time, run_time, "
                                + "key_out, gesture_wait, release_gap (a profile value is named 'profile.PATH', e.g. profile.cycles.max-run-time)");
    }

    @Test
    void aProfilePathThatIsNoValueIsNamedAtItsLineAndColumn() {
        Path f = SweepFiles.write(
                dir, "r53-2005-2008-ritual", "axes:", "  - name: profile.cycles.max-runtime", "    values: [1s]");
        assertThatThrownBy(() -> SweepLoader.load(f, List.of()))
                .hasMessageStartingWith(f + ":3:11: profile 'r50-r53-2005-2008' has no value at 'cycles.max-runtime'");
        Path g = SweepFiles.write(dir, "r53-2005-2008-ritual", "axes:", "  - {name: profile.cycles, values: [1s]}");
        assertThatThrownBy(() -> SweepLoader.load(g, List.of())).hasMessageContaining("has no value at 'cycles'");
    }

    @Test
    void aValueOfTheWrongKindStopsTheSweepBeforeItRunsAtTheSequencesValue() {
        Path f = SweepFiles.write(dir, "r53-2005-2008-ritual", "axes:", "  - {name: key_out, values: [3]}");
        assertThatThrownBy(() -> SweepLoader.load(f, List.of()))
                .hasMessageContaining("its first point (3) cannot run")
                .hasMessageContaining("r53-2005-2008-ritual.yaml:28:13: after:");
    }

    @Test
    void unknownFieldsScalesAndEmptyAxesAreSaidWhereTheyAre() {
        Path a = SweepFiles.write(
                dir, "r53-2005-2008-ritual", "axes:", "  - {name: key_out, from: 1s, to: 2s, steps: 3, scale: exp}");
        assertThatThrownBy(() -> SweepLoader.load(a, List.of()))
                .hasMessage(a + ":3:56: scale: expected linear or log, found 'exp'");
        Path b = SweepFiles.write(dir, "r53-2005-2008-ritual", "axes: []");
        assertThatThrownBy(() -> SweepLoader.load(b, List.of()))
                .hasMessage(b + ":2:7: axes: a sweep needs at least one axis");
        Path c = SweepFiles.write(dir, "r53-2005-2008-ritual", "axis: []");
        assertThatThrownBy(() -> SweepLoader.load(c, List.of()))
                .hasMessageStartingWith(c + ":2:1: unknown field 'axis'");
        Path d = Files.exists(dir) ? dir.resolve("none.yaml") : null;
        assertThatThrownBy(() -> SweepLoader.load(d, List.of())).isInstanceOf(ConfigException.class);
    }

    @Test
    void linearValuesAreExactAndLogValuesRoundToThreeDigits() {
        assertThat(SweepLoader.linear(1, 8, 8)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(SweepLoader.linear(0, 10, 4)).containsExactly(0L, 3L, 7L, 10L);
        assertThat(SweepLoader.linear(8, 1, 3)).containsExactly(8L, 4L, 1L);
        assertThat(SweepLoader.linear(Long.MAX_VALUE - 10, Long.MAX_VALUE, 2))
                .containsExactly(Long.MAX_VALUE - 10, Long.MAX_VALUE);
        assertThat(SweepLoader.log(100 * Durations.MS, 10 * Durations.S, 5))
                .containsExactly(
                        100 * Durations.MS,
                        316 * Durations.MS,
                        1 * Durations.S,
                        3_160 * Durations.MS,
                        10 * Durations.S);
        assertThat(SweepLoader.log(1, 4, 10)).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void boundariesOverAGridWhoseRowIsTooLongAreRefusedAtTheirPlace() {
        Path f = SweepFiles.write(
                dir,
                "r53-2005-2008-ritual",
                "axes:",
                "  - {name: run_time, from: 100ms, to: 7s, steps: 2}",
                "  - {name: key_out, from: 100ms, to: 8s, steps: 10000}",
                "  - {name: off_time, from: 100ms, to: 8s, steps: 10000}",
                "boundaries: {resolution: 1ms}");
        assertThatThrownBy(() -> SweepLoader.load(f, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(f + ":6:1: boundaries: to find them the sweep keeps the outcomes of one step of the first"
                        + " axis (the other axes' values multiplied: 100000000 points), at most 16777216; put the axis"
                        + " with the most values first, or leave 'boundaries' out");
    }

    /** Boundaries keep one row of outcomes, not one per point: a grid of 10^12 points starts at once. */
    @Test
    void boundariesOverAHugeGridStreamFromTheFirstPoint() throws Exception {
        Path f = SweepFiles.write(
                dir,
                "r53-2005-2008-ritual",
                "axes:",
                "  - {name: run_time, from: 100ms, to: 7s, steps: 1000000}",
                "  - {name: key_out, from: 100ms, to: 8s, steps: 1000000}",
                "boundaries: {resolution: 1ms}");
        Sweep sweep = SweepLoader.load(f, List.of());
        class Enough extends java.io.IOException {}
        long[] seen = new long[1];
        assertThatThrownBy(() -> new Sweeper(sweep, 2)
                        .run(
                                Shard.WHOLE,
                                new SweepSink() {
                                    @Override
                                    public void point(PointResult p) throws java.io.IOException {
                                        if (++seen[0] == 100) {
                                            throw new Enough();
                                        }
                                    }

                                    @Override
                                    public void end(SweepResult result) {}
                                },
                                PointProgress.NONE))
                .isInstanceOf(Enough.class);
        assertThat(seen[0]).isEqualTo(100);
        assertThat(NeighbourFlips.row(sweep)).isEqualTo(1_000_000);
    }

    /** As a sequence parameter's value of the wrong kind: at load, at the sweep file's value, not 36 invalid points. */
    @Test
    void aProfileValueOfTheWrongKindIsRefusedAtTheAxisValueNotBlamedOnTheProfile() {
        Path f = SweepFiles.write(
                dir, "r53-2005-2008-ritual", "axes:", "  - {name: profile.cycles.max-run-time, values: [3, 5, 7]}");
        assertThatThrownBy(() -> SweepLoader.load(f, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":3:50: profile.cycles.max-run-time is a duration in profile"
                        + " 'r50-r53-2005-2008' (5s at ")
                .hasMessageEndingWith("r50-r53-2005-2008.yaml:15:17), and this axis's values are whole numbers;"
                        + " write them with a unit, as the profile does (3s, 500ms)");
        Path g = SweepFiles.write(
                dir, "r53-2005-2008-ritual", "axes:", "  - {name: profile.cycles.count, from: 1s, to: 3s, steps: 3}");
        assertThatThrownBy(() -> SweepLoader.load(g, List.of()))
                .hasMessageStartingWith(g + ":3:40: profile.cycles.count is a number in profile")
                .hasMessageEndingWith("and this axis's values are durations; write them as numbers, without a unit");
        Path h = SweepFiles.write(dir, "r53-2005-2008-ritual", "axes:", "  - {name: profile.name, values: [3s, 5s]}");
        assertThatThrownBy(() -> SweepLoader.load(h, List.of()))
                .hasMessageStartingWith(h + ":3:35: profile.name is neither a number nor a duration in profile"
                        + " 'r50-r53-2005-2008' (r50-r53-2005-2008 at ")
                .hasMessageEndingWith("; an axis varies numbers or durations");
    }
}
