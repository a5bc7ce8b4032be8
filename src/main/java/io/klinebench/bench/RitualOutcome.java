package io.klinebench.bench;

import io.klinebench.car.CarEvent;
import io.klinebench.fob.FobEvent;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.TimingWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Whether a run's ritual taught the car a remote, and when it did not, why: every cause the car
 * gave, in time order, the first one first. A cause is a timing window the car applied and
 * missed (value, limit and margin), or an event in which the car did something other than the
 * ritual's next step and said why (a run not counted, the count reset, the ritual aborted, a
 * gesture failed or ignored, the learn window closed with nothing learned, a code refused in the
 * learn window, a remote that sent nothing). What a user wants from a failed run, "which step, and by how much",
 * is the first cause.
 *
 * @param attempted whether the run did anything of the ritual: an ignition run ended (turned to
 *     the run position and back to off; the car may have counted it, refused to, or taken it as
 *     driving), or a diagnostic learn began
 * @param completed whether a remote (or key) was learned
 * @param causes    the causes after the ritual began, in time order; empty when completed or
 *     never attempted
 */
public record RitualOutcome(boolean attempted, boolean completed, List<Cause> causes) {

    public RitualOutcome {
        causes = List.copyOf(causes);
    }

    /**
     * One cause: when, and what the car did, in words.
     *
     * @param kind   the cause without its numbers, the same whenever the car failed the same
     *     way ("completion.key-out-deadline missed", "ignition run not counted: run-too-long"):
     *     a sweep tells its outcomes apart by it
     * @param window the missed window when the cause is one, else null
     */
    public record Cause(long at, String what, String kind, TimingWindow window) {
        public Cause(long at, String what) {
            this(at, what, what, null);
        }
    }

    /** The cause a report names: the first. */
    public Optional<Cause> firstCause() {
        return causes.isEmpty() ? Optional.empty() : Optional.of(causes.get(0));
    }

    /** Whether a ritual was tried and taught nothing. */
    public boolean failed() {
        return attempted && !completed;
    }

    /** The outcome of what a rig's car did so far. */
    public static RitualOutcome of(Rig rig) {
        return of(
                rig.timeline().events(),
                s -> rig.remoteName(s).orElse(null),
                rig.profile().cycles().runPosition());
    }

    /**
     * The outcome of the events of a run, remote serials named by {@code names}; {@code
     * runPosition} is the profile's ignition position of a cycle's run.
     */
    public static RitualOutcome of(List<Event> events, IntFunction<String> names, int runPosition) {
        return of(events, names, runPosition, Integer.MAX_VALUE);
    }

    /**
     * The first cause of what a rig's car did, as {@link #of(Rig)} gives it, without putting the
     * later causes into words: a sweep writes the first of each of its points, and nothing else.
     */
    public static Optional<Cause> firstCause(Rig rig) {
        return of(
                        rig.timeline().events(),
                        s -> rig.remoteName(s).orElse(null),
                        rig.profile().cycles().runPosition(),
                        1)
                .firstCause();
    }

    /** The outcome with at most {@code most} causes, the first ones. */
    private static RitualOutcome of(List<Event> events, IntFunction<String> names, int runPosition, int most) {
        long began = -1;
        boolean completed = false;
        long runFrom = -1;
        for (Event e : events) {
            if (e instanceof CarEvent.IgnitionChanged i) {
                if (i.from() < runPosition && i.to() >= runPosition) {
                    runFrom = e.at();
                } else if (runFrom >= 0 && i.to() == 0) {
                    began = began < 0 ? runFrom : began; // the ritual began with this run
                    runFrom = -1;
                }
            }
            if (began < 0 && (e instanceof CarEvent.CycleNotCounted || e instanceof CarEvent.DiagnosticLearnStarted)) {
                began = e.at();
            }
            completed |= e instanceof CarEvent.RemoteLearned
                    || (e instanceof CarEvent.DiagnosticLearnEnded d && d.serial() != 0);
        }
        if (began < 0 || completed) {
            return new RitualOutcome(began >= 0, completed, List.of());
        }
        List<Cause> causes = new ArrayList<>();
        boolean windowOpen = false;
        for (Event e : events) {
            windowOpen = e instanceof CarEvent.LearnWindowOpened
                    || (windowOpen && !(e instanceof CarEvent.LearnWindowClosed));
            // A code refused outside the learn window is the dead remote the ritual is for: a
            // symptom, not a cause. Refused inside it, the code was the ritual's own.
            boolean symptom = e instanceof CarEvent.RemoteCodeRejected && !windowOpen;
            if (e.at() >= began && !symptom) {
                cause(e, names).ifPresent(causes::add);
                if (causes.size() == most) {
                    break;
                }
            }
        }
        return new RitualOutcome(true, false, causes);
    }

    private static Optional<Cause> cause(Event e, IntFunction<String> names) {
        Optional<TimingWindow> window = Timeline.windowOf(e);
        if (window.isPresent()) {
            TimingWindow w = window.get();
            return w.met() ? Optional.empty() : Optional.of(new Cause(e.at(), missed(w), w.name() + " missed", w));
        }
        String what = null;
        String kind = null;
        if (e instanceof CarEvent.CycleNotCounted n) {
            what = kind = "ignition run not counted: " + words(n.reason());
        } else if (e instanceof CarEvent.CycleCountReset r) {
            what = "cycle count reset from " + r.count() + ": " + words(r.reason());
            kind = "cycle count reset: " + words(r.reason());
        } else if (e instanceof CarEvent.LearnAborted a) {
            what = "ritual aborted: " + a.detail();
            kind = "ritual aborted: " + words(a.reason());
        } else if (e instanceof CarEvent.GestureFailed g) {
            what = "gesture of " + remote(g.serial(), names) + " failed: " + g.why();
            kind = "gesture failed";
        } else if (e instanceof CarEvent.RemoteCodeIgnored i) {
            what = "code of " + remote(i.serial(), names) + " ignored: " + i.why();
            kind = "code ignored";
        } else if (e instanceof CarEvent.RemoteCodeRejected r) {
            what = "code of " + remote(r.serial(), names) + " refused: " + words(r.reason()) + " (" + r.detail() + ")";
            kind = "code refused: " + words(r.reason());
        } else if (e instanceof CarEvent.LearnWindowClosed c && c.learned() == 0) {
            what = kind = "learn window closed with nothing learned: " + words(c.reason());
        } else if (e instanceof CarEvent.InputRefused r) {
            what = r.input() + " refused: " + r.why();
            kind = r.input() + " refused";
        } else if (e instanceof FobEvent.Silent s) {
            what = "remote " + s.remote() + " sent nothing: " + s.why();
            kind = "remote sent nothing";
        }
        return what == null ? Optional.empty() : Optional.of(new Cause(e.at(), what, kind, null));
    }

    private static String missed(TimingWindow w) {
        return w.name() + " missed: " + Durations.human(w.actualNanos()) + ", "
                + (w.bound() == TimingWindow.Bound.AT_MOST ? "at most " : "at least ")
                + Durations.human(w.limitNanos()) + ", margin -" + Durations.human(-w.marginNanos()) + " ("
                + w.detail() + ")";
    }

    private static String words(Enum<?> reason) {
        return reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static String remote(int serial, IntFunction<String> names) {
        String n = names.apply(serial);
        return n != null ? n : EventFields.hex(serial);
    }
}
