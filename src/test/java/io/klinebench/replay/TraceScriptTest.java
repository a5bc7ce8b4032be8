package io.klinebench.replay;

import static io.klinebench.time.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.KwpFrame;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.time.CpuStop;
import io.klinebench.time.Uncertainty;
import io.klinebench.trace.Trace;
import io.klinebench.trace.TraceFile;
import io.klinebench.trace.TraceHeader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Our trace as a replay script: requests and their answers with the recorded times, the link
 * layer's own services left to the link, a responsePending kept before its answer, what cannot
 * be replayed said in the notes, and --match grouping requests into one rule.
 */
class TraceScriptTest {

    private static final int ECU = 0x40;
    private static final int TESTER = 0xF1;

    private final List<TraceEntry> entries = new ArrayList<>();

    private long frame(long at, Direction from, byte[] bytes) {
        for (byte b : bytes) {
            entries.add(TraceEntry.ofByte(at, from, b & 0xFF));
            at += MS;
        }
        return at - MS;
    }

    private static byte[] request(String hex) {
        return KwpFrame.physical(ECU, TESTER, Hex.parse(hex)).encode();
    }

    private static byte[] answer(String hex) {
        return KwpFrame.physical(TESTER, ECU, Hex.parse(hex)).encode();
    }

    private static DiagnosticProfile r56() throws Exception {
        return ProfileCatalog.builtIn().loadDiagnostics("r56-2007-2013");
    }

    private Trace trace() {
        return new Trace(TraceHeader.NONE, entries);
    }

    @Test
    void eachRequestWithItsAnswerAndTheRecordedTimes() throws Exception {
        long end = frame(1_000 * MS, Direction.TESTER, request("21 01"));
        frame(end + 37 * MS, Direction.ECU, answer("61 01 00"));
        ReplayScript s = TraceScript.of("t.trace", trace(), r56(), List.of());
        assertThat(s.rules()).singleElement().satisfies(r -> {
            assertThat(r.pattern().toString()).isEqualTo("21 01");
            ReplayAnswer a = r.answers().get(0);
            assertThat(a.data().get().text()).isEqualTo("61 01 00");
            assertThat(a.timing().get())
                    .isEqualTo(new RecordedTiming(new long[0], 37 * MS, new long[] {MS, MS, MS, MS, MS, MS}));
            assertThat(a.source()).isEqualTo("t.trace at 1.000s");
        });
        assertThat(s.notes()).isEmpty();
    }

    @Test
    void theLinksOwnServicesAreLeftToTheLinkAndAPendingIsKeptBeforeItsAnswer() throws Exception {
        entries.add(new TraceEntry(0, Direction.TESTER, TraceEntry.Kind.LOW, -1, 25 * MS));
        long end = frame(50 * MS, Direction.TESTER, request("81"));
        end = frame(end + 30 * MS, Direction.ECU, answer("C1 EF 8F"));
        end = frame(end + 100 * MS, Direction.TESTER, request("31 01"));
        frame(end + 30 * MS, Direction.ECU, answer("7F 31 78"));
        frame(end + 500 * MS, Direction.ECU, answer("71 01"));
        ReplayScript s = TraceScript.of("t.trace", trace(), r56(), List.of());
        assertThat(s.rules()).singleElement().satisfies(r -> {
            assertThat(r.pattern().toString()).isEqualTo("31 01");
            assertThat(r.answers().get(0).timing().get().pendingAt()).containsExactly(30 * MS);
            assertThat(r.answers().get(0).timing().get().p2()).isEqualTo(500 * MS);
        });
        assertThat(s.notes())
                .containsExactly("requests the link layer answers itself (init, stop, timing parameters): 1; answered"
                        + " as the profile says, not from the recording");
    }

    @Test
    void aRepeatedRequestKeepsItsAnswersInOrderAndAMatchGroupsRequests() throws Exception {
        long end = frame(1_000 * MS, Direction.TESTER, request("27 02 12 34"));
        frame(end + 30 * MS, Direction.ECU, answer("7F 27 35"));
        end = frame(2_000 * MS, Direction.TESTER, request("27 02 AB CD"));
        frame(end + 30 * MS, Direction.ECU, answer("67 02"));
        end = frame(3_000 * MS, Direction.TESTER, request("21 01"));
        // no answer recorded
        ReplayScript exact = TraceScript.of("t.trace", trace(), r56(), List.of());
        assertThat(exact.rules())
                .extracting(r -> r.pattern().toString())
                .containsExactly("27 02 12 34", "27 02 AB CD", "21 01");
        assertThat(exact.rules().get(2).answers().get(0).data()).isEmpty();
        assertThat(exact.holds())
                .as("a request recorded unanswered is no answer")
                .isEqualTo("3 requests, 2 answers (1 recorded unanswered)");
        ReplayScript grouped = TraceScript.of("t.trace", trace(), r56(), List.of(RequestPattern.parse("27 02 XX XX")));
        assertThat(grouped.rules().get(0).pattern().toString()).isEqualTo("27 02 XX XX");
        assertThat(grouped.rules().get(0).answers())
                .extracting(a -> a.data().get().text())
                .containsExactly("7F 27 35", "67 02");
    }

