package io.klinebench.kline;

import static io.klinebench.kline.TimingValidatorTraces.DS2;
import static io.klinebench.kline.TimingValidatorTraces.READ;
import static io.klinebench.kline.TimingValidatorTraces.READ_OK;
import static io.klinebench.kline.TimingValidatorTraces.STD;
import static io.klinebench.kline.TimingValidatorTraces.trace;
import static io.klinebench.line.Direction.TESTER;
import static io.klinebench.time.Durations.MS;
import static io.klinebench.time.Durations.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.time.Uncertainty;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stamps from a real transport may each be off by its stated uncertainty: the validator frames
 * as a lenient link layer on that line does, and a rule broken by no more than the uncertainty
 * is not decidable; a cut-off frame is followed by new frames, as the link layer reads them.
 */
class TimingValidatorUncertaintyTest {

    private static final Uncertainty PTY = new Uncertainty(10 * MS, "a pty, stated");

    @Test
    void aGapWithinTheUncertaintyBeyondP4maxDoesNotCutTheRequestAndIsNotDecidable() {
        TimingValidatorTraces t = trace().fastInit().pause(100 * MS);
        t.gaps(TESTER, READ, 5 * MS, 25 * MS, 5 * MS, 5 * MS, 5 * MS)
                .pause(30 * MS)
                .ecu(READ_OK, MS);

        List<Violation> exact = TimingValidator.kwp(t.entries(), STD);
        List<Violation> fromAPty = TimingValidator.kwp(t.entries(), STD, PTY);

        // exact stamps: the 25 ms gap cuts the request, a violation beyond doubt
        assertThat(exact).singleElement().satisfies(v -> {
            assertThat(v.parameter()).isEqualTo(Violation.P4);
            assertThat(v.beyond(Uncertainty.NONE)).isTrue();
        });
        // a pty's stamps: the request is whole, P4 25 ms is 5 ms over, within the 10 ms the stamps may be off
        assertThat(fromAPty).singleElement().satisfies(v -> {
            assertThat(v.parameter()).isEqualTo(Violation.P4);
            assertThat(v.measuredNanos()).isEqualTo(25 * MS);
            assertThat(v.context()).isEqualTo("82 40 | F1 21 01 D5");
            assertThat(v.beyond(PTY)).isFalse();
        });
    }

    @Test
    void aGapBeyondTheUncertaintyIsAViolationBeyondDoubt() {
        TimingValidatorTraces t = trace().fastInit().pause(100 * MS);
        t.gaps(TESTER, READ, 5 * MS, 31 * MS, 5 * MS, 5 * MS, 5 * MS)
                .pause(30 * MS)
                .ecu(READ_OK, MS);

        assertThat(TimingValidator.kwp(t.entries(), STD, PTY)).singleElement().satisfies(v -> {
            assertThat(v.parameter()).isEqualTo(Violation.P4);
            assertThat(v.beyond(PTY)).isTrue();
        });
    }

    @Test
    void bytesBunchedByTheReaderAreTooCloseOnlyWithinTheUncertainty() {
        TimingValidatorTraces t = trace().fastInit().pause(100 * MS);
        t.gaps(TESTER, READ, 5 * MS, 5 * MS, 0, 0, 5 * MS).pause(30 * MS).ecu(READ_OK, MS);

        List<Violation> v = TimingValidator.kwp(t.entries(), STD, PTY);

        assertThat(v).hasSize(2).allSatisfy(x -> {
            assertThat(x.parameter()).isEqualTo(Violation.P4);
            assertThat(x.beyond(PTY)).isFalse();
        });
    }

    @Test
    void aRequestLongAfterACutOffFrameIsANewRequestNotItsRest() {
        // a request cut off after two bytes; a whole new one a second later, answered: as the
        // link layer reads it (it dropped the cut one at P4max), the second is a request
        TimingValidatorTraces t = trace().fastInit().pause(100 * MS);
        int cut = t.next();
        t.bytes(TESTER, "82 40", 5 * MS).pause(1 * S);
        int second = t.next();
        t.tester(READ, 10 * MS).pause(60 * MS).ecu(READ_OK, MS);

        List<Violation> v = TimingValidator.kwp(t.entries(), STD);

        assertThat(v).hasSize(2);
        assertThat(v.get(0).parameter()).isEqualTo(Violation.P4);
        assertThat(v.get(0).index()).isEqualTo(second);
        // the answer came 60 ms after the new request's end: judged by P2 from that request
        assertThat(v.get(1).parameter()).isEqualTo(Violation.P2);
        assertThat(v.get(1).measuredNanos()).isEqualTo(60 * MS);
        assertThat(cut).isLessThan(second);
    }

    @Test
    void ds2FramesWithinTheUncertaintyToo() {
        TimingValidatorTraces t = trace();
        t.gaps(TESTER, "00 04 00 04", 1 * MS, 15 * MS, 1 * MS).pause(20 * MS).ecu("00 04 A0 A4", MS);

        assertThat(TimingValidator.ds2(t.entries(), DS2)).hasSize(1).allMatch(x -> x.beyond(Uncertainty.NONE));
        assertThat(TimingValidator.ds2(t.entries(), DS2, PTY)).singleElement().satisfies(x -> {
            assertThat(x.parameter()).isEqualTo(Violation.DS2_INTER_BYTE);
            assertThat(x.beyond(PTY)).isFalse();
        });
    }
}
