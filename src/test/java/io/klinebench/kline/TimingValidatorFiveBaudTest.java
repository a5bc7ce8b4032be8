package io.klinebench.kline;

import static io.klinebench.kline.TimingValidatorTraces.READ;
import static io.klinebench.kline.TimingValidatorTraces.READ_OK;
import static io.klinebench.kline.TimingValidatorTraces.STD;
import static io.klinebench.kline.TimingValidatorTraces.expect;
import static io.klinebench.kline.TimingValidatorTraces.trace;
import static io.klinebench.kline.Violation.Bound.ABOVE_MAX;
import static io.klinebench.kline.Violation.Bound.BELOW_MIN;
import static io.klinebench.line.Direction.ECU;
import static io.klinebench.line.Direction.TESTER;
import static io.klinebench.time.Durations.MS;
import static io.klinebench.time.Durations.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.Direction;
import io.klinebench.time.TimingRange;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** 5-baud init: W1 to W5, at each limit and 1 ns beyond, on the side that must keep it. */
class TimingValidatorFiveBaudTest {

    /** The standard set, but W3 with a minimum above 0 so that it can be broken. */
    private static final KwpTiming TIMING = KwpTiming.standard()
            .builder()
            .w3(TimingRange.of(2 * MS, KwpTiming.standard().w3().max()))
            .build();

    private static final int W5 = 0;
    private static final int W1 = 1;
    private static final int W2 = 2;
    private static final int W3 = 3;
    private static final int W4_TESTER = 4;
    private static final int W4_ECU = 5;

    /** Idle before the address, then W1, W2, W3, W4 (tester), W4 (ECU): all well inside. */
    private static long[] clean() {
        return new long[] {400 * MS, 100 * MS, 10 * MS, 10 * MS, 30 * MS, 30 * MS};
    }

    /**
     * Power-on at 0, the gaps, address 0x33 (2 s), 55 EF 8F from the ECU, 70 from the tester,
     * CC from the ECU, then a request 100 ms later and its answer.
     */
    private static TimingValidatorTraces init(long[] g) {
        return trace().pause(g[W5])
                .slow(0x33, 2 * S)
                .pause(g[W1])
                .ecu("55", 0)
                .pause(g[W2])
                .ecu("EF", 0)
                .pause(g[W3])
                .ecu("8F", 0)
                .pause(g[W4_TESTER])
                .tester("70", 0)
                .pause(g[W4_ECU])
                .ecu("CC", 0)
                .pause(100 * MS)
                .exchange(READ, READ_OK);
    }

    @Test
    void aCleanFiveBaudInitHasNoViolation() {
        assertThat(TimingValidator.kwp(init(clean()).entries(), STD, 0)).isEmpty();
        assertThat(TimingValidator.kwp(init(clean()).entries(), TIMING, 0)).isEmpty();
    }

    static Stream<Arguments> limits() {
        List<Arguments> out = new ArrayList<>();
        Object[][] table = {
            // slot, parameter, limit, bound, by, index, context
            {W5, Violation.W5, 300 * MS, BELOW_MIN, TESTER, 0, "power-on | SLOW 33"},
            {W1, Violation.W1, 60 * MS, BELOW_MIN, ECU, 1, "SLOW 33 | 55"},
            {W1, Violation.W1, 300 * MS, ABOVE_MAX, ECU, 1, "SLOW 33 | 55"},
            {W2, Violation.W2, 5 * MS, BELOW_MIN, ECU, 2, "55 | EF"},
            {W2, Violation.W2, 20 * MS, ABOVE_MAX, ECU, 2, "55 | EF"},
            {W3, Violation.W3, 2 * MS, BELOW_MIN, ECU, 3, "EF | 8F"},
            {W3, Violation.W3, 20 * MS, ABOVE_MAX, ECU, 3, "EF | 8F"},
            {W4_TESTER, Violation.W4, 25 * MS, BELOW_MIN, TESTER, 4, "8F | 70"},
            {W4_TESTER, Violation.W4, 50 * MS, ABOVE_MAX, TESTER, 4, "8F | 70"},
            {W4_ECU, Violation.W4, 25 * MS, BELOW_MIN, ECU, 5, "70 | CC"},
            {W4_ECU, Violation.W4, 50 * MS, ABOVE_MAX, ECU, 5, "70 | CC"},
        };
        for (Object[] row : table) {
            for (long beyond : new long[] {0, 1}) {
                Object[] args = new Object[row.length + 1];
                System.arraycopy(row, 0, args, 0, row.length);
                args[row.length] = beyond;
                out.add(Arguments.of(args));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{1} {3} {5}: {7} ns beyond")
    @MethodSource("limits")
    void eachLimit(
            int slot,
            String parameter,
            long limit,
            Violation.Bound bound,
            Direction by,
            int index,
            String context,
            long beyond) {
        long[] g = clean();
        long measured = bound == BELOW_MIN ? limit - beyond : limit + beyond;
        g[slot] = measured;

        expect(
                TimingValidator.kwp(init(g).entries(), TIMING, 0),
                beyond,
                parameter,
                by,
                measured,
                limit,
                bound,
                index,
                context);
    }

    @Test
    void w5CountsFromTheLastTraffic() {
        TimingValidatorTraces t =
                trace().fastInit().pause(100 * MS).exchange(READ, READ_OK).pause(300 * MS - 1);
        int address = t.next();
        t.slow(0x33, 2 * S);

        List<Violation> found = TimingValidator.kwp(t.entries(), STD);

        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.parameter()).isEqualTo(Violation.W5);
            assertThat(v.measuredNanos()).isEqualTo(300 * MS - 1);
            assertThat(v.index()).isEqualTo(address);
            assertThat(v.context()).isEqualTo(READ_OK + " | SLOW 33");
        });
    }

    @Test
    void theFirstRequestAfterTheInitIsJudgedByP3() {
        TimingValidatorTraces t = trace().pause(400 * MS)
                .slow(0x33, 2 * S)
                .pause(100 * MS)
                .ecu("55", 0)
                .pause(10 * MS)
                .ecu("EF", 0)
                .pause(10 * MS)
                .ecu("8F", 0)
                .pause(30 * MS)
                .tester("70", 0)
                .pause(30 * MS)
                .ecu("CC", 0)
                .pause(54 * MS)
                .exchange(READ, READ_OK);

        assertThat(TimingValidator.kwp(t.entries(), STD, 0)).singleElement().satisfies(v -> {
            assertThat(v.parameter()).isEqualTo(Violation.P3MIN);
            assertThat(v.context()).isEqualTo("CC | " + READ);
        });
    }

    @Test
    void anUnansweredAddressIsNoViolationAndTheTesterMayTryAgain() {
        TimingValidatorTraces t = trace().pause(400 * MS)
                .slow(0x33, 2 * S)
                .pause(3 * S)
                .slow(0x33, 2 * S)
                .pause(100 * MS)
                .ecu("55", 0)
                .pause(10 * MS)
                .ecu("EF", 0)
                .pause(10 * MS)
                .ecu("8F", 0)
                .pause(30 * MS)
                .tester("70", 0)
                .pause(30 * MS)
                .ecu("CC", 0)
                .pause(100 * MS)
                .exchange(READ, READ_OK);

        assertThat(TimingValidator.kwp(t.entries(), STD, 0)).isEmpty();
    }
}
