package io.klinebench.sweep;

import static io.klinebench.sweep.SweepPicture.px;

import io.klinebench.report.SweepPage;
import io.klinebench.time.Durations;
import java.util.ArrayList;
import java.util.List;

/**
 * A 2-D sweep's map: the second axis (the one that varies fastest) across, the first upward,
 * one cell per grid point coloured by its outcome (the verdict and the first cause's kind);
 * every bisected limit a line across the cell it cuts, where the limit lies between the two
 * grid values, with the band bisection left: the boundaries join into the map's contours.
 */
final class MapPicture {

    static final double LEFT = 110;
    static final double TOP = 84;
    /** A row's height while the rows are few; the map is at least {@link #MIN_HEIGHT} and at most {@link #MAX_HEIGHT} high. */
    static final double ROW = 40;

    static final double MIN_HEIGHT = 120;
    static final double MAX_HEIGHT = 480;

    private final SweepPicture picture;
    private final PictureGrid grid;
    private final Axis across;
    private final Axis up;
    private final SweepPage.Box plot;
    private final AxisScale xs;
    private final AxisScale ys;

    MapPicture(SweepPicture picture) {
        this.picture = picture;
        this.grid = picture.grid();
        this.up = picture.sweep().axes().get(0);
        this.across = picture.sweep().axes().get(1);
        double h = Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, grid.kept(0) * ROW));
        this.plot = new SweepPage.Box(LEFT, TOP, SweepPicture.WIDTH - LEFT - 30, h);
        this.xs = new AxisScale(across.values(), plot.x(), plot.w(), false);
        this.ys = new AxisScale(up.values(), plot.y(), plot.h(), true);
    }

    SweepPage page() {
        List<SweepPage.Cell> cells = new ArrayList<>();
        for (int r = 0; r < grid.kept(0); r++) {
            int i0 = r * grid.stride(0);
            int span0 = Math.min(grid.stride(0), grid.size(0) - i0);
            for (int c = 0; c < grid.kept(1); c++) {
                int i1 = c * grid.stride(1);
                int span1 = Math.min(grid.stride(1), grid.size(1) - i1);
                int cell = grid.cell(r, c);
                cells.add(new SweepPage.Cell(
                        px(xs.pixel(i1)),
                        px(ys.pixel(i0 + span0)),
                        px(span1 * xs.slot()),
                        px(span0 * ys.slot()),
                        picture.outcome(cell),
                        picture.title(cell, up.values().get(i0), across.values().get(i1))));
            }
        }
        List<SweepPage.Mark> marks = new ArrayList<>();
        for (Boundary b : picture.drawnBoundaries()) {
            marks.add(mark(b));
        }
        List<String> notes = picture.notes();
        return new SweepPage(
                picture.sweep().file(),
                picture.subtitle(),
                picture.headline(),
                SweepPicture.WIDTH,
                SweepPage.height(plot, picture.legend().size() + 1 + notes.size()),
                plot,
                new SweepPage.Axis(SweepPicture.label(across), SweepPicture.ticks(across, xs)),
                new SweepPage.Axis(SweepPicture.label(up), SweepPicture.ticks(up, ys)),
                cells,
                List.of(),
                "",
                -1,
                marks,
                picture.legend(),
                notes,
                picture.limits());
    }

    /** A boundary along one axis, across the slot of the other axis's grid value it was found at. */
    SweepPage.Mark mark(Boundary b) {
        boolean alongX = b.axis().equals(across.name());
        Axis other = alongX ? up : across;
        String at = b.at().get(alongX ? 0 : 1);
        int index = (alongX ? ys : xs).index(value(other, at));
        if (index < 0) {
            throw new IllegalStateException("boundary " + b.describe() + ": " + at + " is no value of " + other.name());
        }
        AxisScale along = alongX ? xs : ys;
        AxisScale beside = alongX ? ys : xs;
        double last = along.at(b.last());
        double first = along.at(b.first());
        double mid = px((last + first) / 2);
        double width = Math.max(1.5, Math.abs(first - last));
        double a = px(beside.pixel(index));
        double z = px(beside.pixel(index + 1));
        double lo = Math.min(a, z);
        double size = Math.abs(z - a);
        SweepPage.Box band = alongX
                ? new SweepPage.Box(px(mid - width / 2), lo, px(width), size)
                : new SweepPage.Box(lo, px(mid - width / 2), size, px(width));
        return alongX
                ? new SweepPage.Mark(mid, a, mid, z, band, mid, lo, "", b.describe())
                : new SweepPage.Mark(a, mid, z, mid, band, lo, mid, "", b.describe());
    }

    /** A grid value as the boundary wrote it ("3s", "4"). */
    private static long value(Axis a, String text) {
        return a.unit() == Axis.Unit.DURATION ? Durations.parse(text) : Long.parseLong(text);
    }
}