    /**
     * An answer a stall of the kernel's pty delivery held 60 ms between two bytes, in a trace of a
     * pty (25 ms stated): with its {@code # cpu-stop:} line the replay frames it whole, as the
     * sim's link did; without it the gap is past P1max and the stamps' 25 ms, and the answer is cut.
     */
    @Test
    void aGapTheTracesStopsHeldIsFramedAsTheLinkFramedIt() throws Exception {
        long end = frame(1_000 * MS, Direction.TESTER, request("21 01"));
        byte[] answer = answer("61 01 00");
        long split = frame(end + 30 * MS, Direction.ECU, Arrays.copyOf(answer, 3));
        frame(split + 60 * MS, Direction.ECU, Arrays.copyOfRange(answer, 3, answer.length));
        // and one answered whole either way, so that the trace has something to replay without the stop
        end = frame(3_000 * MS, Direction.TESTER, request("21 02"));
        frame(end + 30 * MS, Direction.ECU, answer("61 02 00"));
        TraceHeader pty = new TraceHeader(
                Optional.of("r56-2007-2013"),
                Optional.of("kwp2000"),
                Optional.of(new Uncertainty(25 * MS, "a pty")),
                Optional.empty(),
                Optional.empty());
        CpuStop stall = new CpuStop(CpuStop.PTY_DELIVERY, split + 5 * MS, split + 58 * MS);

        ReplayScript seen =
                TraceScript.of("t.trace", new Trace(pty, entries, List.of(), List.of(stall)), r56(), List.of());
        assertThat(seen.rules())
                .first()
                .satisfies(
                        r -> assertThat(r.answers().get(0).data().get().text()).isEqualTo("61 01 00"));
        assertThat(seen.notes()).isEmpty();

        ReplayScript unseen = TraceScript.of("t.trace", new Trace(pty, entries), r56(), List.of());
        assertThat(unseen.rules().get(0).answers().get(0).data()).isEmpty();
        assertThat(unseen.notes()).anySatisfy(n -> assertThat(n).contains("no whole frame"));
    }

    @Test
    void whatCannotBeReplayedIsSaid() throws Exception {
        long end = frame(1_000 * MS, Direction.TESTER, request("21 01"));
        frame(end + 30 * MS, Direction.ECU, answer("61 01"));
        frame(end + 100 * MS, Direction.ECU, answer("61 02"));
        frame(5_000 * MS, Direction.ECU, new byte[] {(byte) 0x83, (byte) 0xF1}); // cut off
        ReplayScript s = TraceScript.of("t.trace", trace(), r56(), List.of());
        assertThat(s.notes())
                .containsExactly(
                        "2 bytes of the trace are no whole frame (cut off or garbled); left out",
                        "a second answer to 21 01 at 1.105s: 82 F1 40 61 02 16; only the first is replayed");
    }

    /** validate refuses an empty trace; a replay of one would answer every request as unknown, as if it were one. */
    @Test
    void aTraceWithNoRequestAnsweredIsRefusedSayingWhatItHolds() throws Exception {
        assertThatThrownBy(() -> TraceScript.of("t.trace", trace(), r56(), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.trace: nothing to replay: no request in it is answered (it holds no entries)");

        frame(1_000 * MS, Direction.ECU, answer("61 01 00"));
        assertThatThrownBy(() -> TraceScript.of("t.trace", trace(), r56(), List.of()))
                .as("the module's bytes only")
                .hasMessage("t.trace: nothing to replay: no request in it is answered (it holds no requests and 1"
                        + " module frame (1 before any request))");

        entries.clear();
        frame(1_000 * MS, Direction.TESTER, request("21 01"));
        assertThatThrownBy(() -> TraceScript.of("t.trace", trace(), r56(), List.of()))
                .as("the tester's bytes only: it used to be 1 request with 1 answer")
                .hasMessage("t.trace: nothing to replay: no request in it is answered (it holds 1 request and no"
                        + " module frames)");
    }

    @Test
    void aShippedTraceReadsAsAScript() throws Exception {
        Trace t = TraceFile.load(Path.of("src/test/resources/traces/kwp-passes.trace"));
        ReplayScript s = TraceScript.of("kwp-passes.trace", t, r56(), List.of());
        assertThat(s.rules()).first().satisfies(r -> {
            assertThat(r.pattern().toString()).isEqualTo("21 01");
            assertThat(r.answers().get(0).timing().get().p2()).isEqualTo(30 * MS);
        });
    }
}
