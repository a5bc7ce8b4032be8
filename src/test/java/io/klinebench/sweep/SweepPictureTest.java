package io.klinebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.klinebench.config.Pos;
import io.klinebench.report.SweepPage;
import io.klinebench.time.Durations;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The picture's model: which cell shows which outcome, where a bisected limit is drawn, what
 * the legend counts, and what a grid past the cap keeps. Made-up points where the geometry is
 * the question; the shipped sweeps, loaded and run, where the answer is the car's.
 */
class SweepPictureTest {

    private static final long S = Durations.S;
    private static final long MS = Durations.MS;

    private static Axis axis(String name, Axis.Unit unit, Long... values) {
        return new Axis(name, new Pos("t.yaml", 1, 1), unit, List.of(values));
    }

    private static Axis seconds(String name, long from, long to) {
        return new Axis(
                name,
                new Pos("t.yaml", 1, 1),
                Axis.Unit.DURATION,
                LongStream.rangeClosed(from, to).map(v -> v * S).boxed().toList());
    }

    /** A sweep of these axes, for the picture only: nothing runs. */
    private static Sweep sweep(Axis... axes) {
        return new Sweep("t.yaml", "made up", "seq.yaml", null, null, List.of(axes), MS);
    }

    private static PointResult point(Sweep s, long index, String outcome, Long margin) {
        List<String> at = new ArrayList<>();
        int[] c = s.coordinates(index);
        for (int k = 0; k < c.length; k++) {
            at.add(s.axes().get(k).text(s.axes().get(k).values().get(c[k])));
        }
        boolean passed = outcome.equals("passed");
        return new PointResult(
                index,
                at,
                passed,
                outcome,
                passed ? null : "because " + index,
                null,
                null,
                margin == null ? null : "w",
                margin,
                null);
    }

    private static SweepPage draw(Sweep s, java.util.function.LongFunction<PointResult> points, List<Boundary> b) {
        PictureSink sink = new PictureSink(s);
        Map<String, Long> counts = new TreeMap<>();
        for (long i = 0; i < s.size(); i++) {
            PointResult p = points.apply(i);
            counts.merge(p.outcome(), 1L, Long::sum);
            sink.point(p);
        }
        sink.end(new SweepResult(Shard.WHOLE, s.size(), counts, b));
        return sink.page();
    }

    @Test
    void theScalePutsGridValuesInTheMiddleOfTheirSlotsAndALimitInProportionBetweenThem() {
        AxisScale x = new AxisScale(List.of(1 * S, 2 * S, 4 * S, 8 * S), 100, 400, false);
        assertThat(x.slot()).isEqualTo(100);
        assertThat(x.at(1 * S)).isEqualTo(150);
        assertThat(x.at(4 * S)).isEqualTo(350);
        assertThat(x.at(3 * S)).isEqualTo(300); // half way from 2s to 4s: a log axis reads as log
        assertThat(x.at(0)).isEqualTo(100); // outside: at the nearer end
        assertThat(x.at(9 * S)).isEqualTo(500);
        assertThat(x.index(4 * S)).isEqualTo(2);
        assertThat(x.index(3 * S)).isEqualTo(-1);

        AxisScale down = new AxisScale(List.of(8L, 6L, 4L), 0, 300, false);
        assertThat(down.at(5)).isEqualTo(200);
        assertThat(down.at(9)).isZero();
        AxisScale up = new AxisScale(List.of(1L, 2L), 10, 200, true);
        assertThat(up.centre(0)).isEqualTo(160); // the first value at the bottom
        assertThat(up.centre(1)).isEqualTo(60);
    }

