package io.klinebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.config.ConfigException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shards of a sweep, merged in any order, write the JSON of the whole sweep, byte for byte. */
class SweepShardTest {

    private static final Path SWEEP = Path.of("bench-config/sweeps/r53-2005-2008-run-time.yaml");

    @TempDir
    Path dir;

    @Test
    void threeShardsMergedInAnyOrderAreTheWholeSweep() throws Exception {
        Sweep sweep = SweepLoader.load(SWEEP, List.of());
        String whole = SweepFiles.json(sweep, 2, Shard.WHOLE);
        List<Path> shards = new ArrayList<>();
        for (int i = 3; i >= 1; i--) {
            Path f = dir.resolve("shard" + i + ".json");
            Files.writeString(f, SweepFiles.json(sweep, 1, new Shard(i, 3)));
            shards.add(f);
        }

        StringWriter merged = new StringWriter();
        SweepResult r = SweepMerge.merge(shards, List.of(), 2, merged);

        assertThat(merged.toString()).isEqualTo(whole);
        assertThat(r.points()).isEqualTo(36);
        assertThat(r.boundaries()).hasSize(8);
    }

    @Test
    void aShardHasEveryNthPointAndNoBoundaries() throws Exception {
        Sweep sweep = SweepLoader.load(SWEEP, List.of());
        String second = SweepFiles.json(sweep, 2, new Shard(2, 5));

        assertThat(second).contains("\"shard\":\"2/5\"", "\"index\":1,", "\"index\":6,", "\"index\":31,");
        assertThat(second).doesNotContain("\"index\":0,", "\"index\":2,").contains("\"boundaries\":[]");
        assertThat(new Shard(2, 5).count(36)).isEqualTo(7);
        assertThat(new Shard(5, 5).count(36)).isEqualTo(7);
        assertThat(new Shard(1, 5).count(36)).isEqualTo(8);
    }

    @Test
    void aMissingOrRepeatedShardIsNamed() throws Exception {
        Sweep sweep = SweepLoader.load(SWEEP, List.of());
        Path one = dir.resolve("a.json");
        Path two = dir.resolve("b.json");
        Files.writeString(one, SweepFiles.json(sweep, 2, new Shard(1, 3)));
        Files.writeString(two, SweepFiles.json(sweep, 2, new Shard(3, 3)));

        assertThatThrownBy(() -> SweepMerge.merge(List.of(one, two), List.of(), 1, new StringWriter()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("shard 2/3 is missing");
        assertThatThrownBy(() -> SweepMerge.merge(List.of(one, one), List.of(), 1, new StringWriter()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("shard 1/3 is given twice");
    }

    @Test
    void aShardIsWrittenIAndN() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThatThrownBy(() -> Shard.parse("0/4")).hasMessageContaining("1 <= i <= n");
        assertThatThrownBy(() -> Shard.parse("two")).hasMessageContaining("expected i/n");
    }

    /** A damaged shard is named with its line and column and the problem in words, not Jackson's source excerpt. */
    @Test
    void aTruncatedOrGarbageShardIsNamedAtItsPlaceInWords() throws Exception {
        Sweep sweep = SweepLoader.load(SWEEP, List.of());
        String whole = SweepFiles.json(sweep, 2, new Shard(1, 2));
        Path other = dir.resolve("b.json");
        Files.writeString(other, SweepFiles.json(sweep, 2, new Shard(2, 2)));
        Path cut = dir.resolve("cut.json");
        Files.writeString(cut, whole.substring(0, whole.indexOf("\"points\"") + 30));
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "garbage\n");
        Path twice = dir.resolve("twice.json");
        Files.writeString(twice, whole.replaceFirst("\"index\":0,", "\"index\":0,\"index\":0,"));

        for (Path bad : List.of(cut, garbage, twice)) {
            assertThatThrownBy(() -> SweepMerge.merge(List.of(bad, other), List.of(), 1, new StringWriter()))
                    .as(bad.toString())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageMatching(
                            java.util.regex.Pattern.quote(bad.toString()) + ":\\d+:\\d+: not valid JSON: .*")
                    .hasMessageNotContaining("Source")
                    .hasMessageNotContaining("REDACTED")
                    .hasMessageNotContaining("code ");
        }
        assertThatThrownBy(() -> SweepMerge.merge(List.of(garbage, other), List.of(), 1, new StringWriter()))
                .hasMessage(garbage + ":1:1: not valid JSON: 'garbage' is not a JSON value (text in double quotes, a"
                        + " number, a list, an object, true, false or null)");
        assertThatThrownBy(() -> SweepMerge.merge(List.of(twice, other), List.of(), 1, new StringWriter()))
                .hasMessageEndingWith("not valid JSON: field 'index' is given twice");
        assertThatThrownBy(() -> SweepMerge.merge(List.of(cut, other), List.of(), 1, new StringWriter()))
                .hasMessageContaining("not valid JSON: the text ends inside ")
                .hasMessageEndingWith("(cut short?)");
    }
}
