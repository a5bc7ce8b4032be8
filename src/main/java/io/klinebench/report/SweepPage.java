package io.klinebench.report;

import java.util.List;
import java.util.Objects;

/**
 * What a sweep's picture draws, laid out: the drawing's size, its plot area and axes, the
 * grid's cells (a 2-D map, or the verdict strip of a 1-D sweep), the margin dots and line of
 * a 1-D sweep, the boundaries, and the legend of outcomes. Every position is a pixel of the
 * drawing (the SVG's own units, scaled by the browser); nothing is left to a script, so the
 * same drawing stands alone as an .svg file.
 *
 * @param title      what was swept (the sweep file as given)
 * @param subtitle   its description and the sequence it runs
 * @param headline   the counts in words: "36 points: 18 passed, 18 failed; 8 boundaries"
 * @param width      the drawing's width
 * @param height     the drawing's height
 * @param plot       the plot area: the cells and the margin chart lie inside it
 * @param x          the horizontal axis
 * @param y          the vertical axis: the map's first axis, or the 1-D sweep's margin
 * @param cells      the map's cells, or the 1-D verdict strip's
 * @param dots       the 1-D margin chart's points (empty for a map)
 * @param marginPath the 1-D margin line as an SVG path ("M1,2L3,4"); empty for a map
 * @param zeroY      where the margin is zero in a 1-D chart; -1 for a map
 * @param boundaries the bisected limits
 * @param legend     every outcome, colour and count, in the order drawn
 * @param notes      what the picture leaves out, in words (a grid thinned to its cap)
 * @param limits     each boundary in words, for the list under the drawing
 */
public record SweepPage(
        String title,
        String subtitle,
        String headline,
        int width,
        int height,
        Box plot,
        Axis x,
        Axis y,
        List<Cell> cells,
        List<Dot> dots,
        String marginPath,
        double zeroY,
        List<Mark> boundaries,
        List<Outcome> legend,
        List<String> notes,
        List<String> limits) {

    public SweepPage {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(subtitle, "subtitle");
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(marginPath, "marginPath");
        cells = List.copyOf(cells);
        dots = List.copyOf(dots);
        boundaries = List.copyOf(boundaries);
        legend = List.copyOf(legend);
        notes = List.copyOf(notes);
        limits = List.copyOf(limits);
    }

    /** Whether the page is a 2-D map (else a 1-D sweep: a verdict strip and a margin chart). */
    public boolean map() {
        return zeroY < 0;
    }

    /**
     * The cells with each row's neighbours of one outcome joined into one rectangle, titled
     * by the outcome: the same picture in far fewer elements, for a standalone drawing of a
     * big grid (the HTML page keeps a cell, and its hover text, per point).
     */
    public List<Cell> joinedCells() {
        List<Cell> out = new java.util.ArrayList<>();
        Cell run = null;
        for (Cell c : cells) {
            if (run != null
                    && run.y() == c.y()
                    && run.h() == c.h()
                    && run.outcome() == c.outcome()
                    && Math.abs(run.x() + run.w() - c.x()) < 0.11) {
                run = new Cell(
                        run.x(),
                        run.y(),
                        Math.round((c.x() + c.w() - run.x()) * 10) / 10.0,
                        run.h(),
                        run.outcome(),
                        run.title());
            } else {
                if (run != null) {
                    out.add(run);
                }
                run = new Cell(
                        c.x(),
                        c.y(),
                        c.w(),
                        c.h(),
                        c.outcome(),
                        legend.get(c.outcome()).name());
            }
        }
        if (run != null) {
            out.add(run);
        }
        return out;
    }

    /** Room under the plot for the x axis's ticks and title. */
    public static final int UNDER_PLOT = 52;
    /** Height of one line of the legend and of the notes. */
    public static final int LINE = 18;

    /** Where the legend starts, under the plot and its axis. */
    public double legendY() {
        return plot.y() + plot.h() + UNDER_PLOT;
    }

    /** Where the line {@code n} (from 0) under the plot is written: the legend's, then the boundaries' key, then the notes. */
    public double lineY(int n) {
        return legendY() + LINE * (n + 1);
    }

    /** The drawing's height for a plot with this many lines under it (legend, boundary key, notes). */
    public static int height(Box plot, int lines) {
        return (int) Math.ceil(plot.y() + plot.h() + UNDER_PLOT + LINE * (lines + 1) + 8);
    }

    /** A rectangle of the drawing. */
    public record Box(double x, double y, double w, double h) {}

    /**
     * One axis: its title (name and unit) and its ticks.
     *
     * @param label "key_out (time after the last cycle's off, s)"
     */
    public record Axis(String label, List<Tick> ticks) {
        public Axis {
            Objects.requireNonNull(label, "label");
            ticks = List.copyOf(ticks);
        }
    }

    /** A tick: its position along its axis (x for the horizontal one, y for the vertical) and its text. */
    public record Tick(double at, String text) {}

    /**
     * One grid cell: a point of the sweep (or, in a thinned grid, the point that stands for its
     * block), coloured by its outcome.
     *
     * @param outcome the legend entry's index
     * @param title   the point's values, verdict and cause, one per line (hover text)
     */
    public record Cell(double x, double y, double w, double h, int outcome, String title) {}

    /** A point of the 1-D margin chart: its tightest window's margin against the axis. */
    public record Dot(double cx, double cy, int outcome, String title) {}

    /**
     * A bisected limit: a line from (x1, y1) to (x2, y2) across the cell or chart it cuts, and
     * the band the bisection left (its last and first values), at least a hairline wide.
     *
     * @param label the limit in words on the drawing ("5.0005s ± 500us"); empty in a map
     * @param title the boundary in full (hover text)
     */
    public record Mark(
            double x1,
            double y1,
            double x2,
            double y2,
            Box band,
            double labelX,
            double labelY,
            String label,
            String title) {}

    /**
     * An outcome of the legend.
     *
     * @param colour a CSS colour, "#43a047"
     */
    public record Outcome(String name, long count, String colour) {
        public Outcome {
            Objects.requireNonNull(name, "name");
            // Written into the drawing's style as it is: only a colour may get there.
            if (!colour.matches("#[0-9a-f]{6}")) {
                throw new IllegalArgumentException("a colour is #rrggbb in lower case, found '" + colour + "'");
            }
        }
    }
}
