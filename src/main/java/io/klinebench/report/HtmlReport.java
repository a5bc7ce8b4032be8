package io.klinebench.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.klinebench.bench.Bench;
import io.klinebench.bench.BenchResult;
import io.klinebench.bench.DiagnosticSocket;
import io.klinebench.bench.Rig;
import io.klinebench.bench.RitualOutcome;
import io.klinebench.bench.Sequence;
import io.klinebench.bench.Timeline;
import io.klinebench.config.UserFiles;
import io.klinebench.kline.Violation;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.TimingWindow;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTML page of a run or of a checked trace: one self-contained file (its style and script
 * inline, nothing fetched from the network) with an SVG timeline in lanes (see {@code RunLanes}
 * and {@code TraceLanes}), a details box that shows an item's event fields on hover or click,
 * zoom from the whole run down to single bytes, and the verdicts.
 *
 * <p>The page is a jte template ({@code src/main/jte/page.jte}) compiled to Java at build time;
 * jte escapes every value for the place it lands, so a hostile string in an event (a VIN sent
 * over the K-line) stays text.
 */
public final class HtmlReport {

    /** The byte time when a bench has no K-line: 10400 baud 8N1 (KWP2000's). */
    private static final long DEFAULT_BYTE_NANOS = TraceLanes.byteNanos(10_400, "8N1");

    /** The most trace entries a page draws (each is an item in the browser, with its fields). */
    static final int MAX_ENTRIES_DRAWN = 20_000;

    /** Entries drawn before and after each violation when a trace has more than {@link #MAX_ENTRIES_DRAWN}. */
    static final int CONTEXT_ENTRIES = 32;

    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(
            null, ContentType.Html, HtmlReport.class.getClassLoader(), "io.klinebench.report");

    private static final String CSS = resource("timeline.css");
    private static final String SCRIPT = resource("timeline.js");

    private HtmlReport() {}

    /** The page of a sequence run. */
    public static String of(BenchResult result) {
        return render(page(result));
    }

    /** The page of a bench driven by hand (a JUnit test): its timeline and K-line trace so far. */
    public static String of(Bench bench, String title) {
        return render(page(bench, title));
    }

    /**
     * The page of a trace judged by {@code validate}: each side's bytes and bursts, and every
     * rule broken as a missed window ({@code undecided}: those within the stamps' uncertainty).
     *
     * @param headline  the verdict as the command prints it ("FAILED: 2 timing violations in ...")
     * @param byteNanos how long a byte takes on the line ({@link #byteNanos})
     */
    public static String ofTrace(
            String title,
            String subtitle,
            String headline,
            List<TraceEntry> entries,
            long byteNanos,
            List<Violation> violations,
            List<Violation> undecided) {
        LaneSet lanes = new LaneSet()
                .lane("kline-tester", "K-line tester bursts")
                .lane("kline-ecu", "K-line module bursts")
                .lane("bytes-tester", "Tester bytes")
                .lane("bytes-ecu", "Module bytes")
                .lane("windows", "Rules broken");
        List<int[]> drawn = drawnRanges(entries.size(), violations, undecided);
        for (int[] range : drawn) {
            TraceLanes.bursts(lanes, entries, range[0], range[1], byteNanos, "kline-");
            TraceLanes.bytes(lanes, entries, range[0], range[1], byteNanos, "bytes-");
        }
        if (entries.size() > MAX_ENTRIES_DRAWN) {
            int shown = drawn.stream().mapToInt(r -> r[1] - r[0]).sum();
            subtitle += " The trace has " + entries.size() + " entries, more than the " + MAX_ENTRIES_DRAWN
                    + " a page draws: it shows the " + shown + " entries around the violations.";
        }
        violations.forEach(v -> lanes.add("windows", TraceLanes.violation(v, true)));
        undecided.forEach(v -> lanes.add("windows", TraceLanes.violation(v, false)));
        long start = lanes.start();
        long end = lanes.end();
        List<TimelinePage.Finding> findings = violations.stream()
                .map(v -> new TimelinePage.Finding(false, v.parameter(), v.toString()))
                .toList();
        return render(
                new TimelinePage(title, subtitle, violations.isEmpty(), headline, start, end, lanes.lanes(), findings));
    }

    /**
     * The entries a trace's page draws, as ranges [from, to): all of them in a trace of up to
     * {@link #MAX_ENTRIES_DRAWN}; in a longer one (a sim's trace of days), the {@link
     * #CONTEXT_ENTRIES} before and after each violation, so that the page stays a page a browser
     * opens and what went wrong is still drawn to the byte.
     */
    static List<int[]> drawnRanges(int entries, List<Violation> violations, List<Violation> undecided) {
        if (entries <= MAX_ENTRIES_DRAWN) {
            return List.of(new int[] {0, entries});
        }
        java.util.TreeMap<Integer, Integer> ranges = new java.util.TreeMap<>();
        java.util.stream.Stream.concat(violations.stream(), undecided.stream())
                .mapToInt(Violation::index)
                .sorted()
                .forEach(i -> ranges.merge(
                        Math.max(0, i - CONTEXT_ENTRIES), Math.min(entries, i + CONTEXT_ENTRIES + 1), Math::max));
        List<int[]> out = new ArrayList<>();
        int budget = MAX_ENTRIES_DRAWN;
        for (Map.Entry<Integer, Integer> r : ranges.entrySet()) {
            int[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r.getKey() <= last[1]) { // overlapping contexts: one range
                int to = Math.min(Math.max(last[1], r.getValue()), last[1] + budget);
                budget -= to - last[1];
                last[1] = to;
            } else {
                int to = Math.min(r.getValue(), r.getKey() + budget);
                if (to > r.getKey()) {
                    out.add(new int[] {r.getKey(), to});
                    budget -= to - r.getKey();
                }
            }
        }
        return out;
    }

