package io.klinebench.report;

import io.klinebench.bench.EventFields;
import io.klinebench.bench.Sequence;
import io.klinebench.bench.Timeline;
import io.klinebench.car.CarEvent;
import io.klinebench.fob.FobEvent;
import io.klinebench.kline.LinkEvent;
import io.klinebench.line.Direction;
import io.klinebench.report.TimelinePage.Item;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.TimingWindow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A run's events as lanes: the steps, the ignition's position, the key, the doors, the locks,
 * the remotes' presses with what the receiver made of each, the learn procedure, the K-line
 * (session and decisions, each side's frames, each side's bytes), every timing window against
 * its limit, and whatever else the car did. States become spans from the event that entered
 * them to the one that left them (or the end of the run); the rest are instants.
 */
final class RunLanes {

    private final LaneSet lanes = new LaneSet()
            .lane("steps", "Steps")
            .lane("ignition", "Ignition")
            .lane("key", "Key")
            .lane("doors", "Doors")
            .lane("locks", "Locks")
            .lane("remote", "Remote presses")
            .lane("learn", "Learn procedure")
            .lane("kline-link", "K-line link")
            .lane("kline-tester", "K-line tester frames")
            .lane("kline-ecu", "K-line module frames")
            .lane("bytes-tester", "Tester bytes")
            .lane("bytes-ecu", "Module bytes")
            .lane("windows", "Timing windows")
            .lane("other", "Other events");

    private final IntFunction<String> names;
    private final long end;

    private RunLanes(IntFunction<String> names, long end) {
        this.names = names;
        this.end = end;
    }

