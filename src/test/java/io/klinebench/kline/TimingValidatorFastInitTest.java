package io.klinebench.kline;

import static io.klinebench.kline.TimingValidatorTraces.READ;
import static io.klinebench.kline.TimingValidatorTraces.READ_OK;
import static io.klinebench.kline.TimingValidatorTraces.START;
import static io.klinebench.kline.TimingValidatorTraces.STARTED;
import static io.klinebench.kline.TimingValidatorTraces.STD;
import static io.klinebench.kline.TimingValidatorTraces.STOP;
import static io.klinebench.kline.TimingValidatorTraces.STOPPED;
import static io.klinebench.kline.TimingValidatorTraces.expect;
import static io.klinebench.kline.TimingValidatorTraces.trace;
import static io.klinebench.kline.Violation.Bound.ABOVE_MAX;
import static io.klinebench.kline.Violation.Bound.BELOW_MIN;
import static io.klinebench.line.Direction.TESTER;
import static io.klinebench.time.Durations.MS;
import static io.klinebench.time.Durations.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.time.TimingRange;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fast init: TiniL, TWuP and the idle line before the wake-up, at each limit and 1 ns beyond. */
class TimingValidatorFastInitTest {

    // ---- TiniL and TWuP --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void tiniLMin(long beyond) {
        long low = 24 * MS - beyond;
        TimingValidatorTraces t = trace().low(low)
                .pause(50 * MS - low)
                .tester(START, 5 * MS)
                .pause(30 * MS)
                .ecu(STARTED, MS);

        expect(
                TimingValidator.kwp(t.entries(), STD),
                beyond,
                Violation.TINIL,
                TESTER,
                low,
                24 * MS,
                BELOW_MIN,
                0,
                "LOW 23.999999ms");
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void tiniLMax(long beyond) {
        long low = 26 * MS + beyond;
        TimingValidatorTraces t = trace().low(low)
                .pause(50 * MS - low)
                .tester(START, 5 * MS)
                .pause(30 * MS)
                .ecu(STARTED, MS);

        expect(
                TimingValidator.kwp(t.entries(), STD),
                beyond,
                Violation.TINIL,
                TESTER,
                low,
                26 * MS,
                ABOVE_MAX,
                0,
                "LOW 26.000001ms");
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void tWupMin(long beyond) {
        TimingValidatorTraces t = trace().low(25 * MS)
                .pause(24 * MS - beyond)
                .tester(START, 5 * MS)
                .pause(30 * MS)
                .ecu(STARTED, MS);

        expect(
                TimingValidator.kwp(t.entries(), STD),
                beyond,
                Violation.TWUP,
                TESTER,
                49 * MS - beyond,
                49 * MS,
                BELOW_MIN,
                1,
                "LOW 25ms | " + START);
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void tWupMax(long beyond) {
        TimingValidatorTraces t = trace().low(25 * MS)
                .pause(26 * MS + beyond)
                .tester(START, 5 * MS)
                .pause(30 * MS)
                .ecu(STARTED, MS);

        expect(
                TimingValidator.kwp(t.entries(), STD),
                beyond,
                Violation.TWUP,
                TESTER,
                51 * MS + beyond,
                51 * MS,
                ABOVE_MAX,
                1,
                "LOW 25ms | " + START);
    }

    // ---- idle before the wake-up -----------------------------------------------------------------

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void idleAfterPowerOn(long beyond) {
        TimingValidatorTraces t = trace().pause(1 * S + 300 * MS - beyond).fastInit();

        expect(
                TimingValidator.kwp(t.entries(), STD, 1 * S),
                beyond,
                Violation.IDLE_BEFORE_INIT,
                TESTER,
                300 * MS - beyond,
                300 * MS,
                BELOW_MIN,
                0,
                "power-on | LOW 25ms");
    }

    @Test
    void withoutPowerOnTheFirstInitsIdleIsNotJudged() {
        TimingValidatorTraces t = trace().fastInit();

        assertThat(TimingValidator.kwp(t.entries(), STD)).isEmpty();
        assertThat(TimingValidator.kwp(t.entries(), STD, 0))
                .singleElement()
                .satisfies(v -> assertThat(v.parameter()).isEqualTo(Violation.IDLE_BEFORE_INIT));
    }

    @Test
    void aFailedInitIsFollowedByAnotherAtOnce() {
        TimingValidatorTraces t = trace().pause(300 * MS)
                .low(25 * MS)
                .pause(25 * MS)
                .tester(START, 5 * MS)
                .pause(60 * MS)
                .fastInit();

        assertThat(TimingValidator.kwp(t.entries(), STD, 0)).isEmpty();
    }

    @Test
    void trafficAfterPowerOnCountsForTheFirstInitsIdle() {
        TimingValidatorTraces t =
                trace().pause(250 * MS).tester("00", 0).pause(299 * MS).fastInit();

        assertThat(TimingValidator.kwp(t.entries(), STD, 0)).singleElement().satisfies(v -> {
            assertThat(v.parameter()).isEqualTo(Violation.IDLE_BEFORE_INIT);
            assertThat(v.measuredNanos()).isEqualTo(299 * MS);
            assertThat(v.context()).isEqualTo("00 | LOW 25ms");
        });
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void idleAfterStopCommunication(long beyond) {
        TimingValidatorTraces t =
                trace().fastInit().pause(100 * MS).exchange(STOP, STOPPED).pause(55 * MS - beyond);
        int wake = t.next();
        t.fastInit();

        expect(
                TimingValidator.kwp(t.entries(), STD),
                beyond,
                Violation.IDLE_BEFORE_INIT,
                TESTER,
                55 * MS - beyond,
                55 * MS,
                BELOW_MIN,
                wake,
                STOPPED + " | LOW 25ms");
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void idleInsideASessionIsP3min(long beyond) {
        KwpTiming timing = KwpTiming.standard()
                .builder()
                .p3(TimingRange.of(70 * MS, KwpTiming.standard().p3().max()))
                .build();
        TimingValidatorTraces t = trace().fastInit().pause(70 * MS - beyond);
        int wake = t.next();
        t.fastInit();

        expect(
                TimingValidator.kwp(t.entries(), timing),
                beyond,
                Violation.IDLE_BEFORE_INIT,
                TESTER,
                70 * MS - beyond,
                70 * MS,
                BELOW_MIN,
                wake,
                STARTED + " | LOW 25ms");
    }

    @Test
    void noIdleIsNeededAfterTheSessionTimedOut() {
        // the late request is the only violation; the wake-up 1 ms after it needs no idle line
        TimingValidatorTraces t = trace().fastInit()
                .pause(6 * S)
                .tester(READ, 5 * MS)
                .pause(MS)
                .fastInit()
                .pause(100 * MS)
                .exchange(READ, READ_OK);

        List<Violation> found = TimingValidator.kwp(t.entries(), STD);

        assertThat(found).extracting(Violation::parameter).containsExactly(Violation.P3MAX);
    }
}
