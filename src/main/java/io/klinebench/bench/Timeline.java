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
import java.util.function.Consumer;

/**
 * Everything that happened during a run, in time order: what the car and the remotes did, and
 * what the K-line's link layers did and found (frames, sessions, timing violations).
 */
public final class Timeline {

    /** Room for a ritual's events from the start (59 in the R53 ritual), so a sweep's point does not grow the list five times. */
    private final List<Event> events = new ArrayList<>(64);

    private final List<Consumer<Event>> listeners = new ArrayList<>();
    /** How many of the latest events are kept; {@link Integer#MAX_VALUE}: all of them. */
    private final int keep;

    private long forgotten;

    /** A timeline that keeps every event: a bench run, which ends. */
    public Timeline() {
        this(Integer.MAX_VALUE);
    }

    private Timeline(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one event, not " + keep);
        }
        this.keep = keep;
    }

    /**
     * A timeline that keeps only the latest {@code keep} events: a simulator on a port runs for
     * days, and its listeners (the live stream, the events file) have every event as it comes.
     */
    public static Timeline keepingLast(int keep) {
        return new Timeline(keep);
    }

    void record(Event e) {
        events.add(e);
        forgetBeyondKeep();
        tell(e);
    }

    /** Drops the oldest events in batches of {@code keep}, so that each event costs O(1). */
    private void forgetBeyondKeep() {
        if (keep != Integer.MAX_VALUE && events.size() >= 2 * keep) {
            int drop = events.size() - keep;
            events.subList(0, drop).clear();
            forgotten += drop;
        }
    }

    /** Events no longer kept (a timeline {@link #keepingLast keeping the last} few). */
    public long forgotten() {
        return forgotten + Math.max(0, events.size() - keep);
    }

    /**
     * Tells {@code listener} of every event recorded from now on, as it is recorded (on the
     * thread that records: the clock's). A listener must be quick and must not throw.
     */
    public void onRecord(Consumer<Event> listener) {
        listeners.add(listener);
    }

    private void tell(Event e) {
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).accept(e);
        }
    }

    /** Adds an event found after the fact (a timing violation) at its place in time. */
    void recordLate(Event e) {
        int i = events.size();
        while (i > 0 && events.get(i - 1).at() > e.at()) {
            i--;
        }
        events.add(i, e);
        forgetBeyondKeep();
        tell(e);
    }

    /** The events kept, in time order: all of them, or the latest {@code keep}. */
    public List<Event> events() {
        List<Event> kept = events.size() > keep ? events.subList(events.size() - keep, events.size()) : events;
        return Collections.unmodifiableList(kept);
    }

    public <T extends Event> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Event e : events()) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    public <T extends Event> Optional<T> first(Class<T> type) {
        for (Event e : events()) {
            if (type.isInstance(e)) {
                return Optional.of(type.cast(e));
            }
        }
        return Optional.empty();
    }

    /** Every timing window the car (and the remotes) applied, in time order. */
    public List<TimingWindow> windows() {
        List<TimingWindow> out = new ArrayList<>();
        for (Event e : events()) {
            windowOf(e).ifPresent(out::add);
        }
        return out;
    }

    /** The windows with the instant each was applied. */
    public List<AppliedWindow> appliedWindows() {
        List<AppliedWindow> out = new ArrayList<>();
        for (Event e : events()) {
            windowOf(e).ifPresent(w -> out.add(new AppliedWindow(e.at(), w)));
        }
        return out;
    }

    /**
     * The timing window an event judged, if it is one that does: a window the car judged, a
     * remote's coin cell back in (how long it was out), a K-line timing violation (a missed window).
     */
    public static Optional<TimingWindow> windowOf(Event e) {
        if (e instanceof CarEvent.WindowJudged w) {
            return Optional.of(w.window());
        } else if (e instanceof FobEvent.BatteryInserted b) {
            return Optional.of(b.window());
        } else if (e instanceof LinkEvent.TimingViolation v) {
            return Optional.of(window(v));
        }
        return Optional.empty();
    }

    /** A K-line timing violation as a missed window ("kline.P3min"). */
    public static TimingWindow window(LinkEvent.TimingViolation v) {
        TimingWindow.Bound bound =
                v.bound().equals("below-min") ? TimingWindow.Bound.AT_LEAST : TimingWindow.Bound.AT_MOST;
        return new TimingWindow(
                "kline." + v.parameter(),
                bound,
                v.limitNanos(),
                v.measuredNanos(),
                false,
                v.by().name().toLowerCase() + ": " + v.context()
                        + (v.injected().isEmpty() ? "" : "; injected: " + v.injected()));
    }

    public record AppliedWindow(long at, TimingWindow window) {}
}
