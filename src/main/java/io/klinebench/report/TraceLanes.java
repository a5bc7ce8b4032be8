package io.klinebench.report;

import io.klinebench.kline.Violation;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.TraceEntry;
import io.klinebench.report.TimelinePage.Item;
import io.klinebench.time.Durations;
import io.klinebench.time.TimingWindow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A K-line trace as lanes: each side's bytes (a byte drawn over the time it took on the wire,
 * ending at its stamp), wake-ups and 5-baud bytes over their duration, each side's bursts
 * (bytes with no pause longer than {@link #PAUSE} between them), and the timing rules broken,
 * as missed windows.
 */
final class TraceLanes {

    /**
     * A pause that ends a burst. The trace alone does not say where frames end (that takes the
     * protocol's framing); the other side's byte always does, and so does a pause longer than
     * any inter-byte maximum (P1, P4 and DS2's are 20 ms at most).
     */
    static final long PAUSE = 20 * Durations.MS;

    private TraceLanes() {}

    /** How long a byte takes on the wire: start bit, eight data bits, a parity bit for "8E1", a stop bit. */
    static long byteNanos(int baud, String framing) {
        int bits = 10
                + (framing.toUpperCase(Locale.ROOT).contains("E")
                                || framing.toUpperCase(Locale.ROOT).contains("O")
                        ? 1
                        : 0);
        return bits * Durations.S / Math.max(1, baud);
    }

    /** Each side's bytes, on lanes {@code prefix + "tester"} and {@code prefix + "ecu"}. */
    static void bytes(LaneSet lanes, List<TraceEntry> trace, long byteNanos, String prefix) {
        bytes(lanes, trace, 0, trace.size(), byteNanos, prefix);
    }

    /** As above, for the entries from {@code from} (inclusive) to {@code to} (exclusive). */
    static void bytes(LaneSet lanes, List<TraceEntry> trace, int from, int to, long byteNanos, String prefix) {
        long[] lastAt = {-1, -1}; // each side's latest byte
        for (int i = from; i < to; i++) {
            TraceEntry t = trace.get(i);
            int sideIndex = t.from().ordinal();
            String side = side(t.from());
            Map<String, String> f = new LinkedHashMap<>();
            f.put("entry", "#" + i);
            f.put("at", Durations.clock(t.at()));
            f.put("from", side);
            Item item;
            switch (t.kind()) {
                case BYTE -> {
                    String hex = String.format("%02X", t.value());
                    f.put("byte", hex);
                    // Drawn over its time on the wire, ending at its stamp; but never back over the
                    // side's byte before it (the in-memory line sends bytes closer than a byte time).
                    long start = Math.max(Math.max(0, t.at() - byteNanos), lastAt[sideIndex]);
                    lastAt[sideIndex] = t.at();
                    item = new Item(null, "byte", start, t.at(), 0, hex, "byte " + side, -1, f);
                }
                case LOW -> {
                    f.put("line", "low (wake-up or break)");
                    f.put("duration", Durations.human(t.durationNanos()));
                    item = new Item(null, "low", t.at(), t.at() + t.durationNanos(), 0, "LOW", "low " + side, -1, f);
                }
                default -> {
                    String hex = String.format("%02X", t.value());
                    f.put("5-baud byte", hex);
                    f.put("duration", Durations.human(t.durationNanos()));
                    item = new Item(
                            null,
                            "slow-byte",
                            t.at(),
                            t.at() + t.durationNanos(),
                            0,
                            hex + " at 5 baud",
                            "slow " + side,
                            -1,
                            f);
                }
            }
            lanes.add(prefix + side, item);
        }
    }

    /** Each side's bursts of bytes, on lanes {@code prefix + "tester"} and {@code prefix + "ecu"}. */
    static void bursts(LaneSet lanes, List<TraceEntry> trace, long byteNanos, String prefix) {
        bursts(lanes, trace, 0, trace.size(), byteNanos, prefix);
    }

    /** As above, for the entries from {@code from} (inclusive) to {@code to} (exclusive). */
    static void bursts(LaneSet lanes, List<TraceEntry> trace, int from, int to, long byteNanos, String prefix) {
        int start = -1;
        for (int i = from; i <= to; i++) {
            TraceEntry t = i < to ? trace.get(i) : null;
            boolean ends = start >= 0
                    && (t == null
                            || t.kind() != TraceEntry.Kind.BYTE
                            || t.from() != trace.get(i - 1).from()
                            || t.at() - trace.get(i - 1).at() > PAUSE);
            if (ends) {
                lanes.add(prefix + side(trace.get(start).from()), burst(trace, start, i, byteNanos));
                start = -1;
            }
            if (t != null && t.kind() == TraceEntry.Kind.BYTE && start < 0) {
                start = i;
            }
        }
    }

    private static Item burst(List<TraceEntry> trace, int from, int to, long byteNanos) {
        byte[] bytes = new byte[to - from];
        for (int i = from; i < to; i++) {
            bytes[i - from] = (byte) trace.get(i).value();
        }
        String hex = Hex.of(bytes, 0, bytes.length);
        TraceEntry first = trace.get(from);
        TraceEntry last = trace.get(to - 1);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("entries", "#" + from + " to #" + (to - 1));
        f.put("from", side(first.from()));
        f.put("first byte", Durations.clock(first.at()));
        f.put("last byte", Durations.clock(last.at()));
        f.put("bytes", hex);
        return new Item(
                null,
                "burst",
                Math.max(0, first.at() - byteNanos),
                last.at(),
                0,
                hex,
                "frame " + side(first.from()),
                -1,
                f);
    }

    /** A broken rule as a missed window: the measured gap ending at the entry where it shows, against the limit. */
    static Item violation(Violation v, boolean decidable) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("rule", v.parameter());
        f.put("by", side(v.by()));
        f.put("entry", "#" + v.index());
        f.put("context", v.context());
        if (!decidable) {
            f.put("decidable", "no: within the stamps' uncertainty");
        }
        TimingWindow w = new TimingWindow(
                "kline." + v.parameter(),
                v.bound() == Violation.Bound.BELOW_MIN ? TimingWindow.Bound.AT_LEAST : TimingWindow.Bound.AT_MOST,
                v.limitNanos(),
                v.measuredNanos(),
                false,
                v.toString());
        Item item = RunLanes.window(v.at(), w, f);
        return decidable
                ? item
                : new Item(
                        null,
                        item.kind(),
                        item.t0(),
                        item.t1(),
                        0,
                        item.label() + " (not decidable)",
                        item.shortLabel() + "?",
                        "window undecided",
                        item.limitAt(),
                        item.fields());
    }

    static String side(Direction d) {
        return d == Direction.TESTER ? "tester" : "ecu";
    }
}
