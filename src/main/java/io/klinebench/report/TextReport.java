package io.klinebench.report;

import io.klinebench.bench.BenchResult;
import io.klinebench.time.Durations;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run report for people: steps, timing windows with margins, events, verdicts. */
public final class TextReport {

    private TextReport() {}

    /**
     * As {@link #render(BenchResult)}, with what went wrong in red and what held in green
     * (ANSI) when {@code colour}: for a terminal that has not asked for NO_COLOR.
     */
    public static String render(BenchResult r, boolean colour) {
        String text = render(r);
        if (!colour) {
            return text;
        }
        return text.lines().map(TextReport::coloured).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    }

    private static String coloured(String line) {
        if (line.startsWith("  FAIL  ")) {
            return "  " + EventText.coloured(EventText.Tone.BAD, "FAIL") + line.substring(6);
        }
        if (line.startsWith("  PASS  ")) {
            return "  " + EventText.coloured(EventText.Tone.GOOD, "PASS") + line.substring(6);
        }
        if (line.startsWith("FAILED: ")) {
            return EventText.coloured(EventText.Tone.BAD, "FAILED") + line.substring(6);
        }
        if (line.startsWith("PASSED: ")) {
            return EventText.coloured(EventText.Tone.GOOD, "PASSED") + line.substring(6);
        }
        int missed = line.indexOf(" MISSED  ");
        if (missed >= 0) {
            return line.substring(0, missed + 1)
                    + EventText.coloured(EventText.Tone.BAD, "MISSED")
                    + line.substring(missed + 7);
        }
        return line;
    }

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
        ritual(sb, (Map<String, Object>) m.get("ritual"));

        expectations(sb, r);
        return sb.toString();
    }

    /** How many causes after the first the report lists; the JSON has them all. */
    static final int FURTHER_CAUSES = 3;

    /**
     * The ritual's outcome when one was tried: learned, or not and why (the first cause, then a
     * few more), so that a failed run never ends with "windows met" and no reason.
     */
    @SuppressWarnings("unchecked")
    static void ritual(StringBuilder sb, Map<String, Object> ritual) {
        if (!(Boolean) ritual.get("attempted")) {
            return;
        }
        sb.append("\nRitual\n");
        if ((Boolean) ritual.get("completed")) {
            sb.append("  completed: a remote was learned\n");
            return;
        }
        List<Map<String, Object>> causes = (List<Map<String, Object>>) ritual.get("causes");
        int width = timeWidth(causes);
        sb.append("  not completed; first cause:\n");
        for (int i = 0; i < causes.size() && i <= FURTHER_CAUSES; i++) {
            Map<String, Object> c = causes.get(i);
            sb.append(String.format(
                    Locale.ROOT,
                    "  %" + width + "s  %s%n",
                    Durations.clock(((Number) c.get("at-ns")).longValue()),
                    (i == 1 ? "then: " : i > 1 ? "      " : "") + c.get("cause")));
        }
        if (causes.size() > FURTHER_CAUSES + 1) {
            sb.append("  (").append(causes.size() - FURTHER_CAUSES - 1).append(" more in the JSON report)\n");
        }
    }

    /**
     * Only the expectations and the verdict line (what {@code run --quiet} prints): without the
     * steps and events, whose text a long run makes hundreds of megabytes.
     */
    public static String renderExpectations(BenchResult r, boolean colour) {
        StringBuilder sb = new StringBuilder();
        expectations(sb, r);
        String text = sb.substring(1); // the section starts with a blank line
        return colour
                ? text.lines().map(TextReport::coloured).collect(java.util.stream.Collectors.joining("\n", "", "\n"))
                : text;
    }

    private static void expectations(StringBuilder sb, BenchResult r) {
        sb.append("\nExpectations\n");
        int failed = 0;
        for (Map<String, Object> v : ReportModel.verdicts(r.verdicts())) {
            boolean passed = (Boolean) v.get("passed");
            failed += passed ? 0 : 1;
            sb.append("  ")
                    .append(passed ? "PASS" : "FAIL")
                    .append("  ")
                    .append(v.get("what"))
                    .append(" (line ")
                    .append(v.get("line"))
                    .append("): ")
                    .append(v.get("detail"))
                    .append('\n');
        }
        long met = r.timeline().windows().stream().filter(w -> w.met()).count();
        sb.append(String.format(
                Locale.ROOT,
                "%n%s: %d passed, %d failed; %s met, %d missed; ran %s of car time%n",
                r.passed() ? "PASSED" : "FAILED",
                r.verdicts().size() - failed,
                failed,
                windows(met),
                r.timeline().windows().size() - met,
                Durations.human(r.endNanos())));
    }

    /**
     * The time column's width for a table of {@code rows}: the widest time among them, at least
     * {@link EventText#TIME_WIDTH}; so a table stays aligned when a long run's times pass an
     * hour or a day.
     */
    static int timeWidth(List<Map<String, Object>> rows) {
        int width = EventText.TIME_WIDTH;
        for (Map<String, Object> row : rows) {
            width = Math.max(
                    width,
                    Durations.clock(((Number) row.get("at-ns")).longValue()).length());
        }
        return width;
    }

    static void steps(StringBuilder sb, String title, List<Map<String, Object>> steps) {
        int width = timeWidth(steps);
        sb.append('\n').append(title).append('\n');
        if (steps.isEmpty()) {
            sb.append("  (none)\n");
        }
        for (Map<String, Object> s : steps) {
            Object line = s.get("line");
            sb.append(String.format(
                            Locale.ROOT,
                            "  %" + width + "s  %-32s %s",
                            Durations.clock(((Number) s.get("at-ns")).longValue()),
                            s.get("action"),
                            line == null ? "" : "line " + line)
                    .stripTrailing());
            sb.append('\n');
        }
    }

    static void windows(StringBuilder sb, List<Map<String, Object>> windows) {
        int width = timeWidth(windows);
        sb.append("\nTiming windows\n");
        if (windows.isEmpty()) {
            sb.append("  (none applied)\n");
        }
        for (Map<String, Object> w : windows) {
            sb.append(EventText.windowLine(w, width)).append('\n');
        }
    }

    static void events(StringBuilder sb, List<Map<String, Object>> events) {
        int width =
                timeWidth(events.stream().filter(EventText::listedAmongEvents).toList());
        sb.append("\nEvents (timing windows above)\n");
        for (Map<String, Object> e : events) {
            if (EventText.listedAmongEvents(e)) {
                sb.append(EventText.eventLine(e, width)).append('\n');
            }
        }
    }

    /** "1 window", "2 windows": a count of timing windows as a sentence says it. */
    static String windows(long n) {
        return n + (n == 1 ? " window" : " windows");
    }
}
