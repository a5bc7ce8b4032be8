package io.klinebench.kline;

import static io.klinebench.kline.TimingValidatorTraces.READ;
import static io.klinebench.kline.TimingValidatorTraces.READ_OK;
import static io.klinebench.kline.TimingValidatorTraces.STD;
import static io.klinebench.kline.TimingValidatorTraces.expect;
import static io.klinebench.kline.TimingValidatorTraces.kwp;
import static io.klinebench.kline.TimingValidatorTraces.trace;
import static io.klinebench.kline.Violation.Bound.ABOVE_MAX;
import static io.klinebench.kline.Violation.Bound.BELOW_MIN;
import static io.klinebench.line.Direction.ECU;
import static io.klinebench.line.Direction.TESTER;
import static io.klinebench.time.Durations.MS;
import static io.klinebench.time.Durations.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.time.TimingRange;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** KWP2000 frame timing: P1, P2, P2*, P3, P4, each at its limit (0 ns beyond) and 1 ns beyond it. */
class TimingValidatorKwpTest {

    /** A ReadECUIdentification answer of 65 data bytes: FMT 80 and a LEN byte. */
    private static final String LONG_ANSWER;

    static {
        StringBuilder sb = new StringBuilder("80 F1 40 41 5A 80");
        for (int i = 0; i < 63; i++) {
            sb.append(String.format(" %02X", i));
        }
        LONG_ANSWER = kwp(sb.toString());
    }

    @Test
    void aRealisticSessionHasNoViolation() {
        TimingValidatorTraces t = trace().pause(400 * MS)
                .fastInit()
                .pause(100 * MS)
                .exchange(READ, READ_OK)
                .pause(250 * MS)
                .exchange(TimingValidatorTraces.PRESENT, TimingValidatorTraces.PRESENT_OK)
                .pause(3500 * MS)
                .exchange(kwp("82 40 F1 1A 80"), LONG_ANSWER)
                .pause(100 * MS)
                .tester(READ, 5 * MS)
                .pause(30 * MS)
                .ecu(kwp("83 F1 40 7F 21 78"), MS)
                .pause(2 * S)
                .ecu(READ_OK, MS)
                .pause(100 * MS)
                .exchange(TimingValidatorTraces.STOP, TimingValidatorTraces.STOPPED)
                .pause(55 * MS)
                .fastInit()
                .pause(55 * MS)
                .exchange(READ, READ_OK);

        assertThat(TimingValidator.kwp(t.entries(), STD, 0)).isEmpty();
        assertThat(TimingValidator.kwp(t.entries(), STD)).isEmpty();
    }

