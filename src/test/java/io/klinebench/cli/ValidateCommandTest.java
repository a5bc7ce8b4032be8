package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.bench.Bench;
import io.klinebench.bench.CarSetup;
import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import io.klinebench.trace.TraceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kline-bench validate TRACE}: the trace file judged by a profile's timing. */
class ValidateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** The bench's own tester talking to the R56 over its simulated K-line, written as a trace file. */
    private Path benchTrace(String... testerActions) throws Exception {
        Bench b = Bench.of("r56-2007-2013", CarSetup.of());
        for (String a : testerActions) {
            b.perform(a).advance("1s");
        }
        Path file = dir.resolve("bench.trace");
        try (TraceFile.Writer w = TraceFile.Writer.create(file)) {
            long frame = 0;
            Direction last = null;
            for (TraceEntry e : b.trace()) {
                if (e.kind() != TraceEntry.Kind.BYTE || e.from() != last) {
                    w.endFrame();
                    frame++;
                }
                last = e.kind() == TraceEntry.Kind.BYTE ? e.from() : null;
                w.append(e, frame);
            }
        }
        return file;
    }

    @Test
    void aTraceWithinTheTimingPasses() throws Exception {
        Path trace = benchTrace("tester fast-init", "tester send 21 01");
        assertThat(Files.readAllLines(trace)).anySatisfy(l -> assertThat(l).contains("tester LOW"));

        assertThat(run("validate", trace.toString())).isZero();

        assertThat(out.toString().lines())
                .last()
                .asString()
                .matches("PASSED: no timing violations in \\d+ entries \\(r56-2007-2013, KWP2000 timing\\)");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void violationsArePrintedEachWithASummaryAndExitOne() throws Exception {
        Path trace = benchTrace("tester inter-byte 25ms", "tester fast-init");

        assertThat(run("validate", trace.toString(), "--profile", "r56-2007-2013"))
                .isEqualTo(1);

        assertThat(out.toString().lines().toList())
                .anySatisfy(l -> assertThat(l).startsWith("P4 too long (TESTER): 25ms > max 20ms"))
                .last()
                .asString()
                .matches("FAILED: \\d+ timing violations? in \\d+ entries \\(r56-2007-2013, KWP2000 timing\\)");
    }

    @Test
    void aDs2ProfileJudgesByDs2Timing() throws IOException {
        Path trace = Files.writeString(
                dir.resolve("ds2.trace"),
                "# DS2 ident\n0 tester 00 1\n1000000 tester 04 1\n" + "2000000 tester 00 1\n3000000 tester 04 1\n");

        assertThat(run("validate", trace.toString(), "--profile", "r50-r53-2005-2008"))
                .isZero();

        assertThat(out.toString()).contains("in 4 entries (r50-r53-2005-2008, DS2 timing)");
    }

    @Test
    void aMalformedLineIsBadInputNamingFileAndLine() throws IOException {
        Path trace = Files.writeString(dir.resolve("bad.trace"), "# header\n0 tester C1 1\n5000000 tester 33\n");

        assertThat(run("validate", trace.toString())).isEqualTo(2);

        assertThat(err.toString())
                .startsWith("kline-bench validate: " + trace + ":3:1: expected '<ns> <tester|ecu> <hex byte> <frame>'")
                .doesNotContain("Exception", "\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingFileOrUnknownProfileIsBadInput() throws IOException {
        assertThat(run("validate", dir.resolve("none.trace").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("none.trace: no such file");

        Path trace = Files.writeString(dir.resolve("ok.trace"), "0 tester C1 1\n");
        assertThat(run("validate", trace.toString(), "--profile", "r99")).isEqualTo(2);
        assertThat(err.toString()).contains("profile 'r99': no such profile; known profiles:");
    }

    @Test
    void helpShowsTheFormatAndExitStatus() {
        assertThat(run("validate", "--help")).isZero();
        assertThat(out.toString()).contains("<ns> <tester|ecu> <hex byte> <frame number>", "SLOW", "Exit status");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("validate", "ports");
    }
}
