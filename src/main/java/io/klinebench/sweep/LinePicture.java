package io.klinebench.sweep;

import static io.klinebench.sweep.SweepPicture.px;

import io.klinebench.report.SweepPage;
import io.klinebench.time.Durations;
import java.util.ArrayList;
import java.util.List;

/**
 * A 1-D sweep's picture: along its axis, a strip of cells coloured by each point's outcome,
 * and under it each point's tightest window margin (positive inside its limit, negative
 * outside; the dashed line is zero), the points joined by a line; every bisected limit a
 * vertical line through both, labelled with its value and half-width ("5.0005s ± 500us").
 */
final class LinePicture {

    static final double LEFT = 100;
    static final double TOP = 84;
    static final double STRIP = 30;
    static final double GAP = 14;
    static final double CHART = 260;
    /** Room above and below the margins inside the chart. */
    static final double PAD = 10;
    /** The most boundaries labelled on the drawing (all are listed under it). */
    static final int MAX_LABELS = 12;

    private final SweepPicture picture;
    private final Axis axis;
    private final PictureGrid grid;
    private final SweepPage.Box plot;
    private final AxisScale scale;

    LinePicture(SweepPicture picture) {
        this.picture = picture;
        this.grid = picture.grid();
        this.axis = picture.sweep().axes().get(0);
        this.plot = new SweepPage.Box(LEFT, TOP, SweepPicture.WIDTH - LEFT - 30, STRIP + GAP + CHART);
        this.scale = new AxisScale(axis.values(), plot.x(), plot.w(), false);
    }

    SweepPage page() {
        int n = grid.size(0);
        int stride = grid.stride(0);
        List<SweepPage.Cell> cells = new ArrayList<>();
        long lo = 0;
        long hi = 0;
        boolean anyMargin = false;
        for (int j = 0; j < grid.kept(0); j++) {
            int i = j * stride;
            int span = Math.min(stride, n - i);
            cells.add(new SweepPage.Cell(
                    px(scale.pixel(i)),
                    plot.y(),
                    px(span * scale.slot()),
                    STRIP,
                    picture.outcome(j),
                    picture.title(j, axis.values().get(i))));
            long m = grid.margin(j);
            if (m != PictureGrid.NO_MARGIN) {
                lo = Math.min(lo, m);
                hi = Math.max(hi, m);
                anyMargin = true;
            }
        }
        long step = niceStep(anyMargin && hi > lo ? hi - lo : Durations.S);
        long bottom = Math.floorDiv(lo, step) * step;
        long top = Math.max(bottom + step, -Math.floorDiv(-hi, step) * step);
        MarginScale margins = new MarginScale(bottom, top, plot.y() + STRIP + GAP + PAD, CHART - 2 * PAD);

        List<SweepPage.Dot> dots = new ArrayList<>();
        StringBuilder path = new StringBuilder();
        boolean joined = false;
        for (int j = 0; j < grid.kept(0); j++) {
            long m = grid.margin(j);
            if (m == PictureGrid.NO_MARGIN) {
                joined = false;
                continue;
            }
            double cx = px(scale.centre(j * stride));
            double cy = px(margins.y(m));
            path.append(joined ? "L" : "M").append(cx).append(',').append(cy);
            joined = true;
            dots.add(new SweepPage.Dot(cx, cy, picture.outcome(j), cells.get(j).title()));
        }

        List<SweepPage.Tick> yTicks = new ArrayList<>();
        yTicks.add(new SweepPage.Tick(plot.y() + STRIP / 2, "outcome"));
        for (long t = bottom; t <= top; t += step) {
            yTicks.add(new SweepPage.Tick(px(margins.y(t)), SweepPicture.signed(t)));
        }
        List<SweepPage.Mark> marks = new ArrayList<>();
        List<Boundary> boundaries = picture.drawnBoundaries();
        for (int b = 0; b < boundaries.size(); b++) {
            marks.add(mark(boundaries.get(b), b, boundaries.size() <= MAX_LABELS));
        }
        List<String> notes = picture.notes();
        return new SweepPage(
                picture.sweep().file(),
                picture.subtitle(),
                picture.headline(),
                SweepPicture.WIDTH,
                SweepPage.height(plot, picture.legend().size() + 1 + notes.size()),
                plot,
                new SweepPage.Axis(SweepPicture.label(axis), SweepPicture.ticks(axis, scale)),
                new SweepPage.Axis("tightest window's margin (time)", yTicks),
                cells,
                dots,
                path.toString(),
                px(margins.y(0)),
                marks,
                picture.legend(),
                notes,
                picture.limits());
    }

    private SweepPage.Mark mark(Boundary b, int i, boolean labelled) {
        double last = scale.at(b.last());
        double first = scale.at(b.first());
        double x = px((last + first) / 2);
        double w = Math.max(2, Math.abs(first - last));
        return new SweepPage.Mark(
                x,
                plot.y(),
                x,
                plot.y() + plot.h(),
                new SweepPage.Box(px(x - w / 2), plot.y(), px(w), plot.h()),
                x,
                plot.y() - 8 - 14 * (i % 2),
                labelled ? b.limitText() : "",
                b.describe());
    }

    /** A step of 1, 2 or 5 times a power of ten nanoseconds that cuts {@code span} into about four. */
    static long niceStep(long span) {
        long raw = Math.max(1, span / 4);
        long power = 1;
        while (power <= raw / 10) {
            power *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** Margins from {@code bottom} to {@code top} onto the chart's height, larger margins higher. */
    record MarginScale(long bottom, long top, double y0, double height) {
        double y(long margin) {
            return y0 + height * ((double) (top - margin) / (double) (top - bottom));
        }
    }
}