    @Test
    void aMapColoursEachCellByItsPointsOutcomeAndCountsEveryPointInTheLegend() {
        Sweep s = sweep(seconds("off_time", 1, 3), seconds("run_time", 1, 4));
        // Passed below run_time 3s; beyond, failed for max-run-time; at off_time 3s all fail for max-off-time.
        SweepPage page = draw(
                s,
                i -> {
                    int[] c = s.coordinates(i);
                    String o = c[0] == 2
                            ? "failed, cycles.max-off-time missed"
                            : c[1] >= 2 ? "failed, cycles.max-run-time missed" : "passed";
                    return point(s, i, o, null);
                },
                List.of());

        assertThat(page.map()).isTrue();
        assertThat(page.legend())
                .extracting(SweepPage.Outcome::name, SweepPage.Outcome::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("passed", 4L),
                        org.assertj.core.groups.Tuple.tuple("failed, cycles.max-off-time missed", 4L),
                        org.assertj.core.groups.Tuple.tuple("failed, cycles.max-run-time missed", 4L));
        assertThat(page.legend().get(0).colour()).isEqualTo(SweepPicture.PASSED_COLOUR);
        assertThat(page.cells()).hasSize(12);
        // Row-major as the points: off_time upward (its first value at the bottom), run_time across.
        SweepPage.Cell first = page.cells().get(0);
        SweepPage.Cell last = page.cells().get(11);
        assertThat(first.outcome()).isZero();
        assertThat(first.title()).startsWith("off_time = 1s, run_time = 1s\npassed");
        assertThat(first.y()).isGreaterThan(last.y());
        assertThat(first.x()).isEqualTo(page.plot().x());
        assertThat(page.cells().get(3).outcome()).isEqualTo(2); // off_time 1s, run_time 4s
        assertThat(last.outcome()).isEqualTo(1);
        assertThat(last.title()).contains("failed, cycles.max-off-time missed", "first cause: because 11");
        assertThat(page.x().label()).isEqualTo("run_time (sequence parameter, time)");
        assertThat(page.y().label()).isEqualTo("off_time (sequence parameter, time)");
        assertThat(page.notes()).isEmpty();
    }

    @Test
    void aMapDrawsABoundaryAcrossTheCellItCutsWhereTheLimitLies() {
        Sweep s = sweep(seconds("off_time", 1, 3), seconds("run_time", 1, 4));
        Boundary alongRunTime = new Boundary(
                "run_time", Axis.Unit.DURATION, List.of("2s", "*"), 2 * S, 2 * S + MS, "passed", "failed", MS);
        Boundary alongOffTime = new Boundary(
                "off_time", Axis.Unit.DURATION, List.of("*", "4s"), 2500 * MS, 2501 * MS, "passed", "failed", MS);
        SweepPage page = draw(s, i -> point(s, i, "passed", null), List.of(alongRunTime, alongOffTime));

        SweepPage.Box plot = page.plot();
        double column = plot.w() / 4;
        double row = plot.h() / 3;
        SweepPage.Mark across = page.boundaries().get(0);
        // 2.0005s: half a millisecond past the middle of the 2s column.
        assertThat(across.x1()).isEqualTo(across.x2()).isCloseTo(plot.x() + 1.5005 * column, within(0.1));
        // Across the row of off_time 2s (the middle one), top to bottom.
        assertThat(Math.min(across.y1(), across.y2())).isCloseTo(plot.y() + row, within(0.1));
        assertThat(Math.abs(across.y2() - across.y1())).isCloseTo(row, within(0.1));
        assertThat(across.title()).contains("run_time flips from 'passed' at 2s");

        SweepPage.Mark up = page.boundaries().get(1);
        // 2.5005s, half way (and a little) from the 2s row up to the 3s row; across the 4s column.
        assertThat(up.y1()).isEqualTo(up.y2()).isCloseTo(plot.y() + plot.h() - 2.0005 * row, within(0.1));
        assertThat(Math.min(up.x1(), up.x2())).isCloseTo(plot.x() + 3 * column, within(0.1));
    }

    @Test
    void aLineDrawsTheVerdictsTheMarginsAndTheLimitWithItsResolution() {
        Sweep s = sweep(seconds("key_out", 1, 8));
        Boundary limit = new Boundary(
                "key_out",
                Axis.Unit.DURATION,
                List.of("*"),
                5 * S,
                5 * S + MS,
                "passed",
                "failed, ritual aborted: key-out-too-late",
                MS);
        SweepPage page = draw(
                s,
                i -> point(s, i, i <= 4 ? "passed" : "failed, ritual aborted: key-out-too-late", (4 - i) * S),
                List.of(limit));

        assertThat(page.map()).isFalse();
        assertThat(page.cells()).hasSize(8);
        assertThat(page.dots()).hasSize(8);
        assertThat(page.cells()).extracting(SweepPage.Cell::outcome).containsExactly(0, 0, 0, 0, 0, 1, 1, 1);
        double slot = page.plot().w() / 8;
        SweepPage.Mark mark = page.boundaries().get(0);
        assertThat(mark.x1()).isCloseTo(page.plot().x() + 4.5005 * slot, within(0.1));
        assertThat(mark.label()).isEqualTo("5.0005s ± 500us");
        // The margin line: zero at 5s (the fifth point), dots above it before and below after.
        assertThat(page.dots().get(4).cy()).isEqualTo(page.zeroY());
        assertThat(page.dots().get(0).cy()).isLessThan(page.zeroY());
        assertThat(page.dots().get(7).cy()).isGreaterThan(page.zeroY());
        assertThat(page.marginPath()).startsWith("M").contains("L");
        assertThat(page.marginPath().substring(1)).doesNotContain("M"); // one line, unbroken
        assertThat(page.dots().get(7).title()).contains("key_out = 8s", "tightest window: w, margin -3s");
        assertThat(page.y().ticks()).extracting(SweepPage.Tick::text).contains("outcome", "0s", "+2s", "-4s");
    }

