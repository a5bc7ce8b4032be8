package io.klinebench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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

    static final String START = "{\"at-ns\":0,\"t\":\"0.000\",\"type\":\"sim-started\",\"profile\":\"p\","
            + "\"summary\":\"s\",\"connect\":\"c\",\"line\":\"l\"}\n";

    private static String jsonLines(BenchResult r) {
        StringBuilder sb = new StringBuilder(START);
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
        EventLog log = EventLog.read("events.jsonl", new StringReader(jsonLines(r)));

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
        EventLog log = EventLog.read("events.jsonl", new StringReader(file));
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

        EventLog cut = EventLog.read(
                "events.jsonl", new StringReader(file.lines().limit(3).reduce("", (a, b) -> a + b + "\n")));
        assertThat(cut.render("x")).contains("ran 1s (no sim-stopped line: the sim was killed or still runs)");
    }

    private static String error(String lines) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(
                        io.klinebench.config.ConfigException.class,
                        () -> EventLog.read("events.jsonl", new StringReader(lines)))
                .getMessage();
    }

    @Test
    void aLineThatIsNoEventIsNamed() {
        assertThat(error(START + "not json\n"))
                .startsWith("events.jsonl:2:1: not valid JSON: 'not' is not a JSON value");
        assertThat(error(START + "[1, 2]\n")).startsWith("events.jsonl:2:1: an event is a JSON object");
        assertThat(error(START + "{\"t\":\"0.000\"}\n"))
                .isEqualTo("events.jsonl:2:1: an event needs 'at-ns' (a whole number); this line has t");
        assertThat(error(START + "{\"at-ns\":0,\"t\":\"0.000\",\"type\":\"window-judged\",\"name\":\"w\"}\n"))
                .startsWith("events.jsonl:2:1: an event of type window-judged needs its field 'bound' (one of: at-most,"
                        + " at-least)");
        // a text an older sim did not write yet ('injected') may be missing; a number may not
        String violation = "{\"at-ns\":1,\"t\":\"0.000\",\"type\":\"timing-violation\",\"parameter\":\"P4\",\"by\":"
                + "\"tester\",\"measured-nanos\":23456789,\"limit-nanos\":20000000,\"bound\":\"above-max\",\"context\":\"C1\"}\n";
        assertThat(catchThrowable(() -> EventLog.read("events.jsonl", new StringReader(START + violation))))
                .isNull();
        assertThat(error(START + violation.replace("\"measured-nanos\":23456789,", "")))
                .isEqualTo("events.jsonl:2:1: an event of type timing-violation needs its field 'measured-nanos' (a"
                        + " whole number)");
        assertThat(error("\n")).isEqualTo("events.jsonl:1:1: no events (an events file has at least the sim's start)");
    }

    /** The end of the file decides: a whole last line without a line break is read; a cut one is left out and said. */
    @Test
    void aLastLineIsLeftOutOnlyWhenItIsCutShort() throws Exception {
        String action = "{\"at-ns\":1,\"t\":\"0.000\",\"type\":\"action-performed\",\"action\":\"ignition 2\"}";
        EventLog whole = EventLog.read("events.jsonl", new StringReader(START + action));
        assertThat(whole.events()).hasSize(2);
        assertThat(whole.cutLine()).isZero();

        EventLog cut = EventLog.read("events.jsonl", new StringReader(START + "\n" + action.substring(0, 30)));
        assertThat(cut.events()).hasSize(1);
        assertThat(cut.cutLine()).isEqualTo(3);

        assertThat(error(START.strip().substring(0, 30)))
                .isEqualTo("events.jsonl:1:1: no events: the only one, the sim's start, was cut short (the sim killed"
                        + " while it wrote it?)");
        assertThat(error(START + action.substring(0, 30) + "\n"))
                .as("with its line break it is no write a kill cut")
                .startsWith("events.jsonl:2:31: not valid JSON: the text ends");
    }

    /** Each value the sim would never write is named with its line and field, never counted as something else. */
    @Test
    void aValueTheSimWouldNeverWriteIsNamedAtItsLineAndField() throws Exception {
        String window =
                "{\"at-ns\":2000000000,\"t\":\"2.000\",\"type\":\"window-judged\",\"name\":\"cycles.min-run-time\","
                        + "\"bound\":\"at-least\",\"limit-nanos\":500000000,\"actual-nanos\":300000000,\"met\":false,"
                        + "\"detail\":\"x\"}\n";
        assertThat(EventLog.read("events.jsonl", new StringReader(START + window)))
                .isNotNull(); // as written, it reads
        assertThat(error(START + window.replace("\"met\":false", "\"met\":\"maybe\"")))
                .isEqualTo("events.jsonl:2:153: met: expected true or false, found \"maybe\"");
        assertThat(error(START + window.replace("\"limit-nanos\":500000000", "\"limit-nanos\":\"500ms\"")))
                .isEqualTo("events.jsonl:2:104: limit-nanos: expected a whole number, found \"500ms\"");
        String ignition = "{\"at-ns\":5,\"t\":\"0.000\",\"type\":\"ignition-changed\",\"from\":0,\"to\":2}\n";
        assertThat(EventLog.read("events.jsonl", new StringReader(START + ignition))
                        .unknownTypes())
                .isEmpty();
        assertThat(error(START + ignition.replace("\"from\"", "\"frm\"")))
                .isEqualTo("events.jsonl:2:50: unknown field 'frm' in an event of type ignition-changed; its fields"
                        + " are: from, to");
        assertThat(error(START + ignition.replace("\"from\":0", "\"from\":\"zero\"")))
                .isEqualTo("events.jsonl:2:50: from: expected a whole number, found \"zero\"");
        assertThat(error(START + ignition.replace("\"at-ns\":5", "\"at-ns\":-5")))
                .isEqualTo("events.jsonl:2:2: at-ns: expected a whole number from 0 (nanoseconds since the sim"
                        + " started), found -5");
        assertThat(error(START + ignition.replace("\"to\":2", "\"to\":2,\"to\":3")))
                .isEqualTo("events.jsonl:2:66: to: given twice in one event");
        assertThat(error(ignition))
                .isEqualTo("events.jsonl:1:1: the first event is 'ignition-changed', not sim-started: the sim writes"
                        + " its start first (is this the file of 'sim --events'?)");
    }

    /** A type this build does not know may be a newer sim's: shown, unchecked, and said (by the command) once. */
    @Test
    void anUnknownTypeIsShownAndNamedOnceNotRefused() throws Exception {
        String lines = START + "{\"at-ns\":5,\"t\":\"0.000\",\"type\":\"ignition-changd\",\"frm\":0}\n"
                + "{\"at-ns\":6,\"t\":\"0.000\",\"type\":\"ignition-changd\",\"frm\":1}\n";
        EventLog log = EventLog.read("events.jsonl", new StringReader(lines));
        assertThat(log.unknownTypes()).containsExactly(java.util.Map.entry("ignition-changd", 2));
        assertThat(log.render("events.jsonl")).contains("ignition-changd            frm=0");
    }

    /** The sim's own lines and a replay's, as the sim writes them, read back as they are. */
    @Test
    void everyLineTheSimWritesOfItsOwnReadsBack() throws Exception {
        io.klinebench.line.Bytes request = io.klinebench.line.Bytes.of(new byte[] {0x21, 0x01});
        List<Event> own = List.of(
                new io.klinebench.sim.SimEvent.SimStarted(0, "r50-r53-2005-2008", "R53", "/tmp/kline", "DS2"),
                new io.klinebench.sim.SimEvent.ActionPerformed(1, "ignition 2"),
                new io.klinebench.sim.SimEvent.PortGone(2, "/dev/ttyUSB0", "unplugged"),
                new io.klinebench.sim.SimEvent.PortBack(3, "/dev/ttyUSB0", 1_000_000, 4),
                new io.klinebench.sim.SimEvent.CpuStopped(4, 1, 3, 99_800_000),
                new io.klinebench.sim.SimEvent.PtyStalled(5, 4, 98_800_000),
                new io.klinebench.sim.SimEvent.EventsDropped(6, 12),
                new io.klinebench.replay.ReplayEvent.ReplayAnswered(7, request, "21 01", 1, 2, "r53-bc1.sim:12", ""),
                new io.klinebench.replay.ReplayEvent.ReplayRefused(8, request, request, "no answer recorded"),
                new io.klinebench.replay.ReplayEvent.ReplayIgnored(9, request, "silent"),
                new io.klinebench.sim.SimEvent.SimStopped(10));
        StringBuilder lines = new StringBuilder();
        for (Event e : own) {
            lines.append(EventLog.line(ReportModel.event(e, s -> null, 0))).append('\n');
        }
        EventLog log = EventLog.read("events.jsonl", new StringReader(lines.toString()));
        assertThat(log.events()).hasSize(own.size());
        assertThat(log.unknownTypes()).isEmpty();
        assertThat(log.stopped()).isTrue();
    }
}
