package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