    @Test
    void aGridPastTheCapKeepsEveryNthValueAndSaysSo() {
        Axis big = new Axis(
                "n",
                new Pos("t.yaml", 1, 1),
                Axis.Unit.INTEGER,
                LongStream.range(0, 2_500).boxed().toList());
        Sweep s = sweep(big);
        SweepPage page = draw(s, i -> point(s, i, i % 2 == 0 ? "passed" : "failed", null), List.of());

        // 2,500 points, at most 1,000 drawn: every 3rd, 834 of them; each the first of its block.
        assertThat(page.cells()).hasSize(834);
        assertThat(page.cells().get(1).title()).startsWith("n = 3\nfailed");
        assertThat(page.legend()).extracting(SweepPage.Outcome::count).containsExactly(1250L, 1250L);
        assertThat(page.notes())
                .singleElement()
                .asString()
                .contains("2500 points", "more than the 1000", "drawn are 834", "n every 3rd value");

        Sweep map = sweep(big, axis("m", Axis.Unit.INTEGER, 1L, 2L));
        PictureGrid grid = new PictureGrid(map);
        assertThat(grid.stride(0)).isEqualTo(13); // 2,500 / 200, rounded up
        assertThat(grid.kept(0)).isEqualTo(193);
        assertThat(grid.stride(1)).isEqualTo(1);
    }

    @Test
    void threeAxesCannotBeDrawnAndSaySo() {
        Sweep s = sweep(seconds("a", 1, 2), seconds("b", 1, 2), seconds("c", 1, 2));
        assertThatThrownBy(() -> new PictureSink(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a sweep's picture draws one axis or two, and t.yaml has 3 (a, b, c)");
    }

    @Test
    void theShippedKeyOutSweepDrawsTheDeadlineWhereBisectionFoundIt() throws Exception {
        Sweep s = SweepLoader.load(Path.of("bench-config/sweeps/r53-2005-2008-key-out.yaml"), List.of());
        SweepPage page = run(s);
        assertThat(page.legend())
                .extracting(SweepPage.Outcome::name)
                .containsExactly("passed", "failed, ritual aborted: key-out-too-late");
        assertThat(page.cells()).extracting(SweepPage.Cell::outcome).containsExactly(0, 0, 0, 0, 0, 1, 1, 1);
        assertThat(page.boundaries()).singleElement().satisfies(m -> {
            assertThat(m.label()).isEqualTo("5.0005s ± 500us");
            assertThat(m.x1()).isCloseTo(page.plot().x() + 4.5005 * page.plot().w() / 8, within(0.1));
        });
        // The key out at 6s: the deadline missed by 1s is its tightest window.
        assertThat(page.cells().get(5).title())
                .isEqualTo("key_out = 6s\nfailed, ritual aborted: key-out-too-late\nfirst cause: "
                        + page.cells().get(5).title().split("first cause: ")[1].split("\n")[0]
                        + "\ntightest window: completion.key-out-deadline, margin -1s");
        assertThat(page.headline()).isEqualTo("8 points: 5 passed, 3 failed; 1 boundary bisected to 1ms");
    }

    @Test
    void theShippedR56MapHasACellPerPointAndEveryBoundary() throws Exception {
        Sweep s = SweepLoader.load(Path.of("bench-config/sweeps/r56-2007-2013-run-time.yaml"), List.of());
        SweepPage page = run(s);
        assertThat(page.cells()).hasSize(28);
        assertThat(page.boundaries()).hasSize(11);
        assertThat(page.legend()).extracting(SweepPage.Outcome::count).containsExactly(9L, 12L, 4L, 3L);
        assertThat(page.limits()).hasSize(11).allMatch(l -> l.contains(" flips from "));
        for (SweepPage.Mark m : page.boundaries()) {
            assertThat(Math.min(m.x1(), m.x2()))
                    .isBetween(page.plot().x(), page.plot().x() + page.plot().w());
            assertThat(Math.min(m.y1(), m.y2()))
                    .isBetween(page.plot().y(), page.plot().y() + page.plot().h());
        }
    }

    private static SweepPage run(Sweep s) throws IOException {
        PictureSink sink = new PictureSink(s);
        new Sweeper(s, 2).run(Shard.WHOLE, sink, PointProgress.NONE);
        return sink.page();
    }
}