    /**
     * The lanes of a run that ended at {@code end}, from its steps (none for a bench driven by
     * hand), its events and its K-line trace with the line's byte time.
     */
    static LaneSet of(
            List<Sequence.Step> steps,
            List<Event> events,
            List<io.klinebench.line.TraceEntry> trace,
            long byteNanos,
            IntFunction<String> names,
            long end) {
        RunLanes r = new RunLanes(names, end);
        for (Sequence.Step s : steps) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("at", Durations.clock(s.at()));
            f.put("action", s.action().text());
            f.put("line", String.valueOf(s.pos().line()));
            if (s.label() != null) {
                f.put("label", s.label());
            }
            r.lanes.add(
                    "steps",
                    new Item(null, "step", s.at(), s.at(), 0, s.action().text(), "step", -1, f));
        }
        r.states(events);
        r.presses(events);
        r.frames(events, byteNanos);
        for (Event e : events) {
            r.instant(e);
        }
        TraceLanes.bytes(r.lanes, trace, byteNanos, "bytes-");
        return r.lanes;
    }

    /** The event's fields as the details box shows them: type, time, then each field in words. */
    Map<String, String> fields(Event e) {
        return fields(ReportModel.event(e, names, 0));
    }

    static Map<String, String> fields(Map<String, Object> event) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("type", String.valueOf(event.get("type")));
        out.put("at", Durations.clock(EventText.number(event.get("at-ns"))));
        for (Map.Entry<String, Object> f : event.entrySet()) {
            if (!f.getKey().equals("type")
                    && !f.getKey().equals("at-ns")
                    && !f.getKey().equals("t")) {
                out.put(EventText.fieldName(f.getKey(), f.getValue()), EventText.fieldValue(f.getKey(), f.getValue()));
            }
        }
        return out;
    }

    /** Spans of state: ignition position, key in, doors open, lock state, learn windows, sessions. */
    private void states(List<Event> events) {
        Event ignitionSince = null;
        int position = -1;
        Map<String, Event> keysIn = new LinkedHashMap<>();
        Map<String, Event> doorsOpen = new LinkedHashMap<>();
        Map<String, CarEvent.LockActuated> locks = new LinkedHashMap<>();
        Event learnOpen = null;
        Event diagnosticLearn = null;
        Event session = null;
        for (Event e : events) {
            if (e instanceof CarEvent.IgnitionChanged c) {
                if (position < 0) {
                    position = c.from();
                }
                ignition(ignitionSince, position, c.at(), e);
                ignitionSince = e;
                position = c.to();
            } else if (e instanceof CarEvent.KeyInserted k) {
                keysIn.put(k.key(), e);
            } else if (e instanceof CarEvent.KeyRemoved k) {
                span("key", keysIn.remove(k.key()), e, "key", "key " + k.key() + " in", "key-in");
            } else if (e instanceof CarEvent.DoorChanged d) {
                if (d.open()) {
                    doorsOpen.put(d.door(), e);
                } else {
                    span("doors", doorsOpen.remove(d.door()), e, "door", d.door() + " open", "door-open");
                }
            } else if (e instanceof CarEvent.LockActuated l) {
                CarEvent.LockActuated before = locks.put(l.door(), l);
                if (before != null) {
                    lock(before, l.at());
                }
            } else if (e instanceof CarEvent.LearnWindowOpened) {
                learnOpen = e;
            } else if (e instanceof CarEvent.LearnWindowClosed c && learnOpen != null) {
                span("learn", learnOpen, e, "learn-window", "learn window: " + words(c.reason()), learnCss(c));
                learnOpen = null;
            } else if (e instanceof CarEvent.DiagnosticLearnStarted) {
                diagnosticLearn = e;
            } else if (e instanceof CarEvent.DiagnosticLearnEnded d && diagnosticLearn != null) {
                span(
                        "learn",
                        diagnosticLearn,
                        e,
                        "diagnostic-learn",
                        "diagnostic learn: " + words(d.outcome()),
                        "learn");
                diagnosticLearn = null;
            } else if (e instanceof LinkEvent.SessionStarted) {
                session = e;
            } else if (e instanceof LinkEvent.SessionEnded s && session != null) {
                span(
                        "kline-link",
                        session,
                        e,
                        "session",
                        "session: " + ((LinkEvent.SessionStarted) session).how(),
                        "session");
                session = null;
            }
        }
        if (ignitionSince != null) {
            ignition(ignitionSince, position, end, null);
        }
        keysIn.forEach((key, since) -> span("key", since, null, "key", "key " + key + " in", "key-in"));
        doorsOpen.forEach((door, since) -> span("doors", since, null, "door", door + " open", "door-open"));
        locks.values().forEach(l -> lock(l, end));
        if (learnOpen != null) {
            long closes = Math.min(((CarEvent.LearnWindowOpened) learnOpen).closesAt(), end);
            span("learn", learnOpen, closes, "learn-window", "learn window", "learn", Map.of());
        }
        if (diagnosticLearn != null) {
            span("learn", diagnosticLearn, end, "diagnostic-learn", "diagnostic learn", "learn", Map.of());
        }
        if (session != null) {
            span(
                    "kline-link",
                    session,
                    end,
                    "session",
                    "session: " + ((LinkEvent.SessionStarted) session).how(),
                    "session",
                    Map.of());
        }
    }

    private void ignition(Event since, int position, long until, Event next) {
        long from = since == null ? 0 : since.at();
        Map<String, String> f = since == null ? new LinkedHashMap<>() : fields(since);
        if (since == null) {
            f.put("position", String.valueOf(position));
            f.put("since", "the start of the run");
        }
        f.put("until", next == null ? "the end of the run" : Durations.clock(until));
        lanes.add(
                "ignition",
                new Item(null, "ignition", from, until, 0, "position " + position, "ign ign-" + position, -1, f));
    }

    private void lock(CarEvent.LockActuated l, long until) {
        Map<String, String> f = fields(l);
        f.put("until", Durations.clock(until));
        String state = words(l.state());
        lanes.add("locks", new Item(null, "lock", l.at(), until, 0, l.door() + " " + state, "lock " + state, -1, f));
    }

    /** A span from {@code since} (null: the start of the run) to {@code until} (null: the end of the run). */
    private void span(String lane, Event since, Event until, String kind, String label, String css) {
        Map<String, String> f = new LinkedHashMap<>();
        if (until != null) {
            fields(until).forEach((k, v) -> f.put("ended by " + k, v));
        }
        span(lane, since, until == null ? end : until.at(), kind, label, css, f);
    }

    private void span(
            String lane, Event since, long until, String kind, String label, String css, Map<String, String> more) {
        Map<String, String> f = since == null ? new LinkedHashMap<>() : fields(since);
        if (since == null) {
            f.put("since", "the start of the run");
        }
        f.putAll(more);
        lanes.add(lane, new Item(null, kind, since == null ? 0 : since.at(), until, 0, label, css, -1, f));
    }

    /**
     * Each code a remote sent, with what the receiver made of it: the car's answers for that
     * serial until the remote's next code (accepted, rejected and why, learned, a gesture failed).
     */
    private void presses(List<Event> events) {
        List<Event> sent = new ArrayList<>();
        Map<Event, List<Event>> answers = new HashMap<>();
        Map<Integer, Event> lastBySerial = new HashMap<>();
        Set<Event> linked = new HashSet<>();
        for (Event e : events) {
            if (e instanceof FobEvent.Sent s) {
                sent.add(e);
                answers.put(e, new ArrayList<>());
                lastBySerial.put(s.code().serial(), e);
            } else {
                int serial = receiverSerial(e);
                Event press = serial == 0 ? null : lastBySerial.get(serial);
                if (press != null) {
                    answers.get(press).add(e);
                    linked.add(e);
                }
            }
        }
        for (Event e : sent) {
            FobEvent.Sent s = (FobEvent.Sent) e;
            Map<String, String> f = fields(e);
            List<String> made = new ArrayList<>();
            String css = "press";
            for (Event a : answers.get(e)) {
                Map<String, Object> m = ReportModel.event(a, names, 0);
                made.add(verdictOf(a));
                f.put("receiver " + Durations.clock(a.at()), EventText.summary(m));
                css = "press " + verdictOf(a);
            }
            if (made.isEmpty()) {
                made.add("no answer");
                css = "press unanswered";
            }
            String who = names.apply(s.code().serial());
            String label = (who == null ? s.remote() : who) + " " + f.getOrDefault("buttons", "") + ": "
                    + String.join(", ", made);
            lanes.add("remote", new Item(null, "remote-sent", e.at(), e.at(), 0, label, css, -1, f));
        }
        for (Event e : events) {
            if (receiverSerial(e) != 0 && !linked.contains(e)) {
                lanes.add("remote", instantItem(e, "remote-answer"));
            }
        }
    }

    private static int receiverSerial(Event e) {
        if (e instanceof CarEvent.RemoteCodeAccepted a) {
            return a.serial();
        } else if (e instanceof CarEvent.RemoteCodeRejected r) {
            return r.serial();
        } else if (e instanceof CarEvent.RemoteLearned l) {
            return l.serial();
        } else if (e instanceof CarEvent.GestureFailed g) {
            return g.serial();
        }
        return 0;
    }

    private static String verdictOf(Event e) {
        if (e instanceof CarEvent.RemoteCodeAccepted) {
            return "accepted";
        } else if (e instanceof CarEvent.RemoteCodeRejected r) {
            return "rejected";
        } else if (e instanceof CarEvent.RemoteLearned l) {
            return l.resynchronised() ? "resynchronised" : "learned";
        }
        return "gesture-failed";
    }

    /**
     * Each side's frames, from its first byte to its last. A frame one link layer sent and the
     * other received is drawn once, on the sender's lane.
     */
    private void frames(List<Event> events, long byteNanos) {
        Set<String> seen = new HashSet<>();
        for (Event e : events) {
            if (e instanceof LinkEvent.FrameSent s) {
                frame(e, s.from(), s.firstAt(), s.hex().toString(), byteNanos, seen);
            }
        }
        for (Event e : events) {
            if (e instanceof LinkEvent.FrameReceived r) {
                frame(e, r.by().other(), r.firstAt(), r.hex().toString(), byteNanos, seen);
            }
        }
    }

    /** A frame from its first byte's start (a byte is stamped when it has arrived) to its last byte's stamp. */
    private void frame(Event e, Direction from, long firstAt, String hex, long byteNanos, Set<String> seen) {
        if (!seen.add(from + " " + firstAt + " " + hex)) {
            return;
        }
        String lane = from == Direction.TESTER ? "kline-tester" : "kline-ecu";
        lanes.add(
                lane,
                new Item(
                        null,
                        EventFields.typeName(e),
                        Math.max(0, Math.min(firstAt, e.at()) - byteNanos),
                        e.at(),
                        0,
                        hex,
                        "frame " + from.name().toLowerCase(Locale.ROOT),
                        -1,
                        fields(e)));
    }

    /** Everything that is one moment: windows (as spans against their limits) and events of no state. */
    private void instant(Event e) {
        if (Timeline.windowOf(e).isPresent()) {
            lanes.add("windows", window(e.at(), Timeline.windowOf(e).get(), fields(e)));
        }
        if (e instanceof CarEvent.IgnitionChanged
                || e instanceof CarEvent.KeyInserted
                || e instanceof CarEvent.KeyRemoved
                || e instanceof CarEvent.DoorChanged
                || e instanceof CarEvent.LockActuated
                || e instanceof CarEvent.LearnWindowOpened
                || e instanceof CarEvent.LearnWindowClosed
                || e instanceof CarEvent.DiagnosticLearnStarted
                || e instanceof CarEvent.DiagnosticLearnEnded
                || e instanceof CarEvent.WindowJudged
                || e instanceof LinkEvent.SessionStarted
                || e instanceof LinkEvent.SessionEnded
                || e instanceof LinkEvent.FrameSent
                || e instanceof LinkEvent.FrameReceived
                || e instanceof LinkEvent.TimingViolation
                || e instanceof FobEvent.Sent
                || receiverSerial(e) != 0) {
            return; // drawn as a state, a frame, a window, or with its press
        }
        String lane;
        if (e instanceof CarEvent.CycleCounted
                || e instanceof CarEvent.CycleCountReset
                || e instanceof CarEvent.LearnAborted
                || e instanceof CarEvent.SlotsDropped) {
            lane = "learn";
        } else if (e instanceof FobEvent) {
            lane = "remote";
        } else if (e instanceof LinkEvent) {
            lane = "kline-link";
        } else {
            lane = "other";
        }
        lanes.add(lane, instantItem(e, EventFields.typeName(e)));
    }

    private Item instantItem(Event e, String kind) {
        Map<String, Object> m = ReportModel.event(e, names, 0);
        String css = "event " + EventText.tone(m).name().toLowerCase(Locale.ROOT);
        return new Item(null, kind, e.at(), e.at(), 0, EventText.summary(m), css, -1, fields(m));
    }

    /**
     * A timing window applied at {@code at}: a span of its actual value ending there, with its
     * limit marked, labelled with its name and margin; a missed one has the class "missed".
     */
    static Item window(long at, TimingWindow w, Map<String, String> eventFields) {
        long start = at - w.actualNanos();
        Map<String, String> f = new LinkedHashMap<>(eventFields);
        f.put("window", w.name());
        f.put(
                "limit",
                (w.bound() == TimingWindow.Bound.AT_MOST ? "at most " : "at least ") + Durations.human(w.limitNanos()));
        f.put("actual", Durations.human(w.actualNanos()));
        f.put("margin", EventText.signed(w.marginNanos()));
        f.put("met", w.met() ? "yes" : "NO, missed");
        f.put("detail", w.detail());
        String label = w.name() + " " + (w.met() ? "margin " : "MISSED by ")
                + (w.met() ? EventText.signed(w.marginNanos()) : Durations.human(-w.marginNanos()));
        String shortLabel = w.met() ? EventText.signed(w.marginNanos()) : "MISSED " + Durations.human(-w.marginNanos());
        return new Item(
                null,
                "window",
                Math.max(0, start),
                at,
                0,
                label,
                shortLabel,
                w.met() ? "window met" : "window missed",
                Math.max(0, start + w.limitNanos()),
                f);
    }

    private static String words(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String learnCss(CarEvent.LearnWindowClosed c) {
        return c.reason() == CarEvent.WindowClose.COMPLETED ? "learn completed" : "learn ended";
    }
}
