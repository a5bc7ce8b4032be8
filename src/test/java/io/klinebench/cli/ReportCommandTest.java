package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.report.EventLog;
import io.klinebench.report.ReportModel;
import io.klinebench.sim.EventStream;
import io.klinebench.sim.SimEvent;
import io.klinebench.time.Event;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'kline-bench report' on an events file the sim would not write: exit 2 with the line and field, no stack trace. */
class ReportCommandTest {

    private static final String START = "{\"at-ns\":0,\"t\":\"0.000\",\"type\":\"sim-started\",\"profile\":\"p\","
            + "\"summary\":\"s\",\"connect\":\"c\",\"line\":\"l\"}\n";
    private static final String WINDOW =
            "{\"at-ns\":1000000000,\"t\":\"1.000\",\"type\":\"window-judged\",\"name\":\"w\","
                    + "\"bound\":\"at-least\",\"limit-nanos\":500000000,\"actual-nanos\":300000000,\"met\":false,"
                    + "\"detail\":\"d\"}\n";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int report(String lines) throws Exception {
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, lines);
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "report", events.toString());
    }

    @Test
    void aWrongValueIsExitTwoWithTheFileLineAndFieldNotAClassCastException() throws Exception {
        assertThat(report(START + WINDOW.replace("500000000", "\"500ms\""))).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("kline-bench report: " + dir.resolve("events.jsonl")
                        + ":2:86: limit-nanos: expected a whole number, found \"500ms\"" + System.lineSeparator());
        assertThat(report(START + WINDOW.replace("\"met\":false", "\"met\":\"maybe\"")))
                .isEqualTo(2);
        assertThat(err.toString()).contains(":2:", "met: expected true or false, found \"maybe\"");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anUnknownTypeIsShownAndSaidOnceOnStderr() throws Exception {
        String unknown = "{\"at-ns\":5,\"t\":\"0.000\",\"type\":\"ignition-changd\",\"frm\":0}\n";
        assertThat(report(START + unknown + unknown + WINDOW.replace("\"met\":false", "\"met\":true")))
                .isZero();
        assertThat(err.toString())
                .isEqualTo("kline-bench report: " + dir.resolve("events.jsonl") + ":2: note: event type"
                        + " 'ignition-changd' is not known to this kline-bench (a newer sim's?): shown as written,"
                        + " unchecked" + System.lineSeparator());
        assertThat(out.toString()).contains("ignition-changd            frm=0", "ALL WINDOWS MET");
    }

    /** An events file as the sim writes it ('sim --events'): its writer thread, its JSON lines. */
    private Path written(List<Event> events) throws Exception {
        Path file = dir.resolve("sim.events");
        try (EventStream stream = new EventStream(
                "test-events",
                Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                e -> EventLog.line(ReportModel.event(e, n -> null, 0)),
                true)) {
            events.forEach(stream::accept);
        }
        return file;
    }

    /** The file cut {@code bytes} before its end, as a kill in the middle of a write leaves it. */
    private static void cut(Path file, int bytes) throws Exception {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.truncate(c.size() - bytes);
        }
    }

    private int report(Path file) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "report", file.toString());
    }

    /**
     * A sim killed while it wrote a line leaves that line cut short at the end of the file. The
     * whole file was refused for it, every good line lost; the report now reads the lines before
     * it and says, in its result line and on stderr, that the last one was left out.
     */
    @Test
    void aLastLineCutShortByAKillIsLeftOutAndSaidTheLinesBeforeItAreReported() throws Exception {
        Path file = written(List.of(
                new SimEvent.SimStarted(0, "r50-r53-2005-2008", "R53", "/tmp/kline", "DS2"),
                new SimEvent.ActionPerformed(1_000_000_000, "ignition 2"),
                new SimEvent.PortGone(2_000_000_000, "/dev/ttyUSB0", "unplugged"),
                new SimEvent.ActionPerformed(3_000_000_000L, "ignition 0")));
        assertThat(Files.readAllLines(file)).hasSize(4);
        cut(file, 15);

        assertThat(report(file)).isZero();
        assertThat(out.toString())
                .contains("1.000s  ignition 2", "port-gone")
                .doesNotContain("ignition 0")
                .contains("1 action; ran 2s (no sim-stopped line: the sim was killed or still runs; line 4, the last,"
                        + " was cut short and left out)");
        assertThat(err.toString())
                .isEqualTo("kline-bench report: " + file + ":4: note: the last line was cut short (the sim killed while"
                        + " it wrote it?): left out" + System.lineSeparator());
    }

    /** Only the last line may be cut short: one with lines after it is a damaged file, refused at its place. */
    @Test
    void aLineCutShortBeforeTheLastIsStillAnErrorAtItsPlace() throws Exception {
        Path file = written(List.of(
                new SimEvent.SimStarted(0, "r50-r53-2005-2008", "R53", "/tmp/kline", "DS2"),
                new SimEvent.ActionPerformed(1_000_000_000, "ignition 2")));
        cut(file, 15);
        Files.writeString(
                file,
                "\n" + EventLog.line(ReportModel.event(new SimEvent.SimStopped(2_000_000_000), n -> null, 0)) + "\n",
                StandardOpenOption.APPEND);

        assertThat(report(file)).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString())
                .startsWith("kline-bench report: " + file + ":2:")
                .contains("cut short?");
        assertThat(out.toString()).isEmpty();
    }

    /**
     * A file cut inside a character (a kill in the middle of a write, {@code head -c}) was
     * refused whole with "Input length = 1", the JDK decoder's words, naming neither the line
     * nor the cause. Its last line is now a last line cut short: left out and said.
     */
    @Test
    void aLastLineCutInsideACharacterIsLeftOutAndSaidNotInputLengthOne() throws Exception {
        Path file = written(List.of(
                new SimEvent.SimStarted(0, "r50-r53-2005-2008", "R53", "/tmp/kline", "DS2"),
                new SimEvent.ActionPerformed(1_000_000_000, "ignition 2"),
                new SimEvent.PortGone(
                        2_000_000_000, "/dev/ttyUSB0", "unplugged (Kabel gezogen, Stecker lose: \u00fc)")));
        byte[] bytes = Files.readAllBytes(file);
        int u = new String(bytes, StandardCharsets.ISO_8859_1).lastIndexOf('\u00c3'); // the first byte of the u-umlaut
        Files.write(file, java.util.Arrays.copyOf(bytes, u + 1));

        assertThat(report(file)).isZero();
        assertThat(out.toString())
                .contains("1.000s  ignition 2")
                .doesNotContain("port-gone")
                .contains("line 3, the last, was cut short and left out");
        assertThat(err.toString())
                .isEqualTo("kline-bench report: " + file + ":3: note: the last line was cut short (the sim killed while"
                        + " it wrote it?): left out" + System.lineSeparator());
    }

    /** A line that is not UTF-8 before the last is a damaged file: refused at its line and column, with the byte. */
    @Test
    void aLineThatIsNotUtf8BeforeTheLastIsRefusedAtItsPlaceWithTheByte() throws Exception {
        Path file = dir.resolve("events.jsonl");
        byte[] start = START.getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"at-ns\":5,\"t\":\"0.000\",\"type\":\"action-performed\",\"action\":\"caf\u00e9\"}\n"
                .getBytes(StandardCharsets.ISO_8859_1); // Latin-1: 0xE9 alone
        Files.write(file, start);
        Files.write(file, bad, StandardOpenOption.APPEND);
        Files.writeString(file, WINDOW, StandardOpenOption.APPEND);

        assertThat(report(file)).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString())
                .isEqualTo("kline-bench report: " + file + ":2:63: not UTF-8 text: byte 0xE9 (byte "
                        + (start.length + 63) + " of the file) begins a UTF-8 character the next bytes do not finish"
                        + " (a character cut short?)" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    /** A last line that ends inside a character but is no event begun is refused, not left out. */
    @Test
    void aLastLineThatIsNoEventAndEndsInsideACharacterIsRefused() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, START + WINDOW);
        Files.write(file, new byte[] {'x', (byte) 0xE2, (byte) 0x82}, StandardOpenOption.APPEND);

        assertThat(report(file)).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString())
                .isEqualTo("kline-bench report: " + file + ":3:2: not UTF-8 text: the file ends inside a character:"
                        + " its last bytes 0xE2 0x82 (byte " + (Files.size(file) - 1) + " of the file on) begin one and"
                        + " nothing follows (the file cut short?)" + System.lineSeparator());
    }
}
