package io.klinebench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinebench.config.CappedLines;
import io.klinebench.config.ConfigException;
import io.klinebench.config.Pos;
import io.klinebench.time.Durations;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A real-time run as the simulator's {@code --events} file holds it: one JSON object per line,
 * each an event in the shape of the JSON report's events ({@link ReportModel#event}: at-ns, t,
 * type, the event's fields), with the simulator's own among them: "sim-started" (profile,
 * summary, connect, line), "action-performed" (action), "port-gone" (port, why), "port-back"
 * (port, away-nanos, bytes-not-sent), "sim-stopped", "events-dropped" (count).
 * Read back, it gives the parts of a bench report a real-time run has: the actions, the timing
 * windows, the events.
 */
public final class EventLog {

    public static final String SIM_STARTED = "sim-started";
    public static final String ACTION = "action-performed";
    public static final String SIM_STOPPED = "sim-stopped";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Map<String, Object>> events;
    private final Map<String, Integer> unknownTypes;
    /** The number of the last line when a kill cut it short and it was left out; 0 when none was. */
    private final int cutLine;

    private EventLog(List<Map<String, Object>> events, Map<String, Integer> unknownTypes, int cutLine) {
        this.events = Collections.unmodifiableList(events);
        this.unknownTypes = Collections.unmodifiableMap(unknownTypes);
        this.cutLine = cutLine;
    }