    /** How long one byte takes on a line of {@code baud} with {@code framing} ("8N1", "8E1"). */
    public static long byteNanos(int baud, String framing) {
        return TraceLanes.byteNanos(baud, framing);
    }

    /** Writes a page as every file of the user's is written ({@link UserFiles}): atomically, with the user's umask. */
    public static void write(Path target, String page) throws IOException {
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        UserFiles.writeAtomically(target, out -> out.write(bytes));
    }

    static TimelinePage page(BenchResult r) {
        Sequence seq = r.sequence();
        LaneSet lanes = RunLanes.of(
                r.steps(),
                r.timeline().events(),
                trace(r.rig()),
                byteNanos(r.rig()),
                s -> r.rig().remoteName(s).orElse(null),
                r.endNanos());
        List<TimelinePage.Finding> findings = new ArrayList<>();
        ritual(RitualOutcome.of(r.rig())).ifPresent(findings::add);
        r.verdicts().stream()
                .map(v -> new TimelinePage.Finding(
                        v.passed(), v.what(), "line " + v.pos().line() + ": " + v.detail()))
                .forEach(findings::add);
        int all = r.verdicts().size();
        String headline = r.passed()
                ? "PASSED: " + all + " of " + all + (all == 1 ? " expectation held" : " expectations held")
                : "FAILED: " + r.failures() + " of " + all + " expectations did not hold";
        return new TimelinePage(
                seq.file(),
                seq.description() == null
                        ? ""
                        : seq.description().strip() + " (profile "
                                + seq.profile().name() + ")",
                r.passed(),
                headline + windowsSummary(r.timeline()),
                0,
                Math.max(r.endNanos(), lanes.end()),
                lanes.lanes(),
                findings);
    }

    static TimelinePage page(Bench bench, String title) {
        Rig rig = bench.rig();
        return page(
                title,
                "A bench driven by hand, at " + Durations.clock(bench.now()),
                bench.timeline().events(),
                trace(rig),
                byteNanos(rig),
                s -> rig.remoteName(s).orElse(null),
                bench.now(),
                bench.timeline());
    }

    /** A page of events with no steps and no expectations; it passes when no window was missed. */
    static TimelinePage page(
            String title,
            String subtitle,
            List<Event> events,
            List<TraceEntry> trace,
            long byteNanos,
            java.util.function.IntFunction<String> names,
            long end,
            Timeline timeline) {
        LaneSet lanes = RunLanes.of(List.of(), events, trace, byteNanos, names, end);
        long missed = events.stream()
                .flatMap(e -> Timeline.windowOf(e).stream())
                .filter(w -> !w.met())
                .count();
        return new TimelinePage(
                title,
                subtitle,
                missed == 0,
                (missed == 0 ? "NO WINDOW MISSED" : "MISSED: " + missed + (missed == 1 ? " window" : " windows"))
                        + windowsSummary(timeline),
                0,
                Math.max(end, lanes.end()),
                lanes.lanes(),
                List.of());
    }

    /** The ritual's outcome first among the findings, when one was tried: learned, or its first cause. */
    static Optional<TimelinePage.Finding> ritual(RitualOutcome o) {
        if (!o.attempted()) {
            return Optional.empty();
        }
        if (o.completed()) {
            return Optional.of(new TimelinePage.Finding(true, "ritual completed", "a remote was learned"));
        }
        return Optional.of(new TimelinePage.Finding(
                false,
                "ritual not completed",
                o.firstCause()
                        .map(c -> "first cause at " + Durations.clock(c.at()) + ": " + c.what()
                                + (o.causes().size() > 1
                                        ? " (" + (o.causes().size() - 1) + " more in the report)"
                                        : ""))
                        .orElse("no cause given")));
    }

    private static String windowsSummary(Timeline t) {
        List<TimingWindow> windows = t.windows();
        long missed = windows.stream().filter(w -> !w.met()).count();
        return "; " + windows.size() + (windows.size() == 1 ? " timing window, " : " timing windows, ") + missed
                + " missed";
    }

    private static List<TraceEntry> trace(Rig rig) {
        return rig.diagnostics().map(DiagnosticSocket::trace).orElse(List.of());
    }

    private static long byteNanos(Rig rig) {
        return rig.diagnostics()
                .map(d -> TraceLanes.byteNanos(d.profile().baud(), d.profile().framing()))
                .orElse(DEFAULT_BYTE_NANOS);
    }

    static String render(TimelinePage page) {
        StringOutput out = new StringOutput(64 * 1024);
        TEMPLATES.render("page.jte", Map.of("page", page, "css", CSS, "script", SCRIPT), out);
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks io/klinebench/report/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
