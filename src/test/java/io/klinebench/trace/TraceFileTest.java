package io.klinebench.trace;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.config.ConfigException;
import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Trace files: the sim writes them as the line runs, validate reads them. */
class TraceFileTest {

    @TempDir
    Path dir;

    private static final List<TraceEntry> ENTRIES = List.of(
            new TraceEntry(1_000, Direction.TESTER, TraceEntry.Kind.LOW, -1, 25_000_000),
            TraceEntry.ofByte(50_001_000, Direction.TESTER, 0xC1),
            TraceEntry.ofByte(55_001_000, Direction.TESTER, 0x33),
            TraceEntry.ofByte(85_001_000, Direction.ECU, 0x83),
            new TraceEntry(3_000_000_000L, Direction.TESTER, TraceEntry.Kind.SLOW, 0x33, 2_000_000_000L));

    private static List<TraceEntry> parse(String text) throws ConfigException, IOException {
        return TraceFile.read("t.trace", new StringReader(text));
    }

    @Test
    void everyFieldOfTheHeaderIsReadBackAsWritten() throws IOException, ConfigException {
        TraceHeader header = new TraceHeader(
                java.util.Optional.of("r50-r53-2005-2008"),
                java.util.Optional.of("ds2"),
                java.util.Optional.of(new io.klinebench.time.Uncertainty(45_000_000, "a USB cable, stated")),
                java.util.Optional.of("protocol DS2, 9600 baud 8E1"),
                java.util.Optional.of("serial port /dev/ttyUSB0"),
                java.util.Optional.of("no port /dev/ttyUSB0"));
        String text = TraceFormat.HEADER + "\n" + String.join("\n", header.lines()) + "\n";

        assertThat(TraceFile.load("t.trace", new StringReader(text)).header()).isEqualTo(header);
    }