    /** One event as its line of the file (compact JSON, no line break). */
    public static String line(Map<String, Object> event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written as JSON: " + event, e);
        }
    }

    /**
     * Reads the lines of an events file, each checked as {@link EventLines} does; blank lines are
     * skipped. The first event is the sim's start: a file without it is not what {@code sim
     * --events} writes.
     *
     * <p>A sim killed while it wrote a line leaves it cut short at the end of the file: begun
     * ({@code {}) but not ended (no {@code }}, no line break after it). That line alone is left
     * out, and said ({@link #cutLine}): refusing the file for it lost every whole line before
     * it. A line cut short anywhere else is a damaged file, refused at its place as any line that
     * is not an event.
     *
     * @param source the file's name, for messages ("events.jsonl:3:14: ...")
     * @throws ConfigException naming the line and field that is not as the sim writes it
     */
    public static EventLog read(String source, Reader in) throws IOException, ConfigException {
        List<Map<String, Object>> events = new ArrayList<>();
        Map<String, Integer> unknown = new LinkedHashMap<>();
        LastCharacter seen = new LastCharacter(in);
        // capped: a file that is no events file (a binary, /dev/zero) is refused after 64 Ki
        // characters of one line, not read whole into the heap
        CappedLines lines = new CappedLines(
                source,
                seen,
                start -> false,
                ": an event is one line of a few hundred (is this the file of 'sim --events'?)",
                true);
        int cut = 0;
        CappedLines.Line line = lines.next();
        int n = 0;
        for (CappedLines.Line next; line != null; line = next) {
            n++;
            String text = line.text();
            if (line.endsInsideCharacter()) {
                // the file ends inside a character: the last line, cut in the middle of one
                if (!cutShort(text)) {
                    throw lines.refused(line);
                }
                cut = n;
                break;
            }
            next = lines.next(); // one ahead: whether this line is the last
            if (text.isBlank()) {
                continue;
            }
            if (next == null && seen.last != '\n' && seen.last != '\r' && cutShort(text)) {
                cut = n;
                break;
            }
            Map<String, Object> e = EventLines.read(source, n, text);
            String type = (String) e.get("type");
            if (events.isEmpty() && !SIM_STARTED.equals(type)) {
                throw new ConfigException(
                        new Pos(source, n, 1),
                        "the first event is '" + type + "', not " + SIM_STARTED
                                + ": the sim writes its start first (is this the file of 'sim --events'?)");
            }
            if (!EventLines.isKnown(type)) {
                unknown.putIfAbsent(type, n);
            }
            events.add(e);
        }
        if (events.isEmpty() && cut > 0) {
            throw new ConfigException(
                    new Pos(source, cut, 1),
                    "no events: the only one, the sim's start, was cut short (the sim killed while it wrote it?)");
        }
        if (events.isEmpty()) {
            throw new ConfigException(new Pos(source, 1, 1), "no events (an events file has at least the sim's start)");
        }
        return new EventLog(events, unknown, cut);
    }

    /** Whether a line is one the sim began to write and did not finish: its object opened, never closed. */
    private static boolean cutShort(String text) {
        String t = text.strip();
        return t.startsWith("{") && !t.endsWith("}");
    }

    /** A reader that remembers the last character it passed on: after the end, the file's last. */
    private static final class LastCharacter extends FilterReader {
        int last = -1;

        LastCharacter(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                last = c;
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                last = buffer[offset + n - 1];
            }
            return n;
        }
    }

    /**
     * The number of the file's last line when a kill cut it short and it was left out (see
     * {@link #read}); 0 when the file ends with a whole line.
     */
    public int cutLine() {
        return cutLine;
    }

    /**
     * The event types in the file this build does not know, each with the line it first stands
     * on: shown as written, their fields unchecked (a newer sim's events, see {@link EventLines}).
     */
    public Map<String, Integer> unknownTypes() {
        return unknownTypes;
    }

    public List<Map<String, Object>> events() {
        return events;
    }

    /** The sim's start line, when the file has it. */
    public Optional<Map<String, Object>> start() {
        return events.stream().filter(e -> SIM_STARTED.equals(e.get("type"))).findFirst();
    }

    /** The actions performed, as the report's steps (at-ns, t, action). */
    public List<Map<String, Object>> actions() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : events) {
            if (ACTION.equals(e.get("type"))) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("at-ns", e.get("at-ns"));
                m.put("t", e.get("t"));
                m.put("action", e.get("action"));
                out.add(m);
            }
        }
        return out;
    }

    /** The timing windows judged, as the report's windows (ReportModel.window). */
    public List<Map<String, Object>> windows() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : events) {
            EventText.window(e).ifPresent(w -> out.add(ReportModel.window(EventText.number(e.get("at-ns")), w)));
        }
        return out;
    }

    /** The car's, the remotes' and the link's events, without the simulator's own lines. */
    public List<Map<String, Object>> carEvents() {
        return events.stream()
                .filter(e -> !List.of(SIM_STARTED, ACTION, SIM_STOPPED).contains(e.get("type")))
                .toList();
    }

    /** When the run ended: the sim's stop, or the last event of a run that was cut short. */
    public long endNanos() {
        return events.stream()
                .mapToLong(e -> EventText.number(e.get("at-ns")))
                .max()
                .orElse(0);
    }

    /** Whether the sim's stop is in the file (it is not after a kill -9 or while the sim runs). */
    public boolean stopped() {
        return events.stream().anyMatch(e -> SIM_STOPPED.equals(e.get("type")));
    }

    /** The report for people: the run, its actions, timing windows, events and a result line. */
    public String render(String source) {
        StringBuilder sb = new StringBuilder();
        sb.append("real-time run ").append(source).append('\n');
        start().ifPresent(s -> {
            sb.append("profile  ")
                    .append(s.get("profile"))
                    .append(" - ")
                    .append(s.get("summary"))
                    .append('\n');
            sb.append("port     ")
                    .append(s.get("connect"))
                    .append(", ")
                    .append(s.get("line"))
                    .append('\n');
        });
        TextReport.steps(sb, "Actions", actions());
        List<Map<String, Object>> windows = windows();
        TextReport.windows(sb, windows);
        TextReport.events(sb, carEvents());
        long missed =
                windows.stream().filter(w -> !Boolean.TRUE.equals(w.get("met"))).count();
        sb.append(String.format(
                Locale.ROOT,
                "%n%s: %s met, %d missed; %s; ran %s%s%n",
                missed == 0 ? "ALL WINDOWS MET" : "WINDOWS MISSED",
                TextReport.windows(windows.size() - missed),
                missed,
                actions().size() + (actions().size() == 1 ? " action" : " actions"),
                Durations.human(endNanos()),
                endNotes()));
        return sb.toString();
    }

    /** What the result line says of how the file ends: no sim-stopped line, a last line cut short. */
    private String endNotes() {
        List<String> notes = new ArrayList<>();
        if (!stopped()) {
            notes.add("no sim-stopped line: the sim was killed or still runs");
        }
        if (cutLine > 0) {
            notes.add("line " + cutLine + ", the last, was cut short and left out");
        }
        return notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
    }

    /** Whether every window was met. */
    public boolean allWindowsMet() {
        return windows().stream().allMatch(w -> Boolean.TRUE.equals(w.get("met")));
    }
}
