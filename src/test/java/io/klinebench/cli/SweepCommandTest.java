package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'kline-bench sweep' and 'sweep-merge' as a user meets them, on the shipped sweep files. */
class SweepCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void everyShippedSweepRunsAndReportsItsOutcomesAndBoundaries() throws IOException {
        List<Path> sweeps;
        try (Stream<Path> files = Files.list(Path.of("bench-config/sweeps"))) {
            sweeps = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(sweeps).hasSizeGreaterThanOrEqualTo(3);
        for (Path s : sweeps) {
            boolean bisects = Files.readString(s).contains("\nboundaries:");
            // The throughput grid (10,000 points): every 100th point, its shard 1/100.
            boolean big = s.endsWith("r53-2005-2008-grid.yaml");
            assertThat(
                            big
                                    ? run("sweep", s.toString(), "--shard", "1/100")
                                    : run("sweep", s.toString(), "--threads", "2"))
                    .as(s + ": " + err)
                    .isZero();
            assertThat(out.toString())
                    .as(s.toString())
                    .startsWith("Sweep " + s)
                    .contains("Outcomes (", "passed")
                    .containsPattern("\\d+ points in \\d+\\.\\d{3}s on \\d+ threads?: \\d+ points/s");
            if (bisects) {
                assertThat(out.toString()).as(s.toString()).contains("Boundaries (resolution 1ms)", " flips from ");
            }
            assertThat(err.toString()).as(s.toString()).isEmpty();
        }
    }

