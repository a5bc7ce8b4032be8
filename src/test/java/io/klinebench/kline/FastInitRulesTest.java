package io.klinebench.kline;

import static io.klinebench.time.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.time.Uncertainty;
import org.junit.jupiter.api.Test;

class FastInitRulesTest {

    private static final KwpTiming STANDARD = KwpTiming.standard();
    private static final FastInitRules STRICT = new FastInitRules(STANDARD, LineConditions.bench());
    private static final FastInitRules LENIENT =
            new FastInitRules(STANDARD, LineConditions.real(false, new Uncertainty(25 * MS, "a pty, stated")));

    @Test
    void aWakeUpIsTiniLLowAfterTheIdleAskedFor() {
        assertThat(STRICT.wakeUp(25 * MS, 300 * MS, 300 * MS, STANDARD)).isInstanceOf(FastInitRules.Taken.class);
        assertThat(STRICT.wakeUp(30 * MS, 300 * MS, 0, STANDARD))
                .isEqualTo(new FastInitRules.Refused("K low for 30ms, TiniL is 25ms +- 1ms"));
        assertThat(STRICT.wakeUp(25 * MS, 299 * MS, 300 * MS, STANDARD))
                .isEqualTo(new FastInitRules.Refused("only 299ms idle before it; 300ms needed"));
        // the line's leniency does not reach the wake-up's own low time
        assertThat(LENIENT.wakeUp(30 * MS, 300 * MS, 0, STANDARD)).isInstanceOf(FastInitRules.Refused.class);
    }

    @Test
    void anEarlyStartCommunicationIsTakenOnlyOnALenientLineAndOnlyAfterTheLowTime() {
        assertThat(STRICT.afterWakeUp(50 * MS)).isInstanceOf(FastInitRules.Taken.class);
        assertThat(STRICT.afterWakeUp(500 * MS)).isInstanceOf(FastInitRules.Taken.class);
        assertThat(STRICT.afterWakeUp(40 * MS))
                .isEqualTo(new FastInitRules.Refused("StartCommunication 40ms after the wake-up began; TWuP is 50ms"));
        assertThat(LENIENT.afterWakeUp(40 * MS)).isInstanceOf(FastInitRules.Tolerated.class);
        assertThat(((FastInitRules.Tolerated) LENIENT.afterWakeUp(40 * MS)).why())
                .contains("40ms after the wake-up began, below TWuP 49ms");
        assertThat(LENIENT.afterWakeUp(24 * MS)).isInstanceOf(FastInitRules.Refused.class);
    }

    @Test
    void aStartCommunicationWithNoWakeUpIsAnInitOfItsOwnOnlyOnALenientLineAfterTWuPOfSilence() {
        assertThat(STRICT.withoutWakeUp(10_000 * MS))
                .isEqualTo(new FastInitRules.Refused("StartCommunication without a wake-up pattern"));
        assertThat(LENIENT.withoutWakeUp(49 * MS)).isInstanceOf(FastInitRules.Refused.class);
        assertThat(LENIENT.withoutWakeUp(50 * MS)).isInstanceOf(FastInitRules.Tolerated.class);
    }
}
