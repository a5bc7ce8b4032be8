package io.klinebench.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.kline.Violation;
import io.klinebench.line.Direction;
import io.klinebench.report.EventText;
import io.klinebench.testsupport.HumanText;
import io.klinebench.time.Durations;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The texts people read, made from any number of nanoseconds, pass the raw-nanosecond guard
 * ({@link HumanText}): the formatters themselves, a K-line violation as validate prints it, a
 * timing window as the run report and the sim's event stream show it. A message that starts
 * printing a value unformatted fails here for the values jqwik tries, without a golden file.
 */
class GoldenHumanNumbersProperties {

    private static final long YEAR = 365 * Durations.D;

    @Property(tries = 2000)
    void durationsAndInstants(@ForAll long nanos) {
        assertHuman(Durations.human(nanos) + " at " + Durations.clock(nanos));
    }

    @Property(tries = 1000)
    void aViolationAsValidatePrintsIt(
            @ForAll @LongRange(min = 0, max = YEAR) long measured,
            @ForAll @LongRange(min = 0, max = YEAR) long limit,
            @ForAll @LongRange(min = 0, max = 100 * YEAR) long at,
            @ForAll @IntRange(min = 0, max = 10_000_000) int index,
            @ForAll Direction by) {
        Violation.Bound bound = measured > limit ? Violation.Bound.ABOVE_MAX : Violation.Bound.BELOW_MIN;
        assertHuman(new Violation(Violation.P4, by, measured, limit, bound, index, at, "81 40 | F1 21 01 D5")
                .toString()
                // the entry's index counts trace lines: a long trace has millions, and it is not a time
                .replace("#" + index, "#N"));
    }

    @Property(tries = 1000)
    void aTimingWindowAsTheReportAndTheEventStreamShowIt(
            @ForAll @LongRange(min = 0, max = 100 * YEAR) long at,
            @ForAll @LongRange(min = 0, max = YEAR) long limit,
            @ForAll @LongRange(min = 0, max = YEAR) long actual,
            @ForAll boolean atMost) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("at-ns", at);
        event.put("t", Durations.seconds(at));
        event.put("type", "window-judged");
        event.put("name", "cycles.max-run-time");
        event.put("bound", atMost ? "at-most" : "at-least");
        event.put("limit-nanos", limit);
        event.put("actual-nanos", actual);
        event.put("met", atMost ? actual <= limit : actual >= limit);
        event.put("detail", "time in run for cycle 1");
        assertHuman(EventText.line(event));
        assertHuman(EventText.summary(event));
    }

    /**
     * The report's timing windows stay a table whatever the values: the actual, margin and
     * met/MISSED columns start at one place for any limit and actual below a year (the widest
     * rounded durations, "59min 59s" and "+59min 59s", fit), as real-time runs make them.
     */
    @Property(tries = 1000)
    void aTimingWindowLineKeepsItsColumns(
            @ForAll @LongRange(min = 0, max = YEAR) long limit, @ForAll @LongRange(min = 0, max = YEAR) long actual) {
        String line = EventText.line(window(limit, actual));
        String reference = EventText.line(window(500 * Durations.MS, Durations.S));
        for (String column : new String[] {" actual ", " margin ", "  coin cell"}) {
            assertThat(line.indexOf(column))
                    .as("'%s' in%n%s%n%s", column, line, reference)
                    .isEqualTo(reference.indexOf(column));
        }
    }

    private static Map<String, Object> window(long limit, long actual) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("at-ns", 0L);
        event.put("t", "0.000");
        event.put("type", "window-judged");
        event.put("name", "remote-battery.max-out-time");
        event.put("bound", "at-most");
        event.put("limit-nanos", limit);
        event.put("actual-nanos", actual);
        event.put("met", actual <= limit);
        event.put("detail", "coin cell out of remote A");
        return event;
    }

    private static void assertHuman(String text) {
        assertThat(HumanText.offences(text)).as(text).isEmpty();
    }
}