    /**
     * A field the judge goes by that cannot be read is refused at its value: taken as nothing, an
     * unreadable uncertainty judged the trace as exact and failed what its stamps' uncertainty passes.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "# uncertainty: 25ms                      | t.trace:1:16: expected the header's uncertainty as '<whole number> ns', then if it likes '(where it comes from)', e.g. '25000000 ns (a pty, stated)', found '25ms'",
                "# uncertainty: 25 ms                     | t.trace:1:16: expected the header's uncertainty as '<whole number> ns'",
                "# uncertainty: 25000000                  | t.trace:1:16: expected the header's uncertainty as '<whole number> ns'",
                "# uncertainty: banana                    | t.trace:1:16: expected the header's uncertainty as '<whole number> ns'",
                "# uncertainty: 25000000 ns a pty         | t.trace:1:16: expected the header's uncertainty as '<whole number> ns'",
                "# uncertainty:                           | t.trace:1:15: expected the header's uncertainty as '<whole number> ns', then if it likes '(where it comes from)', e.g. '25000000 ns (a pty, stated)', found nothing",
                "# uncertainty: -25000000 ns              | t.trace:1:16: expected the header's uncertainty of 0 ns or more, found '-25000000 ns'",
                "# uncertainty: 250000000000000000000 ns  | t.trace:1:16: expected the header's uncertainty of at most 60000000000 ns (1min: stamps further off would leave every limit undecided), found '250000000000000000000 ns'",
                "# uncertainty: 9223372036854775000 ns    | t.trace:1:16: expected the header's uncertainty of at most 60000000000 ns",
                "# protocol: KWP2000                      | t.trace:1:13: expected the header's protocol as one of ds2, kwp2000, dcan, dcan-slcan, found 'KWP2000'",
                "# profile:                               | t.trace:1:11: expected the header's profile as the name of the profile it was recorded with, found nothing",
            })
    void aHeaderFieldTheJudgeGoesByIsReadOrRefusedAtItsValue(String line, String message) {
        assertThatThrownBy(() -> parse(line.strip() + "\n1 tester C1 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message.strip());
    }

    @Test
    void theHeaderSaysEachFieldOnceAndBeforeTheEntries() throws Exception {
        assertThatThrownBy(() -> parse("# uncertainty: 25000000 ns\n# uncertainty: 0 ns\n1 tester C1 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.trace:2:3: '# uncertainty:' a second time; the first is on line 1 (a header says each"
                        + " field once)");
        assertThatThrownBy(() -> parse("1 tester C1 0\n# uncertainty: 25000000 ns\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.trace:2:3: '# uncertainty:' after the first entry: the header comes before the entries"
                        + " (it says how they are judged)");

        Trace free = TraceFile.load(
                "t.trace",
                new StringReader("# line: anything, 10400 baud or not\n# transport:\n1 tester C1 0\n"
                        + "# transport: a comment now\n"));
        assertThat(free.header().line()).as("for people: any words").contains("anything, 10400 baud or not");
        assertThat(free.header().uncertainty()).isEmpty();
        assertThat(TraceFile.load("t.trace", new StringReader("# uncertainty: 60000000000 ns\n1 tester C1 0\n"))
                        .header()
                        .uncertainty())
                .as("the most taken")
                .contains(new io.klinebench.time.Uncertainty(60_000_000_000L, "the trace's"));
    }

    /**
     * Keys are lower case. One in another case was taken as a comment: {@code # Uncertainty: 25000000
     * ns} judged the trace with no uncertainty, and a {@code # Cpu-Stop:} line lost its stop. Where
     * the key in lower case would be read, it is refused at the key with the key it looks like.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'# Uncertainty: 25000000 ns'   | | t.trace:1:3  | uncertainty",
                "'#  PROFILE: r56-2007-2013'    | | t.trace:1:4  | profile",
                "'#Protocol: kwp2000'           | | t.trace:1:2  | protocol",
                "'# Transport: pty /dev/pts/4'  | | t.trace:1:3  | transport",
                "'# Cpu-Stop: 1 5 10'           | 1 tester C1 0 | t.trace:2:3  | cpu-stop",
                "'  # INJECTED: 5 5 late 15ms'  | 1 tester C1 0 | t.trace:2:5  | injected",
            })
    void aKeyInAnotherCaseIsRefusedWithTheKeyItLooksLike(String line, String before, String place, String key) {
        String text = (before == null ? "" : before + "\n") + line + "\n2 tester 33 0\n";
        String written = line.strip().substring(0, line.strip().indexOf(':') + 1);
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(ConfigException.class)
                .hasMessage(place.strip() + ": '" + written + "': the trace's keys are lower case; did you mean '# "
                        + key.strip() + ":'? (as written it would be passed over as a comment)");
    }

    @Test
    void aFieldForPeopleInAnotherCaseAfterTheEntriesIsACommentAsInLowerCase() throws Exception {
        Trace t =
                TraceFile.load("t.trace", new StringReader("1 tester C1 0\n# Transport: noisy here\n2 tester 33 0\n"));
        assertThat(t.header().transport()).isEmpty();
        assertThat(t.entries()).hasSize(2);
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBack() throws IOException, ConfigException {
        Path file = dir.resolve("run.trace");
        try (TraceFile.Writer w = TraceFile.Writer.create(file)) {
            w.append(ENTRIES.get(0), 0);
            w.append(ENTRIES.get(1), 1);
            w.append(ENTRIES.get(2), 1);
            w.endFrame();
            w.append(ENTRIES.get(3), 2);
            w.endFrame();
            w.append(ENTRIES.get(4), 3);
        }

        assertThat(Files.readAllLines(file))
                .containsExactly(
                        TraceFormat.HEADER,
                        "1000 tester LOW 25000000",
                        "50001000 tester C1 1",
                        "55001000 tester 33 1",
                        "85001000 ecu 83 2",
                        "3000000000 tester SLOW 33 2000000000");
        assertThat(TraceFile.read(file)).isEqualTo(ENTRIES);
    }

    @Test
    void aFrameReachesTheFileWhenItEndsNotBefore() throws IOException {
        Path file = dir.resolve("run.trace");
        try (TraceFile.Writer w = TraceFile.Writer.create(file)) {
            w.append(ENTRIES.get(1), 1);
            assertThat(Files.readString(file)).doesNotContain("C1");

            w.append(ENTRIES.get(2), 1);
            w.endFrame();

            assertThat(Files.readAllLines(file))
                    .containsExactly(TraceFormat.HEADER, "50001000 tester C1 1", "55001000 tester 33 1");
            w.append(ENTRIES.get(0), 2);
            assertThat(Files.readString(file)).contains("LOW");
        }
    }

    @Test
    void commentsBlankLinesCaseAndSpacingAreForgiven() throws Exception {
        assertThat(parse("# a capture\n\n  10 TESTER c1 0\n\t20  Ecu  0x83  1 \n   # indented comment\n"))
                .containsExactly(
                        TraceEntry.ofByte(10, Direction.TESTER, 0xC1), TraceEntry.ofByte(20, Direction.ECU, 0x83));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "10 tester C1              | t.trace:2:14: expected '<ns> <tester|ecu> <hex byte> <frame>', '<ns> <tester|ecu> LOW",
                "10 tester C1 1 2          | t.trace:2:16: expected 4 fields '<ns> <tester|ecu> <hex byte> <frame>', found 5",
                "ten tester C1 1           | t.trace:2:1: expected the time in nanoseconds (a whole number), found 'ten'",
                "10 dongle C1 1            | t.trace:2:4: expected 'tester' or 'ecu' as the second field, found 'dongle'",
                "10 tester 1C1 1           | t.trace:2:11: expected a byte in hex (00..FF), found '1C1'",
                "10 tester G1 1            | t.trace:2:11: expected a byte in hex (00..FF), found 'G1'",
                "10 tester C1 -1           | t.trace:2:14: expected the frame number of at least 0, found -1",
                "10 tester LOW 0           | t.trace:2:15: expected the LOW duration in nanoseconds of at least 1, found 0",
                "10 tester LOW 25ms        | t.trace:2:15: expected the LOW duration in nanoseconds (a whole number), found '25ms'",
                "10 tester SLOW 33         | t.trace:2:19: expected 5 fields '<ns> <side> SLOW <hex byte> <duration ns>', found 4",
                "'  10  ecu  0x8G  1'      | t.trace:2:12: expected a byte in hex (00..FF), found '0x8G'",
            })
    void aMalformedLineIsNamedWithWhatWasExpectedAtTheFieldsColumn(String line, String message) {
        assertThatThrownBy(() -> parse("1 tester C1 0\n" + line + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message.strip());
    }

    /** As a malformed # cpu-stop line is: passed over, the module's violations in that answer were judged its own. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "# injected: 0 abc late 5ms     | t.trace:2:15",
                "# injected: 10 5 late 5ms      | t.trace:2:16",
                "# injected: -5 10 late 5ms     | t.trace:2:13",
                "# injected: 0 10               | t.trace:2:18",
                "# injected:                    | t.trace:2:12",
            })
    void aMalformedInjectedLineIsRefusedAtItsField(String line, String place) {
        assertThatThrownBy(() -> parse("1 tester C1 0\n" + line.strip() + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(place.strip() + ": not an injected answer: expected '# injected: FROM-NS UNTIL-NS FAULT'"
                        + " (times from the trace's start, FROM not after UNTIL, FAULT the fault's words), got '"
                        + line.strip() + "'");
    }

    @Test
    void aCpuStopLineWithNothingAfterItsColonIsRefusedNotPassedOver() {
        assertThatThrownBy(() -> parse("1 tester C1 0\n# cpu-stop:\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("t.trace:2:12: not a CPU stop");
    }

    /**
     * A stop's times are the entries' (nanoseconds from the trace's start): a negative one was
     * taken, and widened gaps the trace never had. Refused at the field, as a stop that ends
     * before it starts is.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "# cpu-stop: 1 -5 10            | t.trace:2:15",
                "# cpu-stop: pty -20 -10        | t.trace:2:17",
                "# cpu-stop: 1 5 -10            | t.trace:2:17",
                "# cpu-stop: 1 20 10            | t.trace:2:18",
            })
    void aCpuStopWithANegativeTimeOrEndingBeforeItStartsIsRefusedAtItsField(String line, String place) {
        assertThatThrownBy(() -> parse("1 tester C1 0\n" + line.strip() + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(place.strip() + ": not a CPU stop: expected '# cpu-stop: CPU FROM-NS TO-NS' (CPU a number,"
                        + " or pty; times from the trace's start, FROM not after TO), got '" + line.strip() + "'");
    }

    /**
     * A stop that began before the trace's start (the watch runs before the trace opens) was
     * written with a negative FROM, which the reader refuses: it is written from the start, the
     * part of it the trace can hold; one that ended before the start, as nothing long at 0.
     */
    @Test
    void aStopBeforeTheTracesStartIsWrittenFromItsStart() throws Exception {
        Path file = dir.resolve("run.trace");
        try (TraceFile.Writer w = TraceFile.Writer.create(file)) {
            w.append(ENTRIES.get(1), 1);
            w.cpuStop(new io.klinebench.time.CpuStop(1, 900, 1_300), 1_000);
            w.cpuStop(new io.klinebench.time.CpuStop(0, 100, 200), 1_000);
        }

        assertThat(Files.readAllLines(file))
                .contains(
                        "# cpu-stop: 1 0 300 (CPU 1 ran nothing of ours for 400ns)",
                        "# cpu-stop: 0 0 0 (CPU 0 ran nothing of ours for 100ns)");
        assertThat(TraceFile.load(file).cpuStops())
                .containsExactly(new io.klinebench.time.CpuStop(1, 0, 300), new io.klinebench.time.CpuStop(0, 0, 0));
    }

