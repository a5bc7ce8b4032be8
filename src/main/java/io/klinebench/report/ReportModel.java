package io.klinebench.report;

import io.klinebench.bench.BenchResult;
import io.klinebench.bench.EventFields;
import io.klinebench.bench.RitualOutcome;
import io.klinebench.bench.Sequence;
import io.klinebench.bench.Timeline;
import io.klinebench.bench.Verdict;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.TimingWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The content of a run report as plain maps and lists, in the order and with the names of
 * the documented JSON schema (bench-config/report.schema.json). The text report prints the
 * same content; one model keeps the two from drifting apart.
 */
public final class ReportModel {

    public static final String SCHEMA = "kline-bench/run-report/1";

    /** Fields of events that are instants on the clock (not durations): counted from the origin like "at-ns". */
    static final Set<String> INSTANT_FIELDS = EventFields.INSTANT_FIELDS;

    /** Fields of events that are durations in nanoseconds (besides those named "...-nanos"). */
    static final Set<String> DURATION_FIELDS = EventFields.DURATION_FIELDS;

    private ReportModel() {}

    public static Map<String, Object> of(BenchResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        Sequence seq = r.sequence();
        root.put("schema", SCHEMA);
        root.put("sequence", seq.file());
        root.put("description", seq.description());
        root.put("profile", seq.profile().name());
        root.put("passed", r.passed());
        root.put("end-ns", r.endNanos());
        root.put("steps", steps(r));
        root.put("windows", windows(r.timeline()));
        root.put("events", events(r));
        root.put("verdicts", verdicts(r.verdicts()));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("passed", r.verdicts().size() - r.failures());
        summary.put("failed", r.failures());
        summary.put(
                "windows-met",
                r.timeline().windows().stream().filter(TimingWindow::met).count());
        summary.put(
                "windows-missed",
                r.timeline().windows().stream().filter(w -> !w.met()).count());
        root.put("summary", summary);
        root.put("ritual", ritual(RitualOutcome.of(r.rig())));
        return root;
    }

    /** Whether the ritual was tried and taught the car a remote; when not, every cause, first first. */
    static Map<String, Object> ritual(RitualOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attempted", o.attempted());
        m.put("completed", o.completed());
        List<Map<String, Object>> causes = new ArrayList<>();
        for (RitualOutcome.Cause c : o.causes()) {
            Map<String, Object> cause = new LinkedHashMap<>();
            cause.put("at-ns", c.at());
            cause.put("t", Durations.seconds(c.at()));
            cause.put("cause", c.what());
            causes.add(cause);
        }
        m.put("causes", causes);
        return m;
    }

    static List<Map<String, Object>> steps(BenchResult r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Sequence.Step s : r.steps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at-ns", s.at());
            m.put("t", Durations.seconds(s.at()));
            m.put("action", s.action().text());
            m.put("line", s.pos().line());
            if (s.label() != null) {
                m.put("label", s.label());
            }
            out.add(m);
        }
        return out;
    }

    static List<Map<String, Object>> windows(Timeline t) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Timeline.AppliedWindow a : t.appliedWindows()) {
            out.add(window(a.at(), a.window()));
        }
        return out;
    }

    /** One entry of "windows": the window applied at {@code at} (already counted from the run's start). */
    public static Map<String, Object> window(long at, TimingWindow w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at-ns", at);
        m.put("t", Durations.seconds(at));
        m.put("name", w.name());
        m.put("bound", w.bound() == TimingWindow.Bound.AT_MOST ? "at-most" : "at-least");
        m.put("limit-ns", w.limitNanos());
        m.put("actual-ns", w.actualNanos());
        m.put("margin-ns", w.marginNanos());
        m.put("met", w.met());
        m.put("detail", w.detail());
        return m;
    }

    static List<Map<String, Object>> events(BenchResult r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Event e : r.timeline().events()) {
            out.add(event(e, s -> r.rig().remoteName(s).orElse(null), 0));
        }
        return out;
    }

    /**
     * One entry of "events": at-ns, t, type, then the event's fields as {@link EventFields#of}
     * gives them, with remote serials named by {@code names}. Instants (the event's own and
     * those among its fields) count from {@code origin}: 0 in virtual time, the start of a
     * real-time run on a {@code System.nanoTime} clock.
     */
    public static Map<String, Object> event(Event e, IntFunction<String> names, long origin) {
        Map<String, Object> m = new LinkedHashMap<>();
        long at = e.at() - origin;
        m.put("at-ns", at);
        m.put("t", Durations.seconds(at));
        m.put("type", EventFields.typeName(e));
        Map<String, Object> fields = EventFields.of(e, names);
        if (origin != 0) {
            for (String f : INSTANT_FIELDS) {
                if (fields.get(f) instanceof Long instant) {
                    fields.put(f, instant - origin);
                }
            }
        }
        m.putAll(fields);
        return m;
    }

    static List<Map<String, Object>> verdicts(List<Verdict> verdicts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Verdict v : verdicts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("what", v.what());
            m.put("passed", v.passed());
            m.put("detail", v.detail());
            m.put("line", v.pos().line());
            out.add(m);
        }
        return out;
    }
}
