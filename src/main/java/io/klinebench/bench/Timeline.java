package io.klinebench.bench;

import io.klinebench.car.CarEvent;
import io.klinebench.fob.FobEvent;
import io.klinebench.kline.LinkEvent;
import io.klinebench.time.Event;
import io.klinebench.time.TimingWindow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Everything that happened during a run, in time order: what the car and the remotes did, and
 * what the K-line's link layers did and found (frames, sessions, timing violations).
 */
public final class Timeline {

    private final List<Event> events = new ArrayList<>();

    void record(Event e) {
        events.add(e);
    }

    /** Adds an event found after the fact (a timing violation) at its place in time. */
    void recordLate(Event e) {
        int i = events.size();
        while (i > 0 && events.get(i - 1).at() > e.at()) {
            i--;
        }
        events.add(i, e);
    }

    public List<Event> events() {
        return Collections.unmodifiableList(events);
    }

    public <T extends Event> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Event e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    public <T extends Event> Optional<T> first(Class<T> type) {
        for (Event e : events) {
            if (type.isInstance(e)) {
                return Optional.of(type.cast(e));
            }
        }
        return Optional.empty();
    }

    /** Every timing window the car (and the remotes) applied, in time order. */
    public List<TimingWindow> windows() {
        List<TimingWindow> out = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof CarEvent.WindowJudged w) {
                out.add(w.window());
            } else if (e instanceof FobEvent.BatteryInserted b) {
                out.add(b.window());
            } else if (e instanceof LinkEvent.TimingViolation v) {
                out.add(window(v));
            }
        }
        return out;
    }

    /** The windows with the instant each was applied. */
    public List<AppliedWindow> appliedWindows() {
        List<AppliedWindow> out = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof CarEvent.WindowJudged w) {
                out.add(new AppliedWindow(w.at(), w.window()));
            } else if (e instanceof FobEvent.BatteryInserted b) {
                out.add(new AppliedWindow(b.at(), b.window()));
            } else if (e instanceof LinkEvent.TimingViolation v) {
                out.add(new AppliedWindow(v.at(), window(v)));
            }
        }
        return out;
    }

    /** A K-line timing violation as a missed window ("kline.P3min"). */
    static TimingWindow window(LinkEvent.TimingViolation v) {
        TimingWindow.Bound bound =
                v.bound().equals("below-min") ? TimingWindow.Bound.AT_LEAST : TimingWindow.Bound.AT_MOST;
        return new TimingWindow(
                "kline." + v.parameter(),
                bound,
                v.limitNanos(),
                v.measuredNanos(),
                false,
                v.by().name().toLowerCase() + ": " + v.context());
    }

    public record AppliedWindow(long at, TimingWindow window) {}
}
