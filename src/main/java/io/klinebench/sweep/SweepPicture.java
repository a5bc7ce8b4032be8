package io.klinebench.sweep;

import io.klinebench.report.SweepPage;
import io.klinebench.time.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A whole sweep's picture, from what its {@link PictureGrid} kept and what the sweep found:
 * a 1-D sweep as verdict and margin against its axis ({@link LinePicture}), a 2-D sweep as a
 * map of outcomes ({@link MapPicture}). Here the parts both share: the legend (every outcome
 * with its count over all points and its colour), the hover text of a point, the axis titles
 * and ticks, the headline and the notes.
 */
final class SweepPicture {

    /** The drawing's width; the page scales it to the window. */
    static final int WIDTH = 980;

    /** The most boundaries listed in words under the drawing (all are drawn, up to {@link #MAX_DRAWN}). */
    static final int MAX_LISTED = 200;

    /** The most boundaries drawn. */
    static final int MAX_DRAWN = 20_000;

    static final String PASSED_COLOUR = "#43a047";
    static final String INVALID_COLOUR = "#9e9e9e";
    static final String NO_CAUSE_COLOUR = "#37474f";

    /** Failures' colours, in legend order (after that, hues a golden angle apart). */
    private static final List<String> PALETTE = List.of(
            "#e53935", "#fb8c00", "#8e24aa", "#1e88e5", "#fdd835", "#6d4c41", "#00acc1", "#d81b60", "#3949ab",
            "#ff8a80", "#80deea", "#bcaaa4");

    private final PictureGrid grid;
    private final SweepResult result;
    private final List<SweepPage.Outcome> legend = new ArrayList<>();
    private final Map<String, Integer> legendIndex = new HashMap<>();

    private SweepPicture(PictureGrid grid, SweepResult result) {
        this.grid = grid;
        this.result = result;
        List<Map.Entry<String, Long>> outcomes =
                new ArrayList<>(result.outcomes().entrySet());
        outcomes.sort(
                Comparator.comparing((Map.Entry<String, Long> e) -> !e.getKey().equals("passed"))
                        .thenComparing(e -> -e.getValue())
                        .thenComparing(Map.Entry::getKey));
        int failures = 0;
        for (Map.Entry<String, Long> e : outcomes) {
            String name = e.getKey();
            String colour = name.equals("passed")
                    ? PASSED_COLOUR
                    : name.equals(PointResult.INVALID)
                            ? INVALID_COLOUR
                            : name.equals("failed") ? NO_CAUSE_COLOUR : colour(failures++);
            legendIndex.put(name, legend.size());
            legend.add(new SweepPage.Outcome(name, e.getValue(), colour));
        }
    }

    /** The picture of a whole sweep whose points {@code grid} kept. */
    static SweepPage of(PictureGrid grid, SweepResult result) {
        if (!result.shard().isWhole()) {
            throw new IllegalArgumentException(
                    "a picture is of a whole sweep; shard " + result.shard() + " has only some of its points");
        }
        SweepPicture p = new SweepPicture(grid, result);
        return grid.sweep().axes().size() == 1 ? new LinePicture(p).page() : new MapPicture(p).page();
    }

    PictureGrid grid() {
        return grid;
    }

    Sweep sweep() {
        return grid.sweep();
    }

    List<SweepPage.Outcome> legend() {
        return legend;
    }

    /** The legend index of a cell's outcome. */
    int outcome(int cell) {
        Integer i = legendIndex.get(grid.outcome(cell));
        if (i == null) {
            throw new IllegalStateException("point of cell " + cell + " never came to the picture, or its outcome '"
                    + grid.outcome(cell) + "' is not among the sweep's counts");
        }
        return i;
    }

    /** The boundaries to draw: all, up to {@link #MAX_DRAWN}. */
    List<Boundary> drawnBoundaries() {
        List<Boundary> all = result.boundaries();
        return all.size() > MAX_DRAWN ? all.subList(0, MAX_DRAWN) : all;
    }