    @Test
    void anInjectedLineIsReadWithItsFaultsWords() throws Exception {
        assertThat(TraceFile.load("t.trace", new StringReader("1 tester C1 0\n# injected: 5 5 late 15ms at 21 01\n"))
                        .injected())
                .containsExactly(new Trace.Injected(5, 5, "late 15ms at 21 01"));
    }

    @Test
    void aNegativeTimeIsRefusedWithItsLine() {
        assertThatThrownBy(() -> parse("1 tester C1 0\n-5 tester 33 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.trace:2:1: the time -5 is negative; a time is nanoseconds since the trace's start");
    }

    @Test
    void anEntryBeforeTheOneAboveItIsRefusedNotReordered() {
        assertThatThrownBy(() -> parse("# a trace\n1000 tester C1 0\n\n500 tester 33 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.trace:4:1: out of time order: 500 ns is before 1000 ns on line 2"
                        + " (a trace lists its entries in the order they happened)");
    }

    @Test
    void equalTimesAndStepsBackWithinTheStatedUncertaintyAreInOrder() throws Exception {
        // The sim stamps a received byte when it arrives and its own when it writes it: on a busy
        // loop a tester's byte may be written down after an ECU byte stamped a little later,
        // never by more than the stamps may be off, which the header says.
        assertThat(parse("# uncertainty: 25000000 ns (a pty, stated)\n"
                        + "1000 tester C1 1\n1000 tester 33 1\n20001000 ecu 83 2\n10000000 tester 01 3\n"))
                .hasSize(4);
        assertThatThrownBy(() -> parse(
                        "# uncertainty: 25000000 ns (a pty, stated)\n" + "30000000 ecu 83 2\n4999999 tester 01 3\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("t.trace:3:1: out of time order: 4999999 ns is before 30000000 ns on line 2")
                .hasMessageContaining("more than the stamps' uncertainty of 25000000 ns");
    }

    /** As a Windows editor saves it: a byte order mark before the header, which is no part of it. */
    @Test
    void aByteOrderMarkIsNoPartOfTheFirstLine() throws Exception {
        Path file = dir.resolve("bom.trace");
        Files.write(
                file, ("\uFEFF" + TraceFormat.HEADER + "\n# profile: r56-2007-2013\n1 tester C1 0\n").getBytes(UTF_8));
        Trace read = TraceFile.load(file);
        assertThat(read.entries()).hasSize(1);
        assertThat(read.header().profile()).contains("r56-2007-2013");

        assertThatThrownBy(() -> parse("\uFEFF1 tester G1 0\n"))
                .isInstanceOf(ConfigException.class)
                .as("a column as an editor counts it, the mark not seen")
                .hasMessage("t.trace:1:10: expected a byte in hex (00..FF), found 'G1'");
    }

    @Test
    void everyLineBreakIsALineBreak() throws Exception {
        assertThat(parse("1 tester C1 0\r\n2 tester 33 0\r3 ecu 83 1\n\n4 ecu 01 1"))
                .extracting(TraceEntry::at)
                .containsExactly(1L, 2L, 3L, 4L);
    }

    /** A file that is no trace, one endless line: refused after its start, never read whole nor quoted whole. */
    @Test
    void aLineLongerThanAnyEntryIsRefusedAfterItsStart() {
        String start = "1 tester C1 0\n0 tester ";
        Reader trace = new Reader() {
            private int given;

            @Override
            public int read(char[] into, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    into[i] = given < start.length() ? start.charAt(given) : 'A';
                    given++;
                }
                return len;
            }

            @Override
            public void close() {}
        };

        assertThatThrownBy(() -> TraceFile.load("t.trace", trace))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.trace:2:65537: a line longer than 65536 characters that is no comment: a trace entry is"
                        + " under 60 (is this a trace?); it starts '0 tester " + "A".repeat(51) + "...'");
    }

    @Test
    void aCommentMayBeLongerWhatItSaysNot() throws Exception {
        String noise = "# fits no frame: " + "55 ".repeat(30_000) + "\n";
        assertThat(parse(noise + "1 tester C1 0\n")).hasSize(1);

        assertThatThrownBy(() -> parse("# injected: 0 10 late " + "5ms ".repeat(20_000) + "\n1 tester C1 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("t.trace:1:65537: longer than 65536 characters: '# injected: 0 10 late 5ms");
    }

    @Test
    void anErrorQuotesTheStartOfALongFieldNotAllOfIt() {
        assertThatThrownBy(() -> parse("1 tester " + "C".repeat(1_000) + " 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.trace:1:10: expected a byte in hex (00..FF), found '" + "C".repeat(60) + "...'");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> TraceFile.read(dir.resolve("none.trace")))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("none.trace: no such file");
    }
}
