package io.klinebench.report;

import io.klinebench.bench.BenchResult;
import io.klinebench.time.Durations;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run report for people: steps, timing windows with margins, events, verdicts. */
public final class TextReport {

    private TextReport() {}

    @SuppressWarnings("unchecked")
    public static String render(BenchResult r) {
        Map<String, Object> m = ReportModel.of(r);
        StringBuilder sb = new StringBuilder();
        sb.append("sequence ").append(m.get("sequence")).append('\n');
        sb.append("profile  ")
                .append(m.get("profile"))
                .append(" - ")
                .append(r.sequence().profile().summary())
                .append('\n');
        if (!r.sequence().description().isEmpty()) {
            sb.append(r.sequence().description().strip()).append('\n');
        }

        steps(sb, "Steps", (List<Map<String, Object>>) m.get("steps"));
        windows(sb, (List<Map<String, Object>>) m.get("windows"));
        events(sb, (List<Map<String, Object>>) m.get("events"));

        sb.append("\nExpectations\n");
        for (Map<String, Object> v : (List<Map<String, Object>>) m.get("verdicts")) {
            sb.append(String.format(
                    Locale.ROOT,
                    "  %s  %s (line %s): %s%n",
                    (Boolean) v.get("passed") ? "PASS" : "FAIL",
                    v.get("what"),
                    v.get("line"),
                    v.get("detail")));
        }
        Map<String, Object> summary = (Map<String, Object>) m.get("summary");
        sb.append(String.format(
                Locale.ROOT,
                "%n%s: %s passed, %s failed; %s windows met, %s missed; ran %ss of car time%n",
                r.passed() ? "PASSED" : "FAILED",
                summary.get("passed"),
                summary.get("failed"),
                summary.get("windows-met"),
                summary.get("windows-missed"),
                Durations.seconds(r.endNanos())));
        return sb.toString();
    }

    static void steps(StringBuilder sb, String title, List<Map<String, Object>> steps) {
        sb.append('\n').append(title).append('\n');
        if (steps.isEmpty()) {
            sb.append("  (none)\n");
        }
        for (Map<String, Object> s : steps) {
            Object line = s.get("line");
            sb.append(String.format(
                            Locale.ROOT,
                            "  %10ss  %-32s %s",
                            s.get("t"),
                            s.get("action"),
                            line == null ? "" : "line " + line)
                    .stripTrailing());
            sb.append('\n');
        }
    }

    static void windows(StringBuilder sb, List<Map<String, Object>> windows) {
        sb.append("\nTiming windows\n");
        if (windows.isEmpty()) {
            sb.append("  (none applied)\n");
        }
        for (Map<String, Object> w : windows) {
            sb.append(EventText.windowLine(w)).append('\n');
        }
    }

    static void events(StringBuilder sb, List<Map<String, Object>> events) {
        sb.append("\nEvents (timing windows above)\n");
        for (Map<String, Object> e : events) {
            if (EventText.listedAmongEvents(e)) {
                sb.append(EventText.eventLine(e)).append('\n');
            }
        }
    }
}