    /** A point's hover text: its values, its outcome, its first cause, its tightest window. */
    String title(int cell, long... values) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < values.length; k++) {
            Axis a = sweep().axes().get(k);
            sb.append(k == 0 ? "" : ", ").append(a.name()).append(" = ").append(a.text(values[k]));
        }
        sb.append('\n').append(grid.outcome(cell));
        if (grid.cause(cell) != null) {
            sb.append('\n')
                    .append(PointResult.INVALID.equals(grid.outcome(cell)) ? "why: " : "first cause: ")
                    .append(grid.cause(cell));
        }
        if (grid.margin(cell) != PictureGrid.NO_MARGIN) {
            sb.append("\ntightest window: ")
                    .append(grid.window(cell))
                    .append(", margin ")
                    .append(signed(grid.margin(cell)));
        }
        return sb.toString();
    }

    /** "+500ms", "-1s", "0s". */
    static String signed(long nanos) {
        return (nanos > 0 ? "+" : "") + Durations.format(nanos);
    }

    /** An axis's title: its name, what it is, and its unit. */
    static String label(Axis a) {
        return a.name() + " (" + (a.isProfileValue() ? "profile value" : "sequence parameter") + ", "
                + (a.unit() == Axis.Unit.DURATION ? "time" : "count") + ")";
    }

    /**
     * Ticks at every grid value of an axis of up to 12; else at 8 of them, evenly spread, the
     * first and last among them; durations rounded to four digits ("6.024s").
     */
    static List<SweepPage.Tick> ticks(Axis a, AxisScale scale) {
        int n = a.values().size();
        List<SweepPage.Tick> ticks = new ArrayList<>();
        int count = n <= 12 ? n : 8;
        int last = -1;
        for (int t = 0; t < count; t++) {
            int i = count == 1 ? 0 : (int) Math.round((double) t * (n - 1) / (count - 1));
            if (i != last) {
                long v = a.values().get(i);
                String text = a.unit() == Axis.Unit.DURATION ? Durations.human(v) : Long.toString(v);
                ticks.add(new SweepPage.Tick(px(scale.centre(i)), text));
                last = i;
            }
        }
        return ticks;
    }

    /** "36 points: 18 passed, 18 failed; 8 boundaries bisected to 1ms". */
    String headline() {
        long passed = result.outcomes().getOrDefault("passed", 0L);
        long invalid = result.outcomes().getOrDefault(PointResult.INVALID, 0L);
        long failed = result.points() - passed - invalid;
        StringBuilder sb = new StringBuilder();
        sb.append(result.points()).append(result.points() == 1 ? " point: " : " points: ");
        sb.append(passed).append(" passed, ").append(failed).append(" failed");
        if (invalid > 0) {
            sb.append(", ").append(invalid).append(" invalid");
        }
        if (sweep().bisects()) {
            int b = result.boundaries().size();
            sb.append("; ")
                    .append(b)
                    .append(b == 1 ? " boundary" : " boundaries")
                    .append(" bisected to ")
                    .append(Durations.format(sweep().resolution()));
        }
        return sb.toString();
    }

    String subtitle() {
        String d = sweep().description().strip().replaceAll("\\s+", " ");
        return (d.isEmpty() ? "" : d + " ") + "Sequence: " + sweep().sequence() + ".";
    }

    /** What the picture leaves out. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (grid.thinned()) {
            List<String> sizes = new ArrayList<>();
            List<String> drawn = new ArrayList<>();
            List<String> every = new ArrayList<>();
            for (int k = 0; k < sweep().axes().size(); k++) {
                sizes.add(Integer.toString(grid.size(k)));
                drawn.add(Integer.toString(grid.kept(k)));
                every.add(sweep().axes().get(k).name() + " every " + ordinal(grid.stride(k)) + " value");
            }
            int cap = sizes.size() == 1 ? PictureGrid.LINE_CAP : PictureGrid.MAP_CAP;
            notes.add("The grid has " + String.join(" x ", sizes) + " points, more than the " + cap
                    + (sizes.size() == 1 ? " a picture draws" : " values per axis a map draws") + ": drawn are "
                    + String.join(" x ", drawn) + " (" + String.join(", ", every)
                    + "), each the outcome of the first point of its block. The legend counts every point.");
        }
        if (result.boundaries().size() > MAX_DRAWN) {
            notes.add("Drawn are the first " + MAX_DRAWN + " of "
                    + result.boundaries().size() + " boundaries; --json has them all.");
        }
        return notes;
    }

    /** Each boundary in words, up to {@link #MAX_LISTED}. */
    List<String> limits() {
        List<String> out = new ArrayList<>();
        for (Boundary b : result.boundaries()) {
            if (out.size() == MAX_LISTED) {
                out.add("and " + (result.boundaries().size() - MAX_LISTED) + " more (--json has them all)");
                break;
            }
            out.add(b.describe());
        }
        return out;
    }

    private static String ordinal(int n) {
        return n
                + (n % 100 >= 11 && n % 100 <= 13
                        ? "th"
                        : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th");
    }

    /** A pixel, to a tenth: the drawing's numbers stay short and the same on every machine. */
    static double px(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** The {@code i}-th failure's colour. */
    static String colour(int i) {
        if (i < PALETTE.size()) {
            return PALETTE.get(i);
        }
        double hue = ((i - PALETTE.size()) * 137.508) % 360;
        return hsv(hue, 0.65, 0.85);
    }

    private static String hsv(double h, double s, double v) {
        double c = v * s;
        double x = c * (1 - Math.abs((h / 60) % 2 - 1));
        double m = v - c;
        double[] rgb = h < 60
                ? new double[] {c, x, 0}
                : h < 120
                        ? new double[] {x, c, 0}
                        : h < 180
                                ? new double[] {0, c, x}
                                : h < 240
                                        ? new double[] {0, x, c}
                                        : h < 300 ? new double[] {x, 0, c} : new double[] {c, 0, x};
        return String.format(
                Locale.ROOT,
                "#%02x%02x%02x",
                Math.round((rgb[0] + m) * 255),
                Math.round((rgb[1] + m) * 255),
                Math.round((rgb[2] + m) * 255));
    }
}
