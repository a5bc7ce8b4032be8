package io.klinebench.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.Durations;
import io.klinebench.time.Uncertainty;
import io.klinebench.time.VirtualClock;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The simulator's live trace is written in the one format the reader (and so validate) reads. */
class LiveTraceTest {

    @Test
    void whatTheSimulatorWritesTheReaderReadsBackWithFramesNumberedBySenderAndGap() throws Exception {
        List<TraceEntry> entries = List.of(
                new TraceEntry(1_000, Direction.TESTER, TraceEntry.Kind.LOW, -1, 25_000_000),
                TraceEntry.ofByte(50_001_000, Direction.TESTER, 0xC1),
                TraceEntry.ofByte(55_001_000, Direction.TESTER, 0x33),
                TraceEntry.ofByte(85_001_000, Direction.ECU, 0x83),
                TraceEntry.ofByte(200_000_000, Direction.ECU, 0x84),
                new TraceEntry(3_000_000_000L, Direction.TESTER, TraceEntry.Kind.SLOW, 0x33, 2_000_000_000L));
        VirtualClock clock = new VirtualClock();
        StringWriter out = new StringWriter();
        TraceHeader header = new TraceHeader(
                Optional.of("r56-2007-2013"),
                Optional.of("kwp2000"),
                Optional.of(new Uncertainty(10 * Durations.MS, "a pty, stated")),
                Optional.of("protocol KWP2000, 10400 baud 8N1, echo on"),
                Optional.of("pty /dev/pts/9"));
        try (LiveTrace trace = new LiveTrace(clock, out, 0, 20 * Durations.MS, header)) {
            for (TraceEntry e : entries) {
                clock.advanceTo(e.at());
                trace.record(e);
            }
        }
        assertThat(out.toString().lines())
                .containsExactly(
                        TraceFormat.HEADER,
                        "# profile: r56-2007-2013",
                        "# protocol: kwp2000",
                        "# uncertainty: 10000000 ns (a pty, stated)",
                        "# line: protocol KWP2000, 10400 baud 8N1, echo on",
                        "# transport: pty /dev/pts/9",
                        "1000 tester LOW 25000000",
                        "50001000 tester C1 1",
                        "55001000 tester 33 1",
                        "85001000 ecu 83 2",
                        "200000000 ecu 84 3", // the same sender after a gap beyond 20 ms: a new frame
                        "3000000000 tester SLOW 33 2000000000");
        assertThat(TraceFile.load("live.trace", new StringReader(out.toString())))
                .usingRecursiveComparison()
                .ignoringFields("said") // where the file said its header, which a trace made in memory has not
                .isEqualTo(new Trace(header, entries));
    }
}
