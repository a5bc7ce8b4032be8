package io.klinebench.report;

import io.klinebench.bench.BenchResult;
import io.klinebench.time.Durations;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

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

        sb.append("\nSteps\n");
        for (Map<String, Object> s : (List<Map<String, Object>>) m.get("steps")) {
            sb.append(
                    String.format(Locale.ROOT, "  %10ss  %-32s line %s%n", s.get("t"), s.get("action"), s.get("line")));
        }

        sb.append("\nTiming windows\n");
        List<Map<String, Object>> windows = (List<Map<String, Object>>) m.get("windows");
        if (windows.isEmpty()) {
            sb.append("  (none applied)\n");
        }
        for (Map<String, Object> w : windows) {
            sb.append(String.format(
                    Locale.ROOT,
                    "  %10ss  %-34s %s %-7s actual %-8s margin %-9s %s  %s%n",
                    w.get("t"),
                    w.get("name"),
                    "at-most".equals(w.get("bound")) ? "<=" : ">=",
                    Durations.format((Long) w.get("limit-ns")),
                    Durations.format((Long) w.get("actual-ns")),
                    signed((Long) w.get("margin-ns")),
                    (Boolean) w.get("met") ? "met   " : "MISSED",
                    w.get("detail")));
        }

        sb.append("\nEvents (timing windows above)\n");
        for (Map<String, Object> e : (List<Map<String, Object>>) m.get("events")) {
            if ("window-judged".equals(e.get("type"))) {
                continue;
            }
            String fields = e.entrySet().stream()
                    .filter(f -> !List.of("at-ns", "t", "type").contains(f.getKey()))
                    .map(f -> f.getKey() + "=" + f.getValue())
                    .collect(Collectors.joining(" "));
            sb.append(String.format(Locale.ROOT, "  %10ss  %-26s %s%n", e.get("t"), e.get("type"), fields));
        }

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

    private static String signed(long nanos) {
        return (nanos >= 0 ? "+" : "") + Durations.format(nanos);
    }
}
