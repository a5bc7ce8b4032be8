package io.klinebench.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the HTML report draws: a title, the outcome, lanes of items on one time axis from
 * {@code startNanos} to {@code endNanos}, and the verdicts. Items hold clock times in nanoseconds; the page's script
 * places them for the view it shows (whole run down to single bytes), and {@link #x} places
 * them for the whole run, so that the page reads before its script ran.
 *
 * @param title    what was run or checked (the sequence, the trace file)
 * @param subtitle one sentence about it (the sequence's description, the profile judged by)
 * @param passed   whether every expectation held (a run) or no rule was broken (a trace)
 * @param headline the outcome in words: "PASSED: 5 of 5 expectations held"
 * @param startNanos the start of the time axis: 0 for a run; a trace's first stamp
 * @param endNanos the end of the time axis
 * @param lanes    the lanes that have items, top to bottom
 * @param verdicts the verdicts, one line each, in the file's order
 */
public record TimelinePage(
        String title,
        String subtitle,
        boolean passed,
        String headline,
        long startNanos,
        long endNanos,
        List<Lane> lanes,
        List<Finding> verdicts) {

    /** Where the drawing of the items starts: the lanes' names sit left of it. */
    public static final int LEFT = 170;
    /** The drawing's width as first laid out; the script fits it to the window. */
    public static final int WIDTH = 1400;
    /** Room right of the drawing (a label of the last item). */
    public static final int RIGHT = 20;
    /** Height of the time axis above the lanes. */
    public static final int AXIS = 28;
    /** Height of one row of a lane. */
    public static final int ROW = 22;
    /** Space between two lanes. */
    public static final int GAP = 8;

    public TimelinePage {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(subtitle, "subtitle");
        Objects.requireNonNull(headline, "headline");
        lanes = List.copyOf(lanes);
        verdicts = List.copyOf(verdicts);
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("the time axis ends before it starts: " + startNanos + ".." + endNanos);
        }
    }

    /**
     * One lane: a name and its items, packed into rows so that no two items of a row overlap.
     *
     * @param id    a stable name for scripts and tests ("ignition", "windows", "kline-tester")
     * @param name  the name people read
     * @param y     the lane's top in the drawing
     * @param rows  how many rows its items needed
     */
    public record Lane(String id, String name, int y, int rows, List<Item> items) {
        public Lane {
            items = List.copyOf(items);
        }

        public int height() {
            return rows * ROW;
        }
    }

    /**
     * One thing on a lane: a span from {@code t0} to {@code t1}, or an instant ({@code t0 == t1}).
     *
     * @param id      unique on the page ("i42"): the page's {@code #item=i42} selects it
     * @param kind    what it shows, as event types are named ("remote-sent", "window", "byte")
     * @param row     its row in the lane, from 0
     * @param label   the words drawn on it
     * @param shortLabel fewer words, drawn when the label does not fit ("-3s" for a window); may be empty
     * @param css     its classes: what it is and how it went ("window missed", "ign ign-2")
     * @param limitAt for a timing window, the instant its limit falls on; -1 for anything else
     * @param fields  what the details box shows: names and values as people read them
     */
    public record Item(
            String id,
            String kind,
            long t0,
            long t1,
            int row,
            String label,
            String shortLabel,
            String css,
            long limitAt,
            Map<String, String> fields) {
        public Item {
            if (t1 < t0) {
                throw new IllegalArgumentException("an item ends before it starts: " + t0 + ".." + t1);
            }
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(shortLabel, "shortLabel");
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }

        /** An item with no short label. */
        public Item(
                String id,
                String kind,
                long t0,
                long t1,
                int row,
                String label,
                String css,
                long limitAt,
                Map<String, String> fields) {
            this(id, kind, t0, t1, row, label, "", css, limitAt, fields);
        }

        public boolean instant() {
            return t0 == t1;
        }

        public boolean hasLimit() {
            return limitAt >= 0;
        }

        Item placed(String newId, int newRow) {
            return new Item(newId, kind, t0, t1, newRow, label, shortLabel, css, limitAt, fields);
        }
    }

    /** One verdict line: whether it held, what was expected, what was found. */
    public record Finding(boolean passed, String what, String detail) {}

    /** Height of the whole drawing. */
    public int height() {
        if (lanes.isEmpty()) {
            return AXIS + GAP;
        }
        Lane last = lanes.get(lanes.size() - 1);
        return last.y() + last.height() + GAP;
    }

    /** Where {@code t} falls in the drawing when the whole run is shown. */
    public double x(long t) {
        double span = Math.max(1, endNanos - startNanos);
        return LEFT + (WIDTH - LEFT - RIGHT) * ((t - startNanos) / span);
    }

    /** An item's width when the whole run is shown (an instant gets a mark's width elsewhere). */
    public double width(Item item) {
        return Math.max(1, x(item.t1()) - x(item.t0()));
    }

    /** The top of an item's row. */
    public int y(Lane lane, Item item) {
        return lane.y() + item.row() * ROW;
    }
}
