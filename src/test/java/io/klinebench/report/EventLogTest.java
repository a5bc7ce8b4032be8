package io.klinebench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.bench.Bench;
import io.klinebench.bench.BenchResult;
import io.klinebench.time.Event;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The events file of a real-time run ({@code sim --events}) holds what the bench's report shows:
 * every shipped sequence's events written as those JSON lines and read back give the very
 * timing-window and event sections the text report prints for the run, windows rebuilt from
 * the events' fields (the car's, a remote's coin cell, K-line timing violations) included.
 */
class EventLogTest {

    static Stream<Path> sequences() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("bench-config/sequences"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    private static String jsonLines(BenchResult r) {
        StringBuilder sb = new StringBuilder();
        for (Event e : r.timeline().events()) {
            sb.append(EventLog.line(
                            ReportModel.event(e, s -> r.rig().remoteName(s).orElse(null), 0)))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String section(String report, String title) {
        int from = report.indexOf("\n" + title + "\n");
        assertThat(from).as(title).isNotNegative();
        int to = report.indexOf("\n\n", from + 1);
        return report.substring(from, to);
    }

    @ParameterizedTest
    @MethodSource("sequences")
    void readBackTheEventsGiveTheBenchReportsWindowsAndEvents(Path sequence) throws Exception {
        BenchResult r = Bench.run(sequence);
        EventLog log = EventLog.read(new StringReader(jsonLines(r)));

        String bench = TextReport.render(r);
        String realTime = log.render("events.jsonl");

        assertThat(section(realTime, "Timing windows")).isEqualTo(section(bench, "Timing windows"));
        assertThat(section(realTime, "Events (timing windows above)"))
                .isEqualTo(section(bench, "Events (timing windows above)"));
        assertThat(log.allWindowsMet())
                .isEqualTo(r.timeline().windows().stream().allMatch(w -> w.met()));
    }

    @Test
    void theShippedSequencesCoverEveryKindOfWindow() throws Exception {
        List<String> types = sequences()
                .flatMap(s -> {
                    try {
                        return Bench.run(s).timeline().events().stream();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .map(e -> ReportModel.event(e, s -> null, 0).get("type").toString())
                .distinct()
                .toList();
        assertThat(types).contains("window-judged", "remote-battery-inserted", "timing-violation");
    }

    @Test
    void aRunWithTheSimsOwnLinesShowsItsActionsAndEnd() throws Exception {
        String file = """
                {"at-ns":0,"t":"0.000","type":"sim-started","profile":"r50-r53-2005-2008","summary":"R53","connect":"/tmp/kline (-> /dev/pts/3)","line":"protocol DS2, 9600 baud 8E1"}
                {"at-ns":1000000000,"t":"1.000","type":"action-performed","action":"ignition 2"}
                {"at-ns":1000100000,"t":"1.000","type":"input-refused","input":"ignition 2","why":"no key in the ignition"}
                {"at-ns":2000000000,"t":"2.000","type":"window-judged","name":"cycles.min-run-time","bound":"at-least","limit-nanos":500000000,"actual-nanos":300000000,"met":false,"detail":"time in run for cycle 1"}
                {"at-ns":3000000000,"t":"3.000","type":"sim-stopped"}
                """;
        EventLog log = EventLog.read(new StringReader(file));
        String text = log.render("events.jsonl");
        assertThat(text)
                .contains("profile  r50-r53-2005-2008 - R53")
                .contains("port     /tmp/kline (-> /dev/pts/3), protocol DS2, 9600 baud 8E1")
                .contains("\nActions\n       1.000s  ignition 2\n")
                .contains("cycles.min-run-time                >= 500ms     actual 300ms     margin -200ms     MISSED")
                .contains("input-refused              input=ignition 2 why=no key in the ignition")
                .contains("WINDOWS MISSED: 0 windows met, 1 missed; 1 action; ran 3s\n")
                .doesNotContain("sim-started", "sim-stopped", "action-performed");
        assertThat(log.allWindowsMet()).isFalse();

        EventLog cut = EventLog.read(new StringReader(file.lines().limit(3).reduce("", (a, b) -> a + b + "\n")));
        assertThat(cut.render("x")).contains("ran 1s (no sim-stopped line: the sim was killed or still runs)");
    }

    @Test
    void aLineThatIsNoEventIsNamed() {
        assertThatThrownBy(() ->
                        EventLog.read(new StringReader("{\"at-ns\":0,\"t\":\"0.000\",\"type\":\"x\"}\nnot json\n")))
                .hasMessageStartingWith("line 2: not a JSON object");
        assertThatThrownBy(() -> EventLog.read(new StringReader("{\"t\":\"0.000\"}\n")))
                .hasMessage("line 1: an event needs at-ns (a number) and type");
        assertThatThrownBy(() -> EventLog.read(
                        new StringReader("{\"at-ns\":0,\"t\":\"0.000\",\"type\":\"window-judged\",\"name\":\"w\"}\n")))
                .hasMessageStartingWith("line 1: a window-judged without its window");
        assertThatThrownBy(() -> EventLog.read(new StringReader("\n"))).hasMessageStartingWith("no events");
    }
}
