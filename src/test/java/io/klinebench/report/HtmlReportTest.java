package io.klinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.bench.Bench;
import io.klinebench.bench.BenchResult;
import io.klinebench.bench.Timeline;
import io.klinebench.car.CarEvent;
import io.klinebench.kline.Violation;
import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import io.klinebench.report.TimelinePage.Item;
import io.klinebench.report.TimelinePage.Lane;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The HTML report's page model (lanes, windows against their limits) and its escaping. */
class HtmlReportTest {

    private static final long S = Durations.S;
    private static final long MS = Durations.MS;

    private static TimelinePage page(List<Event> events, List<TraceEntry> trace) {
        return HtmlReport.page("hand", "by hand", events, trace, MS, s -> null, 10 * S, new Timeline());
    }

    private static Lane lane(TimelinePage page, String id) {
        return page.lanes().stream()
                .filter(l -> l.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no lane " + id + " in " + page.lanes()));
    }

    @Test
    void theShippedRitualHasItsLanes() throws Exception {
        TimelinePage page = HtmlReport.page(Bench.run("r53-2005-2008-ritual"));
        assertThat(page.lanes())
                .extracting(Lane::id)
                .contains("steps", "ignition", "key", "remote", "learn", "windows");
        Lane ignition = lane(page, "ignition");
        // Four cycles, each 0 -> 2 -> 0, drawn as spans of each position that touch end to start.
        assertThat(ignition.items()).extracting(Item::css).contains("ign ign-2", "ign ign-0");
        assertThat(ignition.rows()).isEqualTo(1);
        Item learn = lane(page, "learn").items().stream()
                .filter(i -> i.kind().equals("learn-window"))
                .findFirst()
                .orElseThrow();
        assertThat(learn.instant()).isFalse();
        assertThat(lane(page, "remote").items())
                .anySatisfy(i -> assertThat(i.label()).isEqualTo("A lock+unlock: resynchronised"));
        assertThat(page.passed()).isTrue();
        assertThat(page.headline()).startsWith("PASSED");
        // Every item has a unique id over the page: #item=ID selects exactly one.
        List<String> ids = page.lanes().stream()
                .flatMap(l -> l.items().stream())
                .map(Item::id)
                .toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void aMissedWindowIsASpanAgainstItsLimitWithItsMargin() throws Exception {
        BenchResult late = Bench.run("r53-2005-2008-key-out-late");
        Item missed = lane(HtmlReport.page(late), "windows").items().stream()
                .filter(i -> i.css().contains("missed"))
                .findFirst()
                .orElseThrow();
        assertThat(missed.css()).isEqualTo("window missed");
        assertThat(missed.label()).startsWith("completion.key-out-deadline MISSED by ");
        assertThat(missed.hasLimit()).isTrue();
        assertThat(missed.limitAt()).isBetween(missed.t0(), missed.t1());
        assertThat(missed.fields()).containsEntry("met", "NO, missed").containsKey("margin");
        String html = HtmlReport.of(late);
        assertThat(html).contains("class=\"item window missed span\"");
    }

    @Test
    void aWindowMetIsLabelledWithItsMargin() {
        Event judged = new CarEvent.WindowJudged(
                3 * S, io.klinebench.time.TimingWindow.atMost("cycles.max-off-time", 2 * S, 1500 * MS, "off"));
        Item w = lane(page(List.of(judged), List.of()), "windows").items().get(0);
        assertThat(w.t0()).isEqualTo(1500 * MS);
        assertThat(w.t1()).isEqualTo(3 * S);
        assertThat(w.limitAt()).isEqualTo(3500 * MS);
        assertThat(w.label()).isEqualTo("cycles.max-off-time margin +500ms");
        assertThat(w.css()).isEqualTo("window met");
    }

    @Test
    void statesAreSpansUntilTheNextChangeOrTheEnd() {
        TimelinePage page = page(
                List.of(
                        new CarEvent.KeyInserted(1 * S, "A"),
                        new CarEvent.IgnitionChanged(2 * S, 0, 2),
                        new CarEvent.DoorChanged(3 * S, "driver", true),
                        new CarEvent.DoorChanged(4 * S, "driver", false),
                        new CarEvent.KeyRemoved(5 * S, "A")),
                List.of());
        assertThat(lane(page, "ignition").items())
                .extracting(Item::t0, Item::t1, Item::label)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, 2 * S, "position 0"),
                        org.assertj.core.groups.Tuple.tuple(2 * S, 10 * S, "position 2"));
        assertThat(lane(page, "key").items())
                .extracting(Item::t0, Item::t1)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1 * S, 5 * S));
        assertThat(lane(page, "doors").items()).extracting(Item::label).containsExactly("driver open");
        assertThat(page.lanes()).extracting(Lane::id).doesNotContain("locks", "kline-tester");
    }

    @Test
    void bytesAreDrawnOverTheirTimeOnTheWireAndTraceBurstsGroupThem() {
        List<TraceEntry> trace = List.of(
                TraceEntry.ofByte(10 * MS, Direction.TESTER, 0x81),
                TraceEntry.ofByte(11 * MS, Direction.TESTER, 0x10),
                TraceEntry.ofByte(60 * MS, Direction.ECU, 0xC1));
        Violation v = new Violation(
                Violation.P2, Direction.ECU, 49 * MS, 50 * MS, Violation.Bound.BELOW_MIN, 2, 60 * MS, "81 10 | C1");
        String html = HtmlReport.ofTrace("t.trace", "judged", "FAILED: 1", trace, MS, List.of(v), List.of());
        assertThat(html).contains("data-lane=\"bytes-tester\"", "data-lane=\"kline-tester\"", ">81 10<");
        TimelinePage page = page(List.of(), trace);
        assertThat(lane(page, "bytes-tester").items())
                .extracting(Item::t0, Item::t1)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(9 * MS, 10 * MS),
                        org.assertj.core.groups.Tuple.tuple(10 * MS, 11 * MS));
        assertThat(TraceLanes.byteNanos(10_400, "8N1")).isEqualTo(961_538);
        assertThat(TraceLanes.byteNanos(9_600, "8E1")).isEqualTo(1_145_833);
        Item broken = TraceLanes.violation(v, true);
        assertThat(broken.css()).isEqualTo("window missed");
        assertThat(broken.label()).isEqualTo("kline.P2 MISSED by 1ms");
    }

    @Test
    void aBenchDrivenByHandIsDrawnWithItsKLine() throws Exception {
        Bench bench = Bench.of("r56-2007-2013", io.klinebench.bench.CarSetup.of());
        // The line idle for W5 first, or the module ignores the wake-up.
        bench.advance("1s")
                .perform("tester fast-init")
                .advance("1s")
                .perform("tester send 21 01")
                .advance("1s");
        TimelinePage page = HtmlReport.page(bench, "a JUnit test");
        assertThat(page.lanes())
                .extracting(Lane::id)
                .contains("kline-link", "kline-tester", "kline-ecu", "bytes-tester", "bytes-ecu");
        assertThat(lane(page, "kline-tester").items()).extracting(Item::label).contains("82 40 F1 21 01 D5");
        assertThat(page.endNanos()).isEqualTo(bench.now());
        assertThat(HtmlReport.of(bench, "a JUnit test")).contains("<h1>a JUnit test</h1>");
    }

    @Test
    void aLongTraceIsDrawnAroundItsViolations() {
        assertThat(HtmlReport.drawnRanges(100, List.of(), List.of())).containsExactly(new int[] {0, 100});
        int n = HtmlReport.MAX_ENTRIES_DRAWN * 10;
        Violation early = new Violation(
                Violation.P4, Direction.TESTER, 25 * MS, 20 * MS, Violation.Bound.ABOVE_MAX, 10, S, "81 | 40");
        Violation near = new Violation(
                Violation.P4, Direction.TESTER, 25 * MS, 20 * MS, Violation.Bound.ABOVE_MAX, 40, S, "81 | 40");
        Violation late = new Violation(
                Violation.P4, Direction.TESTER, 25 * MS, 20 * MS, Violation.Bound.ABOVE_MAX, n - 1, S, "81 | 40");
        // Overlapping contexts are one range; a context stops at the trace's ends.
        assertThat(HtmlReport.drawnRanges(n, List.of(early, near), List.of(late)))
                .containsExactly(new int[] {0, 73}, new int[] {n - 33, n});
    }

    @Test
    void hostileTextInAnEventStaysText() {
        String vin = "<script>alert('vin')</script>\" onmouseover=\"x";
        TimelinePage page = page(List.of(new CarEvent.ReceiverCodingRefused(S, vin, "<b>not this car</b>")), List.of());
        String html = HtmlReport.render(page);
        assertThat(html).doesNotContain("<script>alert", "<b>not this car");
        // In text a quote is harmless; in an attribute it is escaped, so no tag gains an attribute.
        assertThat(html).contains("&lt;script&gt;alert(", "&#34; onmouseover=&#34;x");
        assertThat(html).doesNotContainPattern("<[^>]*onmouseover=\"x");
        Optional<Item> refused = lane(page, "other").items().stream().findFirst();
        assertThat(refused).get().extracting(i -> i.fields().get("vin")).isEqualTo(vin);
        // The page's own script is the only one.
        assertThat(html.split("<script>", -1)).hasSize(2);
    }
}
