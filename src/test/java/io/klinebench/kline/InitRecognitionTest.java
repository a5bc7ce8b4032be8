package io.klinebench.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.BaudEvidence;
import io.klinebench.line.InitCues;
import io.klinebench.line.LineEvent;
import io.klinebench.time.Durations;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a pty's inits are recognised ({@link InitRecognition}), with a fake baud history (nanos; the byte arrives at T). */
class InitRecognitionTest {

    private static final long MS = Durations.MS;
    private static final long T = 10_000 * MS;
    private static final int ADDR = 0x40;
    private static final long W5 = 300 * MS;

    /** The standard's TiniL and P4max, the ECU's address and the functional one, W5. */
    private static final InitCues CUES = new InitCues(ADDR, 0x33, 25 * MS, 20 * MS, W5, 0);

    private static LineEvent classify(int b, long idle, boolean alone, List<BaudEvidence.Switch> changes) {
        return InitRecognition.classify(b, T, idle, alone, CUES, changes);
    }

    private static BaudEvidence.Switch at(long t, int baud) {
        return new BaudEvidence.Switch(t, baud);
    }

    @Test
    void zeroAt360BaudIsTheWakeUpPlacedAtTheSwitch() {
        LineEvent e = classify(0x00, 5 * MS, true, List.of(at(T - 3000 * MS, 10400), at(T - 200_000, 360)));
        // idle 5 ms would fail the old rule: the baud is the evidence; 9 bits at 360 baud = 25 ms
        assertThat(e).isEqualTo(new LineEvent.Low(T - 200_000, 25 * MS));
    }

    @Test
    void switchSeenJustAfterTheByteStillCounts() {
        LineEvent e = classify(0x00, 500 * MS, true, List.of(at(T - 50 * MS, 10400), at(T + 300_000, 360)));
        assertThat(e).isEqualTo(new LineEvent.Low(T + 300_000, 25 * MS));
    }

    @Test
    void switchBackAfterTheByteDoesNotHideThe360() {
        LineEvent e = classify(0x00, 500 * MS, true, List.of(at(T - 1 * MS, 360), at(T + 500_000, 10400)));
        assertThat(e).isEqualTo(new LineEvent.Low(T - 1 * MS, 25 * MS));
    }

    @Test
    void addressAt5BaudIsTheFiveBaudByteAtTheSwitch() {
        LineEvent e = classify(ADDR, 1 * MS, true, List.of(at(T - 100_000, 5)));
        assertThat(e).isEqualTo(new LineEvent.SlowByte(T - 100_000, 2 * Durations.S, ADDR));
    }

    @Test
    void zeroAt5BaudIsNotAFastInit() {
        LineEvent e = classify(0x00, 500 * MS, true, List.of(at(T - 1 * MS, 5)));
        assertThat(e).isInstanceOf(LineEvent.SlowByte.class);
    }

    @Test
    void addressAt360BaudIsNotAFiveBaudInit() {
        LineEvent e = classify(ADDR, 500 * MS, true, List.of(at(T - 1 * MS, 360)));
        assertThat(e).isEqualTo(new LineEvent.Byte(T, ADDR));
    }

    @Test
    void noRecentSwitchFallsBackToTheOldRules() {
        List<BaudEvidence.Switch> old = List.of(at(T - 150 * MS, 360), at(T - 120 * MS, 10400));
        assertThat(classify(0x00, 30 * MS, true, old)).isEqualTo(new LineEvent.Low(T - 25 * MS, 25 * MS));
        assertThat(classify(0x00, 10 * MS, true, old)).isEqualTo(new LineEvent.Byte(T, 0x00));
        assertThat(classify(ADDR, 400 * MS, true, List.of()))
                .isEqualTo(new LineEvent.SlowByte(T - 2 * Durations.S, 2 * Durations.S, ADDR));
    }

    @Test
    void recentSwitchToTheNormalBaudIsNoEvidenceSoTheFallbackDecides() {
        assertThat(classify(0x00, 30 * MS, true, List.of(at(T - 40 * MS, 10400))))
                .isEqualTo(new LineEvent.Low(T - 25 * MS, 25 * MS));
    }

    @Test
    void withoutAWatchTheOldRulesApply() {
        assertThat(classify(0x00, 30 * MS, true, null)).isEqualTo(new LineEvent.Low(T - 25 * MS, 25 * MS));
        assertThat(classify(ADDR, 400 * MS, false, null)).isEqualTo(new LineEvent.Byte(T, ADDR));
    }

    @Test
    void theFunctionalAddressAloneAfterW5IsAFiveBaudInitToo() {
        assertThat(classify(0x33, 400 * MS, true, null))
                .isEqualTo(new LineEvent.SlowByte(T - 2 * Durations.S, 2 * Durations.S, 0x33));
        assertThat(classify(0x34, 400 * MS, true, null)).isEqualTo(new LineEvent.Byte(T, 0x34));
    }

    @Test
    void aZeroExactlyP4maxAfterTheLastByteIsStillAFrameByte() {
        assertThat(classify(0x00, 20 * MS, true, null)).isEqualTo(new LineEvent.Byte(T, 0x00));
        assertThat(classify(0x00, 20 * MS + 1, true, null)).isEqualTo(new LineEvent.Low(T - 25 * MS, 25 * MS));
    }

    @Test
    void aZeroDeliveredLateAfterTheTesterSwitchedBackIsStillTheWakeUpWithinTheLinesUncertainty() {
        // the tester switched to 360 baud, wrote 0x00 and switched back 25 ms later; the pty
        // delivered the byte 67 ms after the switch (found under load)
        List<BaudEvidence.Switch> h = List.of(at(T - 67 * MS, 360), at(T - 42 * MS, 10400));
        InitCues late = new InitCues(ADDR, 0x33, 25 * MS, 20 * MS, W5, 100 * MS);

        assertThat(InitRecognition.classify(0x00, T, 500 * MS, true, late, h))
                .isEqualTo(new LineEvent.Low(T - 67 * MS, 25 * MS));
        // on a line that delivers within 100 ms anyway the switch is recent enough; 150 ms is not
        assertThat(InitRecognition.classify(
                        0x00, T, 500 * MS, true, late, List.of(at(T - 150 * MS, 360), at(T - 125 * MS, 10400))))
                .isEqualTo(new LineEvent.Low(T - 25 * MS, 25 * MS));
    }
}