    // ---- P4: tester inter-byte ---------------------------------------------------------------

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void p4Min(long beyond) {
        TimingValidatorTraces t = trace().fastInit().pause(100 * MS);
        int third = t.next() + 2;
        t.gaps(TESTER, READ, 5 * MS, 5 * MS - beyond, 5 * MS, 5 * MS, 5 * MS)
                .pause(30 * MS)
                .ecu(READ_OK, MS);

        expect(
                TimingValidator.kwp(t.entries(), STD),
                beyond,
                Violation.P4,
                TESTER,
                5 * MS - beyond,
                5 * MS,
                BELOW_MIN,
                third,
                "82 40 | F1 21 01 D5");
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void p4MaxCutsTheRequestOnceAndTheRestIsNotARequest(long beyond) {
        TimingValidatorTraces t = trace().fastInit().pause(100 * MS);
        int third = t.next() + 2;
        t.gaps(TESTER, READ, 5 * MS, 20 * MS + beyond, 5 * MS, 5 * MS, 5 * MS);
        if (beyond == 0) {
            t.pause(30 * MS).ecu(READ_OK, MS);
        }
        t.pause(1 * S).exchange(READ, READ_OK);

        expect(
                TimingValidator.kwp(t.entries(), STD),
                beyond,
                Violation.P4,
                TESTER,
                20 * MS + beyond,
                20 * MS,
                ABOVE_MAX,
                third,
                "82 40 | F1 21 01 D5");
    }

    // ---- P1: ECU inter-byte ------------------------------------------------------------------

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void p1Min(long beyond) {
        KwpTiming timing = KwpTiming.standard()
                .builder()
                .p1(TimingRange.of(2 * MS, KwpTiming.standard().p1().max()))
                .ecuP1(2 * MS)
                .build();
        TimingValidatorTraces t = trace().low(25 * MS)
                .pause(25 * MS)
                .tester(TimingValidatorTraces.START, 5 * MS)
                .pause(30 * MS)
                .ecu(TimingValidatorTraces.STARTED, 2 * MS)
                .pause(100 * MS)
                .tester(READ, 5 * MS)
                .pause(30 * MS);
        int fourth = t.next() + 3;
        t.gaps(ECU, READ_OK, 2 * MS, 2 * MS, 2 * MS - beyond, 2 * MS, 2 * MS, 2 * MS, 2 * MS, 2 * MS, 2 * MS);

        expect(
                TimingValidator.kwp(t.entries(), timing),
                beyond,
                Violation.P1,
                ECU,
                2 * MS - beyond,
                2 * MS,
                BELOW_MIN,
                fourth,
                "86 F1 40 | 61 01 11 22 33 44 C3");
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void p1MaxCutsTheAnswerOnce(long beyond) {
        TimingValidatorTraces t =
                trace().fastInit().pause(100 * MS).tester(READ, 5 * MS).pause(30 * MS);
        int fourth = t.next() + 3;
        t.gaps(ECU, READ_OK, MS, MS, 20 * MS + beyond, MS, MS, MS, MS, MS, MS)
                .pause(100 * MS)
                .exchange(READ, READ_OK);

        expect(
                TimingValidator.kwp(t.entries(), STD),
                beyond,
                Violation.P1,
                ECU,
                20 * MS + beyond,
                20 * MS,
                ABOVE_MAX,
                fourth,
                "86 F1 40 | 61 01 11 22 33 44 C3");
    }

    // ---- P2 and P2*: response delay ----------------------------------------------------------

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void p2Min(long beyond) {
        TimingValidatorTraces t =
                trace().fastInit().pause(100 * MS).tester(READ, 5 * MS).pause(25 * MS - beyond);
        int answer = t.next();
        t.ecu(READ_OK, MS);

        expect(
                TimingValidator.kwp(t.entries(), STD),
                beyond,
                Violation.P2,
                ECU,
                25 * MS - beyond,
                25 * MS,
                BELOW_MIN,
                answer,
                READ + " | " + READ_OK);
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void p2Max(long beyond) {
        TimingValidatorTraces t =
                trace().fastInit().pause(100 * MS).tester(READ, 5 * MS).pause(50 * MS + beyond);
        int answer = t.next();
        t.ecu(READ_OK, MS);

        expect(
                TimingValidator.kwp(t.entries(), STD),
                beyond,
                Violation.P2,
                ECU,
                50 * MS + beyond,
                50 * MS,
                ABOVE_MAX,
                answer,
                READ + " | " + READ_OK);
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void p2MaxAlsoHoldsBetweenTwoResponses(long beyond) {
        TimingValidatorTraces t =
                trace().fastInit().pause(100 * MS).exchange(READ, READ_OK).pause(50 * MS + beyond);
        int second = t.next();
        t.ecu(READ_OK, MS);

        expect(
                TimingValidator.kwp(t.entries(), STD),
                beyond,
                Violation.P2,
                ECU,
                50 * MS + beyond,
                50 * MS,
                ABOVE_MAX,
                second,
                READ_OK + " | " + READ_OK);
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void p2StarMaxAfterResponsePending(long beyond) {
        String pending = kwp("83 F1 40 7F 21 78");
        TimingValidatorTraces t = trace().fastInit()
                .pause(100 * MS)
                .tester(READ, 5 * MS)
                .pause(30 * MS)
                .ecu(pending, MS)
                .pause(5000 * MS + beyond);
        int answer = t.next();
        t.ecu(READ_OK, MS);

        expect(
                TimingValidator.kwp(t.entries(), STD),
                beyond,
                Violation.P2_STAR,
                ECU,
                5000 * MS + beyond,
                5000 * MS,
                ABOVE_MAX,
                answer,
                pending + " | " + READ_OK);
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void p2StarMinAfterResponsePending(long beyond) {
        TimingValidatorTraces t = trace().fastInit()
                .pause(100 * MS)
                .tester(READ, 5 * MS)
                .pause(30 * MS)
                .ecu(kwp("83 F1 40 7F 21 78"), MS)
                .pause(25 * MS - beyond);
        int answer = t.next();
        t.ecu(READ_OK, MS);

        expect(
                TimingValidator.kwp(t.entries(), STD),
                beyond,
                Violation.P2_STAR,
                ECU,
                25 * MS - beyond,
                25 * MS,
                BELOW_MIN,
                answer,
                null);
    }

    @Test
    void anEcuThatStartsInsideTheRequestAnswersTooSoon() {
        TimingValidatorTraces t =
                trace().fastInit().pause(100 * MS).tester("82 40 F1", 5 * MS).pause(MS);
        int answer = t.next();
        t.ecu(READ_OK, MS);

        List<Violation> found = TimingValidator.kwp(t.entries(), STD);

        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.parameter()).isEqualTo(Violation.P2);
            assertThat(v.bound()).isEqualTo(BELOW_MIN);
            assertThat(v.measuredNanos()).isEqualTo(MS);
            assertThat(v.index()).isEqualTo(answer);
            assertThat(v.context()).isEqualTo("82 40 F1 | " + READ_OK);
        });
    }

    // ---- P3: request spacing and session timeout ---------------------------------------------

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void p3Min(long beyond) {
        TimingValidatorTraces t = trace().fastInit().pause(55 * MS - beyond);
        int request = t.next();
        t.exchange(READ, READ_OK);

        expect(
                TimingValidator.kwp(t.entries(), STD),
                beyond,
                Violation.P3MIN,
                TESTER,
                55 * MS - beyond,
                55 * MS,
                BELOW_MIN,
                request,
                TimingValidatorTraces.STARTED + " | " + READ);
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void p3MinAlsoHoldsAfterARequestWithoutAnswer(long beyond) {
        TimingValidatorTraces t =
                trace().fastInit().pause(100 * MS).tester(READ, 5 * MS).pause(55 * MS - beyond);
        int request = t.next();
        t.exchange(READ, READ_OK);

        expect(
                TimingValidator.kwp(t.entries(), STD),
                beyond,
                Violation.P3MIN,
                TESTER,
                55 * MS - beyond,
                55 * MS,
                BELOW_MIN,
                request,
                READ + " | " + READ);
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void p3MaxIsTheSessionTimeoutReportedOnce(long beyond) {
        TimingValidatorTraces t = trace().fastInit().pause(5000 * MS + beyond);
        int request = t.next();
        if (beyond == 0) {
            t.exchange(READ, READ_OK);
        } else {
            t.tester(READ, 5 * MS).pause(6 * S).tester(READ, 5 * MS);
        }

        expect(
                TimingValidator.kwp(t.entries(), STD),
                beyond,
                Violation.P3MAX,
                TESTER,
                5000 * MS + beyond,
                5000 * MS,
                ABOVE_MAX,
                request,
                TimingValidatorTraces.STARTED + " | " + READ);
    }

    @Test
    void aNewInitAfterTheSessionTimedOutIsNoViolation() {
        TimingValidatorTraces t =
                trace().fastInit().pause(7 * S).fastInit().pause(100 * MS).exchange(READ, READ_OK);

        assertThat(TimingValidator.kwp(t.entries(), STD)).isEmpty();
    }

    @Test
    void requestsWithoutAnswerKeepTheSessionAliveForP3max() {
        String presentNoAnswer = kwp("82 40 F1 3E 02");
        TimingValidatorTraces t = trace().fastInit();
        for (int i = 0; i < 4; i++) {
            t.pause(3 * S).tester(presentNoAnswer, 5 * MS);
        }
        t.pause(3 * S).exchange(READ, READ_OK);

        assertThat(TimingValidator.kwp(t.entries(), STD)).isEmpty();
    }

    // ---- framing -------------------------------------------------------------------------------

    @Test
    void aLenByteGivesTheLengthOfALongFrame() {
        TimingValidatorTraces t = trace().fastInit()
                .pause(100 * MS)
                .exchange(kwp("82 40 F1 1A 80"), LONG_ANSWER)
                .pause(55 * MS)
                .exchange(READ, READ_OK);

        assertThat(TimingValidator.kwp(t.entries(), STD)).isEmpty();
    }

    @Test
    void aLongFramesContextIsShortened() {
        TimingValidatorTraces t = trace().fastInit()
                .pause(100 * MS)
                .exchange(kwp("82 40 F1 1A 80"), LONG_ANSWER)
                .pause(54 * MS)
                .exchange(READ, READ_OK);

        List<Violation> found = TimingValidator.kwp(t.entries(), STD);

        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.parameter()).isEqualTo(Violation.P3MIN);
            assertThat(v.context()).startsWith("... 30 31 ").endsWith(" | " + READ);
        });
    }

    @Test
    void aFrameWhoseLengthCannotBeRightEndsAtAGapWithoutViolation() {
        TimingValidatorTraces t = trace().fastInit()
                .pause(100 * MS)
                .tester("80 40 F1 00 12 34", 5 * MS)
                .pause(100 * MS)
                .exchange(READ, READ_OK);

        assertThat(TimingValidator.kwp(t.entries(), STD)).isEmpty();
    }
}
