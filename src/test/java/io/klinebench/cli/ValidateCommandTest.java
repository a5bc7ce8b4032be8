package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.bench.Bench;
import io.klinebench.bench.CarSetup;
import io.klinebench.kline.LinkEvent;
import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.Uncertainty;
import io.klinebench.trace.Trace;
import io.klinebench.trace.TraceFile;
import io.klinebench.trace.TraceFormat;
import io.klinebench.trace.TraceHeader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
        TraceHeader header = new TraceHeader(
                Optional.of("r56-2007-2013"),
                Optional.of("kwp2000"),
                Optional.of(Uncertainty.NONE),
                Optional.empty(),
                Optional.of("the bench's in-memory line"));
        try (TraceFile.Writer w = TraceFile.Writer.create(file, header)) {
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
        // answers the module was told to break, marked as the sim marks them
        for (LinkEvent.FaultInjected f : b.events(LinkEvent.FaultInjected.class)) {
            Files.writeString(
                    file,
                    TraceFormat.injected(new Trace.Injected(f.at(), f.until(), f.fault() + " " + f.trigger()))
                            + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.APPEND);
        }
        return file;
    }

    @Test
    void aViolationInAnAnswerTheModuleWasToldToBreakIsNamedAsInjected() throws Exception {
        Path trace = benchTrace("ignition 1", "tester fast-init", "fault late 30ms at 21 01", "tester send 21 01");
        assertThat(Files.readAllLines(trace)).last().asString().startsWith("# injected: ");

        assertThat(run("validate", trace.toString())).isEqualTo(1);

        assertThat(out.toString().lines().toList())
                .anySatisfy(l -> assertThat(l)
                        .startsWith("P2 too long (ECU): 60ms > max 50ms")
                        .endsWith("(injected: late 30ms at 21 01)"));
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
    void anHtmlPageShowsTheBytesAndEachViolationAsAMissedWindow() throws Exception {
        Path trace = benchTrace("tester inter-byte 25ms", "tester fast-init");
        Path html = dir.resolve("trace.html");

        assertThat(run("validate", trace.toString(), "--profile", "r56-2007-2013", "--html", html.toString()))
                .isEqualTo(1);

        String page = Files.readString(html);
        assertThat(page)
                .contains("data-lane=\"bytes-tester\"", "data-lane=\"kline-tester\"", "data-lane=\"windows\"")
                .contains("class=\"item window missed span\"", "kline.P4 MISSED by 5ms")
                .contains("FAILED: ");
    }

    @Test
    void anHtmlPageThatCannotBeWrittenIsSaidBeforeTheTraceIsRead() throws Exception {
        Path missing = dir.resolve("missing-dir").resolve("x.html");
        assertThat(run("validate", dir.resolve("none.trace").toString(), "--html", missing.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--html " + missing + ": no such directory");
        assertThat(out.toString()).isEmpty();
    }

    /**
     * A trace {@code sim --virtual --can slcan} wrote (the built-in tester on the pty asked 21 01
     * and 1A 80; the opening came twice): its CAN frames are read back from the slcan lines and
     * their ISO-TP timers judged. The same trace with the CAS's consecutive frames 1.5 s late (the
     * one file edit) fails N_Cr by the amount added.
     */
    @Test
    void anSlcanTraceIsJudgedByItsIsoTpTimers() {
        assertThat(run("validate", "src/test/resources/traces/dcan-slcan-passes.trace"))
                .as(err.toString())
                .isZero();
        assertThat(out.toString())
                .isEqualTo("PASSED: no timing violations in 180 entries (r56-2007-2013-dcan, D-CAN timing, "
                        + "stamps +-25ms (a pty, stated))\n");

        out.getBuffer().setLength(0);
        assertThat(run("validate", "src/test/resources/traces/dcan-slcan-late-cf.trace"))
                .isEqualTo(1);
        assertThat(out.toString().lines().toList())
                .containsExactly(
                        "N_Cr too long (ECU): 1.514s > max 1s, 513.9ms over, entry #5 at 5.483s: "
                                + "6F1 [40 30 00 00 00 00 00 00] | 640 [F1 21 29 01 05 01 00 01]",
                        "FAILED: 1 timing violation in 180 entries (r56-2007-2013-dcan, D-CAN timing, "
                                + "stamps +-25ms (a pty, stated))");
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
                .startsWith("kline-bench validate: " + trace + ":3:19: expected '<ns> <tester|ecu> <hex byte> <frame>'")
                .doesNotContain("Exception", "\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void negativeOrOutOfOrderTimesAreBadInputNamingFileAndLine() throws IOException {
        Path negative = Files.writeString(dir.resolve("neg.trace"), "-1000 tester C1 1\n0 tester 33 1\n");
        assertThat(run("validate", negative.toString(), "--profile", "r56-2007-2013"))
                .isEqualTo(2);
        assertThat(err.toString()).contains(negative + ":1:1: the time -1000 is negative");

        Path shuffled = Files.writeString(dir.resolve("shuffled.trace"), "5000000 tester C1 1\n0 tester 33 1\n");
        assertThat(run("validate", shuffled.toString(), "--profile", "r56-2007-2013"))
                .isEqualTo(2);
        assertThat(err.toString()).contains(shuffled + ":2:1: out of time order: 0 ns is before 5000000 ns on line 1");
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
    void anUnknownProfileTheTraceNamesIsSaidAtTheLineThatNamesIt() throws IOException {
        Path trace = Files.writeString(
                dir.resolve("r99.trace"),
                TraceFormat.HEADER + "\n# profile: r99\n# protocol: kwp2000\n0 tester C1 1\n");

        assertThat(run("validate", trace.toString())).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("kline-bench validate: " + trace + ":2:12: profile 'r99': no such profile;");

        err.getBuffer().setLength(0);
        assertThat(run("validate", trace.toString(), "--profile", "r50-r53-2005-2008"))
                .isEqualTo(2);
        assertThat(err.toString())
                .as("a protocol the profile does not speak: at the line that says it")
                .startsWith("kline-bench validate: " + trace + ":3:13: the trace is kwp2000, profile"
                        + " r50-r53-2005-2008 speaks ds2");
    }

    @Test
    void helpShowsTheFormatAndExitStatus() {
        assertThat(run("validate", "--help")).isZero();
        assertThat(out.toString()).contains("<ns> <tester|ecu> <hex byte> <frame number>", "SLOW", "Exit status");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("validate", "ports");
    }

    @Test
    void anEmptyTraceIsBadInputNotAPass() throws IOException {
        Path trace = Files.writeString(dir.resolve("empty.trace"), TraceFormat.HEADER + "\n# profile: r56-2007-2013\n");

        assertThat(run("validate", trace.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("empty.trace: no entries: an empty trace proves nothing");
        assertThat(out.toString()).doesNotContain("PASSED");
    }

    @Test
    void theTraceOfASimThatStoppedAtStartSaysWhyItIsEmpty() throws IOException {
        Path trace = dir.resolve("refused.trace");
        assertThat(run(
                        "sim",
                        "--profile",
                        "r50-r53-2005-2008",
                        "--port",
                        "/dev/ttyKBNONE0",
                        "--trace",
                        trace.toString()))
                .isEqualTo(2);
        assertThat(Files.readAllLines(trace))
                .last()
                .asString()
                .startsWith("# stopped-at-start: no port /dev/ttyKBNONE0");

        assertThat(run("validate", trace.toString())).isEqualTo(2);

        assertThat(err.toString())
                .contains("refused.trace: no entries: an empty trace proves nothing (the run that wrote it stopped at"
                        + " start: no port /dev/ttyKBNONE0");
        assertThat(out.toString()).doesNotContain("PASSED");
    }

    @Test
    void theTraceOfAListenWhosePortNeverOpenedSaysWhyItIsEmpty() throws IOException {
        Path trace = dir.resolve("unheard.trace");
        assertThat(run(
                        "listen",
                        "--profile",
                        "r50-r53-2005-2008",
                        "--port",
                        "/dev/ttyKBNONE0",
                        "--trace",
                        trace.toString()))
                .isEqualTo(2);
        assertThat(Files.readAllLines(trace)).last().asString().startsWith("# stopped-at-start: ");

        assertThat(run("validate", trace.toString())).isEqualTo(2);

        assertThat(err.toString())
                .contains("unheard.trace: no entries: an empty trace proves nothing (the run that wrote it stopped at"
                        + " start: ")
                .contains("/dev/ttyKBNONE0");
    }

    @Test
    void aTraceThatDoesNotSayItsProfileNeedsOneAndIsNeverJudgedByAnotherProtocolsRules() throws IOException {
        // a DS2 ident exchange, no header: it used to be judged by KWP2000 rules, with invented violations
        Path trace = Files.writeString(
                dir.resolve("ds2.trace"),
                "0 tester 00 1\n1000000 tester 04 1\n2000000 tester 00 1\n3000000 tester 04 1\n");

        assertThat(run("validate", trace.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("ds2.trace: the trace does not say which profile it was recorded with");

        Path named = Files.writeString(
                dir.resolve("named.trace"),
                TraceFormat.HEADER + "\n# profile: r50-r53-2005-2008\n# protocol: ds2\n"
                        + "0 tester 00 1\n1000000 tester 04 1\n2000000 tester 00 1\n3000000 tester 04 1\n");
        assertThat(run("validate", named.toString())).isZero();
        assertThat(out.toString()).contains("in 4 entries (r50-r53-2005-2008, DS2 timing)");
    }

    @Test
    void aProfileThatSpeaksAnotherProtocolThanTheTraceIsBadInput() throws IOException {
        Path trace =
                Files.writeString(dir.resolve("ds2.trace"), TraceFormat.HEADER + "\n# protocol: ds2\n0 tester 00 1\n");

        assertThat(run("validate", trace.toString(), "--profile", "r56-2007-2013"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("the trace is ds2, profile r56-2007-2013 speaks kwp2000");
    }

    @Test
    void aRuleBrokenWithinTheStampsUncertaintyIsNotDecidableAndBeyondItFails() throws Exception {
        // P4 25 ms inside a request: 5 ms over P4max 20 ms; the sim's trace says its stamps may be off 10 ms
        String session = "0 tester LOW 25000000\n"
                + "50000000 tester C1 1\n55000000 tester 33 1\n60000000 tester F1 1\n65000000 tester 81 1\n"
                + "70000000 tester 66 1\n100000000 ecu 83 2\n101000000 ecu F1 2\n102000000 ecu 33 2\n"
                + "103000000 ecu C1 2\n104000000 ecu EF 2\n105000000 ecu 8F 2\n106000000 ecu E6 2\n"
                + "300000000 tester 82 3\n305000000 tester 40 3\n%d tester F1 3\n%<d tester 21 3\n";
        String ending = "%d tester 01 3\n%d tester D5 3\n";
        String header = TraceFormat.HEADER + "\n# profile: r56-2007-2013\n# uncertainty: 10000000 ns (a pty, stated)\n";
        Path within = Files.writeString(
                dir.resolve("within.trace"),
                header + session.formatted(330_000_000L) + ending.formatted(335_000_000L, 340_000_000L));

        assertThat(run("validate", within.toString())).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains("not decidable within the stamps' uncertainty: P4 too long (TESTER): 25ms > max 20ms")
                .contains("stamps +-10ms (a pty, stated); 2 not decidable)")
                .contains("PASSED");

        out.getBuffer().setLength(0);
        assertThat(run("validate", within.toString(), "--uncertainty", "0s")).isEqualTo(1);
        assertThat(out.toString())
                .contains("P4 too long (TESTER): 25ms > max 20ms")
                .contains("FAILED");
    }

    /**
     * A request whose fourth byte came 120 ms after the third on a pty (25 ms stated): beyond
     * P4max 20 ms by more than the stamps may be off, so it fails; but the sim saw its machine
     * stop CPU 1 for 100 ms in that gap ({@code # cpu-stop:}, written when seen, after the bytes),
     * and then the gap is judged with that much more uncertainty, as the sim's link took it: not
     * decidable, naming the stop.
     */
    @Test
    void aGapTheMachinesStopHeldIsNotDecidableAndSaysTheStop() throws Exception {
        String trace = TraceFormat.HEADER + "\n# profile: r56-2007-2013\n# uncertainty: 25000000 ns (a pty, stated)\n"
                + "0 tester LOW 25000000\n"
                + "50000000 tester C1 1\n55000000 tester 33 1\n60000000 tester F1 1\n65000000 tester 81 1\n"
                + "70000000 tester 66 1\n100000000 ecu 83 2\n101000000 ecu F1 2\n102000000 ecu 33 2\n"
                + "103000000 ecu C1 2\n104000000 ecu EF 2\n105000000 ecu 8F 2\n106000000 ecu E6 2\n"
                + "300000000 tester 82 3\n305000000 tester 40 3\n310000000 tester F1 3\n430000000 tester 21 3\n"
                + "435000000 tester 01 3\n440000000 tester D5 3\n"
                + "474000000 ecu 82 4\n475000000 ecu F1 4\n476000000 ecu 40 4\n477000000 ecu 61 4\n"
                + "478000000 ecu 01 4\n479000000 ecu 35 4\n";
        Path alone = Files.writeString(dir.resolve("alone.trace"), trace);
        Path stopped = Files.writeString(
                dir.resolve("stopped.trace"),
                trace + "# cpu-stop: 1 315000000 415000000 (CPU 1 ran nothing of ours for 100ms)\n");

        assertThat(run("validate", alone.toString())).as(out.toString()).isEqualTo(1);
        assertThat(out.toString())
                .contains("P4 too long (TESTER): 120ms > max 20ms")
                .contains("FAILED");

        out.getBuffer().setLength(0);
        assertThat(run("validate", stopped.toString())).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains("the machine stopped 1 time(s) while the trace was written")
                .contains("not decidable within the stamps' uncertainty and the machine's stops (CPU 1 ran nothing"
                        + " of ours for 100ms): P4 too long (TESTER): 120ms > max 20ms")
                .contains("PASSED");

        // the same gap held by the kernel's pty delivery (a probe pty of the sim's carried nothing)
        Path stalled = Files.writeString(
                dir.resolve("stalled.trace"),
                trace + "# cpu-stop: pty 312000000 410000000 (the kernel delivered no pty byte for 98ms)\n");
        out.getBuffer().setLength(0);
        assertThat(run("validate", stalled.toString())).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains("not decidable within the stamps' uncertainty and the machine's stops (the kernel delivered"
                        + " no pty byte for 98ms): P4 too long (TESTER): 120ms > max 20ms")
                .contains("PASSED");
    }

    @Test
    void aMalformedInjectedLineIsABadInputNamingItsPlace() throws Exception {
        Path bad = Files.writeString(
                dir.resolve("bad.trace"),
                TraceFormat.HEADER + "\n# profile: r56-2007-2013\n0 tester LOW 25000000\n# injected: 0 abc late 5ms\n");

        assertThat(run("validate", bad.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains("bad.trace:4:15: not an injected answer: expected '# injected: FROM-NS UNTIL-NS FAULT'");
        assertThat(out.toString()).isEmpty();
    }

    /** The stamps' uncertainty a header says but cannot be read: refused, never taken as 0 (which failed this trace). */
    @Test
    void anUnreadableUncertaintyInTheHeaderIsBadInputNotExact() throws Exception {
        String within = Files.readString(Path.of("src/test/resources/traces/kwp-pty-within.trace"));
        assertThat(within).contains("# uncertainty: 10000000 ns (a pty, stated)\n");
        for (String value : new String[] {"25ms", "banana", "-25000000 ns", "250000000000000000000 ns"}) {
            Path trace =
                    Files.writeString(dir.resolve("u.trace"), within.replace("10000000 ns (a pty, stated)", value));
            err.getBuffer().setLength(0);

            assertThat(run("validate", trace.toString())).as(value).isEqualTo(2);

            assertThat(err.toString())
                    .as(value)
                    .startsWith("kline-bench validate: " + trace + ":3:16: expected the header's uncertainty")
                    .contains("found '" + value + "'")
                    .doesNotContain("Exception", "\tat ");
            assertThat(out.toString()).isEmpty();
        }
    }

    @Test
    void anUncertaintyGivenOfMoreThanAMinuteIsBadInput() {
        assertThat(run("validate", "src/test/resources/traces/kwp-passes.trace", "--uncertainty", "106000d"))
                .isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("kline-bench validate: --uncertainty: '106000d' is more than 1min, the most taken: stamps"
                        + " further off would leave every limit undecided");
    }

    /** What sim and listen would write in a trace's header, validate must be able to read. */
    @Test
    void simAndListenTakeNoUncertaintyAValidateWouldRefuse() {
        for (String command : new String[] {"sim", "listen"}) {
            err.getBuffer().setLength(0);
            assertThat(run(command, "--profile", "r56-2007-2013", "--port", "/dev/ttyKBNONE0", "--uncertainty", "2min"))
                    .as(command)
                    .isEqualTo(2);
            assertThat(err.toString()).as(command).contains("--uncertainty: '2min' is more than 1min, the most taken");
        }
    }

    @Test
    void aMalformedCpuStopLineIsABadInputNamingItsPlace() throws Exception {
        Path bad = Files.writeString(
                dir.resolve("bad.trace"),
                TraceFormat.HEADER + "\n# profile: r56-2007-2013\n0 tester LOW 25000000\n# cpu-stop: 1 20 10\n");

        assertThat(run("validate", bad.toString())).isEqualTo(2);
        assertThat(err.toString())
                .as("TO, before FROM")
                .contains("bad.trace:4:18")
                .contains(
                        "not a CPU stop: expected '# cpu-stop: CPU FROM-NS TO-NS' (CPU a number, or pty; times from the"
                                + " trace's start, FROM not after TO), got"
                                + " '# cpu-stop: 1 20 10'");
    }

    /** A trace with a byte that is not UTF-8 said "not a text file (not UTF-8)": now where, and which byte. */
    @Test
    void aTraceThatIsNotUtf8IsRefusedAtTheLineAndColumnOfTheByte() throws Exception {
        Path trace = dir.resolve("cut.trace");
        Files.write(trace, new byte[] {
            '1', ' ', 't', 'e', 's', 't', 'e', 'r', ' ', 'C', '1', ' ', '0', '\n', '#', ' ', (byte) 0xC3
        });

        assertThat(run("validate", trace.toString(), "--profile", "r50-r53-2005-2008"))
                .isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("kline-bench validate: " + trace + ":2:3: not UTF-8 text: the file ends inside a character:"
                        + " its last byte 0xC3 (byte 17 of the file) begins one and nothing follows (the file cut"
                        + " short?)" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }
}
