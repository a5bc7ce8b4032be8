package io.klinebench.kline;

import static io.klinebench.kline.TimingValidatorTraces.DS2;
import static io.klinebench.kline.TimingValidatorTraces.expect;
import static io.klinebench.kline.TimingValidatorTraces.trace;
import static io.klinebench.kline.Violation.Bound.ABOVE_MAX;
import static io.klinebench.kline.Violation.Bound.BELOW_MIN;
import static io.klinebench.line.Direction.ECU;
import static io.klinebench.line.Direction.TESTER;
import static io.klinebench.time.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DS2: response timeout, inter-byte (both sides) and request gap, at each limit and 1 ns beyond. */
class TimingValidatorDs2Test {

    /** The body module's ident request and the real answer (domain notes). */
    private static final String IDENT = "00 04 00 04";

    private static final String IDENT_OK = "00 10 A0 88 36 94 83 14 03 02 00 09 96 02 13 82";

    private static TimingValidatorTraces exchange(TimingValidatorTraces t) {
        return t.tester(IDENT, MS).pause(10 * MS).ecu(IDENT_OK, MS);
    }

    @Test
    void theIdentExchangeHasNoViolation() {
        TimingValidatorTraces t = exchange(exchange(trace()).pause(10 * MS));

        assertThat(TimingValidator.ds2(t.entries(), DS2)).isEmpty();
        assertThat(IDENT_OK).isEqualTo(TimingValidatorTraces.ds2("00 10 A0 88 36 94 83 14 03 02 00 09 96 02 13"));
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void responseTimeout(long beyond) {
        TimingValidatorTraces t = trace().tester(IDENT, MS).pause(100 * MS + beyond);
        int answer = t.next();
        t.ecu(IDENT_OK, MS);

        expect(
                TimingValidator.ds2(t.entries(), DS2),
                beyond,
                Violation.DS2_RESPONSE,
                ECU,
                100 * MS + beyond,
                100 * MS,
                ABOVE_MAX,
                answer,
                IDENT + " | " + IDENT_OK);
    }

    @Test
    void aQuickAnswerIsNoViolation() {
        TimingValidatorTraces t = trace().tester(IDENT, MS).pause(1).ecu(IDENT_OK, 1);

        assertThat(TimingValidator.ds2(t.entries(), DS2)).isEmpty();
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void testerInterByte(long beyond) {
        TimingValidatorTraces t = trace().gaps(TESTER, IDENT, MS, 10 * MS + beyond, MS);
        if (beyond == 0) {
            t.pause(10 * MS).ecu(IDENT_OK, MS);
        }
        t.pause(200 * MS);
        exchange(t);

        expect(
                TimingValidator.ds2(t.entries(), DS2),
                beyond,
                Violation.DS2_INTER_BYTE,
                TESTER,
                10 * MS + beyond,
                10 * MS,
                ABOVE_MAX,
                2,
                "00 04 | 00 04");
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void ecuInterByte(long beyond) {
        TimingValidatorTraces t = trace().tester(IDENT, MS).pause(10 * MS);
        int fifth = t.next() + 4;
        t.gaps(ECU, IDENT_OK, MS, MS, MS, 10 * MS + beyond, MS, MS, MS, MS, MS, MS, MS, MS, MS, MS, MS)
                .pause(10 * MS);
        exchange(t);

        expect(
                TimingValidator.ds2(t.entries(), DS2),
                beyond,
                Violation.DS2_INTER_BYTE,
                ECU,
                10 * MS + beyond,
                10 * MS,
                ABOVE_MAX,
                fifth,
                "00 10 A0 88 | 36 94 83 14 03 02 00 09 96 02 13 82");
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void requestGapAfterAnAnswer(long beyond) {
        TimingValidatorTraces t = exchange(trace()).pause(10 * MS - beyond);
        int request = t.next();
        exchange(t);

        expect(
                TimingValidator.ds2(t.entries(), DS2),
                beyond,
                Violation.DS2_REQUEST_GAP,
                TESTER,
                10 * MS - beyond,
                10 * MS,
                BELOW_MIN,
                request,
                IDENT_OK + " | " + IDENT);
    }

    @ParameterizedTest(name = "{0} ns beyond")
    @ValueSource(longs = {0, 1})
    void requestGapAfterARequestWithoutAnswer(long beyond) {
        TimingValidatorTraces t = trace().tester(IDENT, MS).pause(10 * MS - beyond);
        int request = t.next();
        exchange(t);

        expect(
                TimingValidator.ds2(t.entries(), DS2),
                beyond,
                Violation.DS2_REQUEST_GAP,
                TESTER,
                10 * MS - beyond,
                10 * MS,
                BELOW_MIN,
                request,
                IDENT + " | " + IDENT);
    }

    @Test
    void aTelegramWhoseLengthCannotBeRightEndsAtAGapWithoutViolation() {
        TimingValidatorTraces t = trace().tester("00 02 00 02", MS).pause(50 * MS);
        exchange(t);

        assertThat(TimingValidator.ds2(t.entries(), DS2)).isEmpty();
    }
}
