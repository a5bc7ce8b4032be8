package io.klinebench.kline;

import static io.klinebench.kline.TimingValidatorTraces.READ;
import static io.klinebench.kline.TimingValidatorTraces.READ_OK;
import static io.klinebench.kline.TimingValidatorTraces.STD;
import static io.klinebench.kline.TimingValidatorTraces.STOP;
import static io.klinebench.kline.TimingValidatorTraces.STOPPED;
import static io.klinebench.kline.TimingValidatorTraces.kwp;
import static io.klinebench.kline.TimingValidatorTraces.trace;
import static io.klinebench.line.Direction.TESTER;
import static io.klinebench.time.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.TraceEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the validator takes and gives back: order, indices, bad input, echo, the timing set in force. */
class TimingValidatorTraceTest {

    /** AccessTimingParameters "set values": P2 25..50 ms, P3min 100 ms, P3max 5 s, P4min 5 ms. */
    private static final String SET_P3MIN_100 = kwp("87 40 F1 83 03 32 02 C8 14 0A");

    private static final String SET_OK = kwp("82 F1 40 C3 03");
    private static final String DEFAULTS = kwp("82 40 F1 83 01");
    private static final String DEFAULTS_OK = kwp("82 F1 40 C3 01");

    @Test
    void entriesInAnyOrderGiveTheSameViolationsWithIndicesIntoTheListAsGiven() {
        TimingValidatorTraces t =
                trace().fastInit().pause(100 * MS).tester(READ, 5 * MS).pause(51 * MS);
        int answer = t.next();
        t.ecu(READ_OK, MS).pause(20 * MS).exchange(READ, READ_OK);
        List<TraceEntry> ordered = t.entries();
        List<TraceEntry> shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled, new Random(42));

        List<Violation> inOrder = TimingValidator.kwp(ordered, STD);
        List<Violation> outOfOrder = TimingValidator.kwp(shuffled, STD);

        assertThat(inOrder).extracting(Violation::parameter).containsExactly(Violation.P2, Violation.P3MIN);
        assertThat(inOrder.get(0).index()).isEqualTo(answer);
        assertThat(outOfOrder).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Violation a = inOrder.get(i);
            Violation b = outOfOrder.get(i);
            assertThat(b).usingRecursiveComparison().ignoringFields("index").isEqualTo(a);
            assertThat(shuffled.get(b.index())).isEqualTo(ordered.get(a.index()));
        }
    }

    @Test
    void aViolationReadsLikeASentence() {
        TimingValidatorTraces t = trace().fastInit().pause(100 * MS);
        int third = t.next() + 2;
        t.gaps(TESTER, READ, 5 * MS, 20 * MS + 1, 5 * MS, 5 * MS, 5 * MS);

        Violation v = TimingValidator.kwp(t.entries(), STD).get(0);

        assertThat(v.toString())
                .isEqualTo("P4 too long (TESTER): 20ms > max 20ms, 1ns over, entry #" + third
                        + " at 0.231s: 82 40 | F1 21 01 D5");
        assertThat(new Violation(Violation.P3MIN, TESTER, 54 * MS, 55 * MS, Violation.Bound.BELOW_MIN, 3, 0, "x")
                        .toString())
                .isEqualTo("P3min too short (TESTER): 54ms < min 55ms, 1ms under, entry #3 at 0.000s: x");
    }

    @Test
    void badInputIsRefusedNamingTheEntry() {
        List<TraceEntry> withNull = Arrays.asList(TraceEntry.ofByte(0, TESTER, 0x81), null);
        assertThatThrownBy(() -> TimingValidator.kwp(withNull, STD)).hasMessageContaining("#1");
        List<TraceEntry> bigByte = List.of(TraceEntry.ofByte(0, TESTER, 256));
        assertThatThrownBy(() -> TimingValidator.kwp(bigByte, STD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("#0")
                .hasMessageContaining("0..255");
        List<TraceEntry> negative = List.of(new TraceEntry(0, TESTER, TraceEntry.Kind.LOW, -1, -5));
        assertThatThrownBy(() -> TimingValidator.kwp(negative, STD)).isInstanceOf(IllegalArgumentException.class);
        List<TraceEntry> early = List.of(TraceEntry.ofByte(5, TESTER, 0x81));
        assertThatThrownBy(() -> TimingValidator.kwp(early, STD, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power-on");
        assertThatThrownBy(() -> TimingValidator.ds2(null, TimingValidatorTraces.DS2))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Violation("P1", Direction.ECU, 0, 0, Violation.Bound.BELOW_MIN, -1, 0, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyTraceHasNoViolation() {
        assertThat(TimingValidator.kwp(List.of(), STD, 0)).isEmpty();
        assertThat(TimingValidator.ds2(List.of(), TimingValidatorTraces.DS2)).isEmpty();
    }

    @Test
    void anEchoRecordedTwiceShowsAsTesterBytesTooCloseAndMisframedRequests() {
        // documented: the trace must hold each byte once; a capture with the echo must drop it first
        TimingValidatorTraces t = trace().fastInit().pause(100 * MS);
        for (byte b : Hex.parse(READ)) {
            t.tester(Hex.of(new byte[] {b, b}), 100_000).pause(5 * MS - 100_000);
        }

        List<Violation> found = TimingValidator.kwp(t.entries(), STD);

        assertThat(found).extracting(Violation::parameter).containsOnly(Violation.P4, Violation.P3MIN);
        assertThat(found).anySatisfy(v -> {
            assertThat(v.parameter()).isEqualTo(Violation.P4);
            assertThat(v.measuredNanos()).isEqualTo(100_000);
            assertThat(v.context()).isEqualTo("82 | 82 40 40 F1 F1");
        });
    }

    @Test
    void accessTimingParametersPutsItsValuesInForceUntilDefaultsAreRestored() {
        TimingValidatorTraces t = trace().fastInit()
                .pause(100 * MS)
                .exchange(SET_P3MIN_100, SET_OK)
                .pause(100 * MS - 1);
        int early = t.next();
        t.exchange(READ, READ_OK)
                .pause(100 * MS)
                .exchange(DEFAULTS, DEFAULTS_OK)
                .pause(55 * MS)
                .exchange(READ, READ_OK);

        assertThat(TimingValidator.kwp(t.entries(), STD)).singleElement().satisfies(v -> {
            assertThat(v.parameter()).isEqualTo(Violation.P3MIN);
            assertThat(v.limitNanos()).isEqualTo(100 * MS);
            assertThat(v.index()).isEqualTo(early);
        });
    }

    @Test
    void theTimingSetEndsWithTheSession() {
        TimingValidatorTraces t = trace().fastInit()
                .pause(100 * MS)
                .exchange(SET_P3MIN_100, SET_OK)
                .pause(100 * MS)
                .exchange(STOP, STOPPED)
                .pause(55 * MS)
                .fastInit()
                .pause(55 * MS)
                .exchange(READ, READ_OK);

        assertThat(TimingValidator.kwp(t.entries(), STD)).isEmpty();
    }

    @Test
    void aRefusedTimingChangeChangesNothing() {
        TimingValidatorTraces t = trace().fastInit()
                .pause(100 * MS)
                .exchange(SET_P3MIN_100, kwp("83 F1 40 7F 83 31"))
                .pause(55 * MS)
                .exchange(READ, READ_OK);

        assertThat(TimingValidator.kwp(t.entries(), STD)).isEmpty();
    }
}