    @Test
    void theKeyOutSweepFindsTheDeadlineAndWritesJsonAndCsv() throws IOException {
        Path json = dir.resolve("out.json");
        Path csv = dir.resolve("out.csv");

        assertThat(run(
                        "sweep",
                        "bench-config/sweeps/r53-2005-2008-key-out.yaml",
                        "--json",
                        json.toString(),
                        "--csv",
                        csv.toString()))
                .isZero();

        assertThat(out.toString())
                .contains("key_out flips from 'passed' at 5s to 'failed, ritual aborted: key-out-too-late' at 5.001s: "
                        + "5.0005s ± 500us");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("schema").asText()).isEqualTo("kline-bench/sweep/1");
        assertThat(report.get("points")).hasSize(8);
        assertThat(report.get("points").get(7).get("outcome").asText())
                .isEqualTo("failed, ritual aborted: key-out-too-late");
        assertThat(report.get("boundaries").get(0).get("last").asLong()).isEqualTo(5_000_000_000L);
        assertThat(report.get("summary").get("outcomes").get("passed").asLong()).isEqualTo(5);
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(9);
        assertThat(rows.get(0))
                .isEqualTo(
                        "index,key_out,passed,outcome,first-cause,window,margin-ns,tightest-window,tightest-margin-ns,error");
        assertThat(rows.get(1)).isEqualTo("0,1s,true,passed,,,,cycles.min-run-time,500000000,");
        assertThat(rows.get(6))
                .startsWith("5,6s,false,\"failed, ritual aborted: key-out-too-late\",")
                .endsWith(",completion.key-out-deadline,-1000000000,");
    }

    @Test
    void shardsMergedByTheCommandAreTheUnshardedJson() throws IOException {
        String sweep = "bench-config/sweeps/r56-2007-2013-run-time.yaml";
        Path whole = dir.resolve("whole.json");
        assertThat(run("sweep", sweep, "--threads", "1", "--json", whole.toString()))
                .isZero();
        for (int i = 1; i <= 2; i++) {
            assertThat(run(
                            "sweep",
                            sweep,
                            "--shard",
                            i + "/2",
                            "--json",
                            dir.resolve("s" + i + ".json").toString()))
                    .isZero();
            assertThat(out.toString()).contains("shard " + i + "/2", "found when the shards are merged");
        }
        Path merged = dir.resolve("merged.json");

        assertThat(run(
                        "sweep-merge",
                        merged.toString(),
                        dir.resolve("s2.json").toString(),
                        dir.resolve("s1.json").toString()))
                .isZero();

        assertThat(out.toString()).startsWith("Merged 2 shards: 28 points, 11 boundaries");
        assertThat(Files.readString(merged)).isEqualTo(Files.readString(whole));
    }

    @Test
    void badInputIsExitTwoWithTheMessage() throws IOException {
        assertThat(run("sweep", "no-such.yaml")).isEqualTo(2);
        assertThat(err.toString()).startsWith("kline-bench sweep: no-such.yaml: ");
        assertThat(run("sweep", "bench-config/sweeps/r53-2005-2008-key-out.yaml", "--shard", "3/2"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--shard: a shard is i/n with 1 <= i <= n, found 3/2");
        assertThat(run("sweep", "bench-config/sweeps/r53-2005-2008-key-out.yaml", "--threads", "0"))
                .isEqualTo(2);
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "sequence: r53-2005-2008-ritual\naxes:\n  - {name: nope, values: [1s]}\n");
        assertThat(run("sweep", bad.toString())).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("kline-bench sweep: " + bad + ":3:12: the sequence uses no parameter 'nope'");
        assertThat(run(
                        "sweep-merge",
                        dir.resolve("m.json").toString(),
                        dir.resolve("none.json").toString()))
                .isEqualTo(2);
        assertThat(run("sweep", "--version")).isZero();
        assertThat(out.toString()).startsWith("kline-bench ");
    }

    @Test
    void htmlAndSvgDrawTheSweepAndTheMergeDrawsItsShards() throws IOException {
        String sweep = "bench-config/sweeps/r56-2007-2013-run-time.yaml";
        Path html = dir.resolve("map.html");
        Path svg = dir.resolve("map.svg");
        assertThat(run("sweep", sweep, "--threads", "2", "--html", html.toString(), "--svg", svg.toString()))
                .as(err.toString())
                .isZero();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("<svg", "rect class=\"cell");
        assertThat(Files.readString(svg)).startsWith("<?xml").contains("28 points: 9 passed, 19 failed");

        for (int i = 1; i <= 2; i++) {
            assertThat(run(
                            "sweep",
                            sweep,
                            "--shard",
                            i + "/2",
                            "--json",
                            dir.resolve("p" + i + ".json").toString()))
                    .isZero();
        }
        Path merged = dir.resolve("merged.svg");
        assertThat(run(
                        "sweep-merge",
                        dir.resolve("m.json").toString(),
                        dir.resolve("p1.json").toString(),
                        dir.resolve("p2.json").toString(),
                        "--svg",
                        merged.toString()))
                .as(err.toString())
                .isZero();
        assertThat(Files.readString(merged)).isEqualTo(Files.readString(svg));
    }

    @Test
    void aPictureOfAShardOrOfThreeAxesIsRefusedBeforeTheSweepRuns() throws IOException {
        Path html = dir.resolve("x.html");
        assertThat(run(
                        "sweep",
                        "bench-config/sweeps/r53-2005-2008-key-out.yaml",
                        "--shard",
                        "1/2",
                        "--html",
                        html.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .startsWith("kline-bench sweep: --html/--svg: a picture is of a whole sweep, and shard 1/2 has only");
        Path three = dir.resolve("three.yaml");
        Files.writeString(
                three,
                "sequence: "
                        + Path.of("bench-config/sequences/r53-2005-2008-ritual.yaml")
                                .toAbsolutePath() + "\n"
                        + "axes:\n  - {name: key_out, values: [1s]}\n  - {name: run_time, values: [1s]}\n"
                        + "  - {name: off_time, values: [1s]}\n");
        assertThat(run("sweep", three.toString(), "--html", html.toString())).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("kline-bench sweep: --html/--svg: a sweep's picture draws one axis or two, and " + three
                        + " has 3 (key_out, run_time, off_time)\n");
        assertThat(html).doesNotExist();
    }

    @Test
    void dashIsStdoutAsForRunAndOnlyOneOutputGoesThere() throws IOException {
        String sweep = "bench-config/sweeps/r53-2005-2008-key-out.yaml";
        Path here = Path.of("-");
        assertThat(run("sweep", sweep, "--csv", "-")).isZero();
        assertThat(out.toString())
                .startsWith("index,key_out,passed,outcome,")
                .doesNotContain("Sweep ")
                .hasLineCount(9);
        assertThat(err.toString()).contains("Sweep " + sweep, "points in ");
        assertThat(run("sweep", sweep, "--json", "-")).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("points")).hasSize(8);
        assertThat(here).doesNotExist();

        assertThat(run("sweep", sweep, "--json", "-", "--csv", "-")).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("kline-bench sweep: --json and --csv both name '-': only one output can go to stdout"
                        + System.lineSeparator());
        assertThat(run("sweep", sweep, "--svg", "-")).isEqualTo(2);
        assertThat(err.toString())
                .startsWith(
                        "kline-bench sweep: --svg -: writes a file, not stdout; '-' (stdout) is for --json or --csv");
        assertThat(here).doesNotExist();
    }

    @Test
    void twoOutputsToOneFileAreRefusedBeforeTheSweepRuns() throws IOException {
        String sweep = "bench-config/sweeps/r53-2005-2008-key-out.yaml";
        Path both = dir.resolve("both");
        assertThat(run("sweep", sweep, "--csv", both.toString(), "--json", dir.resolve(".") + "/both"))
                .isEqualTo(2);
        assertThat(err.toString())
                .startsWith("kline-bench sweep: --json and --csv both name ")
                .contains("each output needs a file of its own (the one written last would replace the other)");
        assertThat(out.toString()).isEmpty();
        assertThat(both).doesNotExist();
        assertThat(run("sweep-merge", both.toString(), both.toString(), "--html", both.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("kline-bench sweep-merge: OUT and --html both name ");
        assertThat(run(
                        "run",
                        "bench-config/sequences/r53-2005-2008-ritual.yaml",
                        "--json",
                        both.toString(),
                        "--html",
                        both.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("kline-bench run: --json and --html both name ");
    }
}
