package io.klinebench.report;

import io.klinebench.bench.Timeline;
import io.klinebench.kline.LinkEvent;
import io.klinebench.line.Direction;
import io.klinebench.time.Durations;
import io.klinebench.time.TimingWindow;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Events as text for people, one line each, from the maps of {@link ReportModel#event} (an
 * event as the JSON report and the sim's {@code --events} lines hold it): the lines of the text
 * report, the sim's live stream, and the sim's answers to an action. An event that judged a
 * timing window (a window the car judged, a remote's cell back in, a K-line timing violation)
 * is shown as its window: name, limit, actual value, margin, met or missed.
 */
public final class EventText {

    /** How an event reads: well (green on a terminal), a warning (yellow), wrong (red), or plain. */
    public enum Tone {
        GOOD,
        WARN,
        BAD,
        PLAIN
    }

    private static final Set<String> NOT_FIELDS = Set.of("at-ns", "t", "type");

    /** The time column's width: "59.700s" and everything below an hour fit. */
    static final int TIME_WIDTH = 11;

    private static final Set<String> BAD = Set.of(
            "input-refused",
            "remote-refused",
            "frame-dropped",
            "timing-violation",
            "learn-aborted",
            "remote-code-rejected",
            "gesture-failed",
            "receiver-coding-refused",
            "collision");
    private static final Set<String> WARN = Set.of(
            "ignored", "cycle-count-reset", "remote-silent", "slots-dropped", "replay-refused", "replay-ignored");
    private static final Set<String> GOOD = Set.of(
            "remote-learned",
            "learn-window-opened",
            "cycle-counted",
            "session-started",
            "receiver-coded",
            "remote-code-accepted",
            "tester-received");

    private EventText() {}

    /** The line of the live stream and of the report's events: time, then the window or the type and fields. */
    public static String line(Map<String, Object> event) {
        Optional<TimingWindow> w = window(event);
        if (w.isPresent()) {
            String line = windowLine(ReportModel.window(number(event.get("at-ns")), w.get()));
            if ("remote-battery-inserted".equals(event.get("type"))) {
                line += "  remote=" + event.get("remote") + " sync-lost=" + event.get("sync-lost");
            }
            return line;
        }
        return eventLine(event);
    }

    /** An event in a few words, without its time: "cycle-counted n=1 of=4", or its window. */
    public static String summary(Map<String, Object> event) {
        Optional<TimingWindow> found = window(event);
        if (found.isPresent()) {
            TimingWindow w = found.get();
            return "window " + w.name() + " " + (w.bound() == TimingWindow.Bound.AT_MOST ? "<=" : ">=") + " "
                    + Durations.human(w.limitNanos()) + " actual " + Durations.human(w.actualNanos()) + " margin "
                    + signed(w.marginNanos()) + " " + (w.met() ? "met" : "MISSED");
        }
        String fields = fields(event);
        return event.get("type") + (fields.isEmpty() ? "" : " " + fields);
    }

    /**
     * The answer to an action, one line, from the events it caused: "refused: WHY" when the car
     * or a remote refused it (every reason, "; " between), else "ok: " and each event in a few
     * words ("ok: ignition-changed from=1 to=2; cycle-counted n=1 of=4"), or "ok: nothing
     * happened".
     */
    public static String answer(List<Map<String, Object>> events) {
        List<String> refusals =
                events.stream().flatMap(e -> refusal(e).stream()).toList();
        if (!refusals.isEmpty()) {
            return "refused: " + String.join("; ", refusals);
        }
        if (events.isEmpty()) {
            return "ok: nothing happened";
        }
        return "ok: " + events.stream().map(EventText::summary).collect(Collectors.joining("; "));
    }

    /** Why an action was refused, when the event is a refusal (a physical input or a remote's). */
    public static Optional<String> refusal(Map<String, Object> event) {
        Object type = event.get("type");
        if ("input-refused".equals(type) || "remote-refused".equals(type)) {
            return Optional.of(String.valueOf(event.get("why")));
        }
        return Optional.empty();
    }

    public static Tone tone(Map<String, Object> event) {
        Optional<TimingWindow> w = window(event);
        if (w.isPresent()) {
            return w.get().met() ? Tone.GOOD : Tone.BAD;
        }
        String type = String.valueOf(event.get("type"));
        if (BAD.contains(type)) {
            return Tone.BAD;
        }
        if (WARN.contains(type)) {
            return Tone.WARN;
        }
        if (GOOD.contains(type)) {
            return Tone.GOOD;
        }
        return switch (type) {
            case "learn-window-closed" -> "completed".equals(event.get("reason")) ? Tone.GOOD : Tone.BAD;
            case "engine-start" -> Boolean.TRUE.equals(event.get("allowed")) ? Tone.GOOD : Tone.BAD;
            case "answered" -> Boolean.TRUE.equals(event.get("negative")) ? Tone.WARN : Tone.GOOD;
            default -> Tone.PLAIN;
        };
    }

    /** {@code text} in the tone's colour (ANSI), for a terminal. */
    public static String coloured(Tone tone, String text) {
        String code = switch (tone) {
            case GOOD -> "32";
            case WARN -> "33";
            case BAD -> "31";
            case PLAIN -> null;
        };
        return code == null ? text : "\u001B[" + code + "m" + text + "\u001B[0m";
    }

    /**
     * The timing window an event judged, rebuilt from its fields: those of a window the car
     * judged or a remote's cell back in (the window's own, flattened), or a K-line timing
     * violation (a missed window, as {@link Timeline#window} makes it).
     */
    public static Optional<TimingWindow> window(Map<String, Object> event) {
        Object type = event.get("type");
        if ("window-judged".equals(type) || "remote-battery-inserted".equals(type)) {
            return Optional.of(new TimingWindow(
                    String.valueOf(event.get("name")),
                    "at-least".equals(event.get("bound")) ? TimingWindow.Bound.AT_LEAST : TimingWindow.Bound.AT_MOST,
                    number(event.get("limit-nanos")),
                    number(event.get("actual-nanos")),
                    Boolean.TRUE.equals(event.get("met")),
                    String.valueOf(event.get("detail"))));
        }
        if ("timing-violation".equals(type)) {
            return Optional.of(Timeline.window(new LinkEvent.TimingViolation(
                    number(event.get("at-ns")),
                    String.valueOf(event.get("parameter")),
                    Direction.valueOf(String.valueOf(event.get("by")).toUpperCase(Locale.ROOT)),
                    number(event.get("measured-nanos")),
                    number(event.get("limit-nanos")),
                    String.valueOf(event.get("bound")),
                    String.valueOf(event.get("context")),
                    String.valueOf(event.getOrDefault("injected", "")))));
        }
        return Optional.empty();
    }

    /** A line of the report's timing windows, from a map of {@link ReportModel#window}. */
    static String windowLine(Map<String, Object> w) {
        return windowLine(w, TIME_WIDTH);
    }

    /**
     * As above, the time column {@code width} wide (a report fits it to its longest time). The
     * limit, actual and margin columns hold the widest rounded duration below 27 years
     * ("59min 59s", "+59min 59s"), so a real-time run's long windows stay in the table.
     */
    static String windowLine(Map<String, Object> w, int width) {
        // "  %{width}s  %-34s %s %-9s actual %-9s margin %-10s %s  %s", built without a Formatter:
        // the live stream writes a line for every event (BENCHMARKS.md, "Side by side with a
        // reference module")
        StringBuilder b = new StringBuilder(128).append("  ");
        padLeft(b, Durations.clock(number(w.get("at-ns"))), width).append("  ");
        padRight(b, String.valueOf(w.get("name")), 34).append(' ');
        b.append("at-most".equals(w.get("bound")) ? "<=" : ">=").append(' ');
        padRight(b, Durations.human(number(w.get("limit-ns"))), 9).append(" actual ");
        padRight(b, Durations.human(number(w.get("actual-ns"))), 9).append(" margin ");
        padRight(b, signed(number(w.get("margin-ns"))), 10).append(' ');
        b.append(Boolean.TRUE.equals(w.get("met")) ? "met   " : "MISSED").append("  ");
        return b.append(w.get("detail")).toString();
    }

    /** A line of the report's events: time, type, fields. */
    static String eventLine(Map<String, Object> e) {
        return eventLine(e, TIME_WIDTH);
    }

    static String eventLine(Map<String, Object> e, int width) {
        // "  %{width}s  %-26s %s" without a Formatter, as windowLine
        StringBuilder b = new StringBuilder(128).append("  ");
        padLeft(b, Durations.clock(number(e.get("at-ns"))), width).append("  ");
        padRight(b, String.valueOf(e.get("type")), 26).append(' ');
        return b.append(fields(e)).toString();
    }

    /** {@code text} right-aligned in {@code width} columns, as "%{width}s" writes it. */
    private static StringBuilder padLeft(StringBuilder b, String text, int width) {
        for (int i = text.length(); i < width; i++) {
            b.append(' ');
        }
        return b.append(text);
    }

    /** {@code text} left-aligned in {@code width} columns, as "%-{width}s" writes it. */
    private static StringBuilder padRight(StringBuilder b, String text, int width) {
        b.append(text);
        for (int i = text.length(); i < width; i++) {
            b.append(' ');
        }
        return b;
    }

    /**
     * The event's fields as "name=value", in order, in numbers people read: instants as the
     * time column shows them ("closes-at=47.000s"), durations rounded in their unit ("p2=30ms",
     * "limit=5min" for "limit-nanos"). The JSON keeps the nanoseconds.
     */
    static String fields(Map<String, Object> e) {
        StringBuilder b = new StringBuilder(96);
        for (Map.Entry<String, Object> f : e.entrySet()) {
            // an empty text says nothing to a reader (an answer's why when it was positive); the JSON keeps it
            if (NOT_FIELDS.contains(f.getKey()) || "".equals(f.getValue())) {
                continue;
            }
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(fieldName(f.getKey(), f.getValue())).append('=').append(fieldValue(f.getKey(), f.getValue()));
        }
        return b.toString();
    }

    /** A field's name as people read it: "limit" for "limit-nanos" (its value in a duration's unit). */
    static String fieldName(String key, Object value) {
        if ((value instanceof Long || value instanceof Integer) && key.endsWith("-nanos")) {
            return key.substring(0, key.length() - "-nanos".length());
        }
        return key;
    }

    /** A field's value as people read it: instants as the time column shows them, durations in their unit. */
    static String fieldValue(String key, Object value) {
        // Read back from JSON lines a small number is an Integer, a large one a Long.
        if (value instanceof Long || value instanceof Integer) {
            long v = ((Number) value).longValue();
            if (ReportModel.INSTANT_FIELDS.contains(key)) {
                return Durations.clock(v);
            }
            if (key.endsWith("-nanos") || ReportModel.DURATION_FIELDS.contains(key)) {
                return Durations.human(v);
            }
        }
        return String.valueOf(value);
    }

    static String signed(long nanos) {
        return (nanos >= 0 ? "+" : "") + Durations.human(nanos);
    }

    static long number(Object o) {
        return ((Number) o).longValue();
    }

    /** Whether the report's events section lists the event (a window the car judged is in the windows section). */
    static boolean listedAmongEvents(Map<String, Object> e) {
        return !"window-judged".equals(e.get("type"));
    }
}
