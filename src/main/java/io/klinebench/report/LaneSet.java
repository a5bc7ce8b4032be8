package io.klinebench.report;

import io.klinebench.report.TimelinePage.Item;
import io.klinebench.report.TimelinePage.Lane;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lanes being filled: items are added to a lane by its id, in any order; {@link #lanes} packs
 * each lane's items into rows (an item goes to the first row where the one before it has
 * ended), numbers every item once over the page, stacks the lanes, and leaves out the empty ones.
 */
final class LaneSet {

    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, List<Item>> items = new LinkedHashMap<>();

    /** Declares a lane; lanes are drawn in the order they are declared. */
    LaneSet lane(String id, String name) {
        names.put(id, name);
        items.put(id, new ArrayList<>());
        return this;
    }

    void add(String laneId, Item item) {
        List<Item> lane = items.get(laneId);
        if (lane == null) {
            throw new IllegalArgumentException("no lane " + laneId);
        }
        lane.add(item);
    }

    /** The earliest instant any item reaches; 0 with no items. */
    long start() {
        long start = Long.MAX_VALUE;
        for (List<Item> lane : items.values()) {
            for (Item i : lane) {
                start = Math.min(start, i.t0());
            }
        }
        return start == Long.MAX_VALUE ? 0 : start;
    }

    /** The latest instant any item reaches. */
    long end() {
        long end = 0;
        for (List<Item> lane : items.values()) {
            for (Item i : lane) {
                end = Math.max(end, Math.max(i.t1(), i.limitAt()));
            }
        }
        return end;
    }

    List<Lane> lanes() {
        List<Lane> out = new ArrayList<>();
        int y = TimelinePage.AXIS;
        int next = 1;
        for (Map.Entry<String, List<Item>> e : items.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            List<Item> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Comparator.comparingLong(Item::t0).thenComparingLong(Item::t1));
            List<Long> rowEnds = new ArrayList<>();
            List<Item> placed = new ArrayList<>();
            for (Item i : sorted) {
                int row = 0;
                while (row < rowEnds.size() && rowEnds.get(row) > i.t0()) {
                    row++;
                }
                // An instant takes its nanosecond: two at the same time go on two rows. Spans
                // that touch (ignition 1 until 2, then 2) share a row.
                long takes = i.instant() ? i.t0() + 1 : i.t1();
                if (row == rowEnds.size()) {
                    rowEnds.add(takes);
                } else {
                    rowEnds.set(row, takes);
                }
                placed.add(i.placed("i" + next++, row));
            }
            Lane lane = new Lane(e.getKey(), names.get(e.getKey()), y, rowEnds.size(), placed);
            out.add(lane);
            y += lane.height() + TimelinePage.GAP;
        }
        return out;
    }
}
