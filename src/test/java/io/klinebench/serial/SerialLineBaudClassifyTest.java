package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.LineEvent;
import io.klinebench.time.Durations;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The init rules of {@link SerialLine} with a fake baud history (nanos; the byte arrives at T). */
class SerialLineBaudClassifyTest {

    private static final long MS = Durations.MS;
    private static final long T = 10_000 * MS;
    private static final int ADDR = 0x40;
    private static final long W5 = 300 * MS;

    private static LineEvent classify(int b, long idle, boolean alone, List<BaudWatch.Change> changes) {
        return SerialLine.classify(b, T, idle, alone, ADDR, W5, changes);
    }

    private static BaudWatch.Change at(long t, int baud) {
        return new BaudWatch.Change(t, baud);
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
        List<BaudWatch.Change> old = List.of(at(T - 150 * MS, 360), at(T - 120 * MS, 10400));
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
    void watchRecordsChangesNotTheBaselineAndKeepsTheLastFew() {
        AtomicInteger baud = new AtomicInteger(10400);
        AtomicLong now = new AtomicLong(0);
        BaudWatch w = new BaudWatch(baud::get, now::get, "fake");
        w.pollNow();
        assertThat(w.history()).isEmpty();
        for (int i = 1; i <= 10; i++) {
            now.set(i);
            baud.set(i % 2 == 0 ? 10400 : 360);
            w.pollNow();
        }
        assertThat(w.history()).hasSize(BaudWatch.KEEP).first().isEqualTo(at(3, 360));
        assertThat(w.history()).last().isEqualTo(at(10, 10400));
        baud.set(-1);
        w.pollNow();
        assertThat(w.current()).isEqualTo(10400);
    }
}
