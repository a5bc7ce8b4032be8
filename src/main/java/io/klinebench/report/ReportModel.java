package io.klinebench.report;

import io.klinebench.bench.BenchResult;
import io.klinebench.bench.EventFields;
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

/**
 * The content of a run report as plain maps and lists, in the order and with the names of
 * the documented JSON schema (bench-config/report.schema.json). The text report prints the
 * same content; one model keeps the two from drifting apart.
 */
public final class ReportModel {

    public static final String SCHEMA = "kline-bench/run-report/1";

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
        return root;
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
            TimingWindow w = a.window();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at-ns", a.at());
            m.put("t", Durations.seconds(a.at()));
            m.put("name", w.name());
            m.put("bound", w.bound() == TimingWindow.Bound.AT_MOST ? "at-most" : "at-least");
            m.put("limit-ns", w.limitNanos());
            m.put("actual-ns", w.actualNanos());
            m.put("margin-ns", w.marginNanos());
            m.put("met", w.met());
            m.put("detail", w.detail());
            out.add(m);
        }
        return out;
    }

    static List<Map<String, Object>> events(BenchResult r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Event e : r.timeline().events()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at-ns", e.at());
            m.put("t", Durations.seconds(e.at()));
            m.put("type", EventFields.typeName(e));
            m.putAll(EventFields.of(e, s -> r.rig().remoteName(s).orElse(null)));
            out.add(m);
        }
        return out;
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
