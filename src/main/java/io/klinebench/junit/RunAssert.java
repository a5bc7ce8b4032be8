package io.klinebench.junit;

import io.klinebench.bench.EventFields;
import io.klinebench.bench.Rig;
import io.klinebench.bench.RitualOutcome;
import io.klinebench.bench.Timeline;
import io.klinebench.bench.Verdict;
import io.klinebench.car.Slot;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.TimingWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What {@link RunAssertions} returns: assertions on one run, each returning it for the next. */
public final class RunAssert {

    private final String what;
    private final Timeline timeline;
    private final Rig rig;
    /** Null for a bench driven by hand, which has no expectations to judge. */
    private final List<Verdict> verdicts;

    RunAssert(String what, Timeline timeline, Rig rig, List<Verdict> verdicts) {
        this.what = what;
        this.timeline = timeline;
        this.rig = rig;
        this.verdicts = verdicts;
    }

    /** Every expectation and final-state check of the sequence held. */
    public RunAssert passed() {
        if (verdicts == null) {
            throw new IllegalStateException(
                    "a bench driven by hand has no expectations; assert its windows and events");
        }
        List<Verdict> failed = verdicts.stream().filter(v -> !v.passed()).toList();
        if (!failed.isEmpty()) {
            throw new AssertionError(what + ": " + failed.size() + " of " + verdicts.size() + " checks failed:\n"
                    + failed.stream()
                            .map(v -> "  FAIL " + v.what() + " (" + v.pos() + "): " + v.detail())
                            .collect(Collectors.joining("\n")));
        }
        return this;
    }

    /** The ritual taught the car a remote (or key); if not, the failure names every cause, the first first. */
    public RunAssert ritualCompleted() {
        RitualOutcome o = RitualOutcome.of(rig);
        if (!o.completed()) {
            throw new AssertionError(what + ": the ritual taught the car nothing"
                    + (o.attempted()
                            ? "; the causes:\n" + causes(o)
                            : "; no ignition run ended, so it was never tried"));
        }
        return this;
    }

    /** The ritual was tried and taught nothing, and its first cause starts with {@code cause} ("ignition run not counted"). */
    public RunAssert ritualFailedFirstWith(String cause) {
        RitualOutcome o = RitualOutcome.of(rig);
        if (!o.failed()) {
            throw new AssertionError(what + (o.completed() ? ": the ritual completed" : ": no ritual was tried"));
        }
        if (!o.firstCause().orElseThrow().what().startsWith(cause)) {
            throw new AssertionError(what + ": the first cause is not '" + cause + "...'; the causes:\n" + causes(o));
        }
        return this;
    }

    private static String causes(RitualOutcome o) {
        return o.causes().stream()
                .map(c -> "  " + Durations.clock(c.at()) + " " + c.what())
                .collect(Collectors.joining("\n"));
    }

    /** The car applied the window {@code name} ("cycles.max-off-time") at least once, and met it every time. */
    public WindowAssert windowMet(String name) {
        List<Timeline.AppliedWindow> all = applied(name);
        List<Timeline.AppliedWindow> missed =
                all.stream().filter(a -> !a.window().met()).toList();
        if (!missed.isEmpty()) {
            throw new AssertionError(what + ": window " + name + " missed " + missed.size() + " of " + all.size()
                    + " times:\n" + lines(missed));
        }
        return new WindowAssert(this, name, all);
    }

    /** The car applied the window {@code name} and missed it at least once (the missed ones are asserted on). */
    public WindowAssert windowMissed(String name) {
        List<Timeline.AppliedWindow> all = applied(name);
        List<Timeline.AppliedWindow> missed =
                all.stream().filter(a -> !a.window().met()).toList();
        if (missed.isEmpty()) {
            throw new AssertionError(
                    what + ": window " + name + " met all " + all.size() + " times, never missed:\n" + lines(all));
        }
        return new WindowAssert(this, name, missed);
    }

    private List<Timeline.AppliedWindow> applied(String name) {
        List<Timeline.AppliedWindow> all = timeline.appliedWindows().stream()
                .filter(a -> a.window().name().equals(name))
                .toList();
        if (all.isEmpty()) {
            String names = timeline.windows().stream()
                    .map(TimingWindow::name)
                    .distinct()
                    .collect(Collectors.joining(", "));
            throw new AssertionError(what + ": window " + name + " was never applied; "
                    + (names.isEmpty() ? "no window was" : "applied were: " + names));
        }
        return all;
    }

    /** Some event of {@code type} happened between {@code from} and {@code to} ("5s", "1m30s") after the start. */
    public RunAssert hasEventWithin(Class<? extends Event> type, String from, String to) {
        long f = Durations.parse(from);
        long t = Durations.parse(to);
        List<? extends Event> all = timeline.of(type);
        if (all.stream().noneMatch(e -> e.at() >= f && e.at() <= t)) {
            throw new AssertionError(what + ": no " + EventFields.typeName(type) + " between "
                    + Durations.clock(f) + " and " + Durations.clock(t)
                    + (all.isEmpty() ? "; there was none at all" : "; there were:\n" + events(all)));
        }
        return this;
    }

    /** No event of {@code type} happened at all. */
    public RunAssert hasNo(Class<? extends Event> type) {
        List<? extends Event> all = timeline.of(type);
        if (!all.isEmpty()) {
            throw new AssertionError(what + ": expected no " + EventFields.typeName(type) + ", found " + all.size()
                    + ":\n" + events(all));
        }
        return this;
    }

    /**
     * The receiver's slot table, slot 0 first: each entry a key's name ("A") or "empty"; a slot
     * holding a remote of no key of this car shows as its serial ("0x1A2B3C").
     */
    public RunAssert slotsHold(String... keysBySlot) {
        List<String> actual = new ArrayList<>();
        for (Optional<Slot> s : rig.car().receiver().slots()) {
            actual.add(s.map(sl -> rig.remoteName(sl.serial()).orElse(EventFields.hex(sl.serial())))
                    .orElse("empty"));
        }
        if (!actual.equals(List.of(keysBySlot))) {
            throw new AssertionError(what + ": slots hold " + actual + ", expected " + List.of(keysBySlot));
        }
        return this;
    }

    private String events(List<? extends Event> events) {
        return events.stream()
                .map(Event.class::cast)
                .map(e -> "  " + Durations.clock(e.at()) + " " + EventFields.typeName(e) + " "
                        + EventFields.of(e, s -> rig.remoteName(s).orElse(null)))
                .collect(Collectors.joining("\n"));
    }

    static String lines(List<Timeline.AppliedWindow> windows) {
        return windows.stream().map(RunAssert::line).collect(Collectors.joining("\n"));
    }

    static String line(Timeline.AppliedWindow a) {
        TimingWindow w = a.window();
        String margin = Durations.human(Math.abs(w.marginNanos()));
        return "  " + Durations.clock(a.at()) + " " + (w.met() ? "met" : "MISSED") + ": actual "
                + Durations.human(w.actualNanos()) + ", "
                + (w.bound() == TimingWindow.Bound.AT_MOST ? "at most " : "at least ")
                + Durations.human(w.limitNanos()) + ", margin " + (w.marginNanos() < 0 ? "-" : "+") + margin
                + " (" + w.detail() + ")";
    }
}
