package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.BaudEvidence;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The baud watch of a pty master: changes, not the baseline; the last few kept. */
class BaudWatchTest {

    private static BaudEvidence.Switch at(long t, int baud) {
        return new BaudEvidence.Switch(t, baud);
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
