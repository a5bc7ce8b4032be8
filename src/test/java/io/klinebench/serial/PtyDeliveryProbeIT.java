package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.time.CpuStop;
import io.klinebench.time.Durations;
import io.klinebench.time.SystemClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The probe of the kernel's pty delivery on a real pty pair: bytes that do not come through
 * (here: nobody reads them yet, as when the kernel holds them) are a stall going on, counted
 * from the first one's writing; when they come, the stall is said once, from that writing to
 * their arrival.
 */
class PtyDeliveryProbeIT {

    private static final long MS = Durations.MS;

    @Test
    void bytesHeldBackAreAStallGoingOnAndSaidOnceWhenTheyCome() throws Exception {
        List<CpuStop> seen = new CopyOnWriteArrayList<>();
        try (SystemClock clock = new SystemClock("pty-delivery-probe-it");
                PtyDeliveryProbe probe = PtyDeliveryProbe.openUnread(clock, seen::add)) {
            long before = clock.nanos();
            probe.send();
            assertThat(probe.ongoing(clock.nanos()))
                    .as("just written: not late yet")
                    .satisfiesAnyOf(
                            s -> assertThat(s).isNull(),
                            s -> assertThat(s.from()).isGreaterThanOrEqualTo(before));
            Thread.sleep(30);
            probe.send();
            long now = clock.nanos();

            CpuStop going = probe.ongoing(now);
            assertThat(going).isNotNull();
            assertThat(going.cpu()).isEqualTo(CpuStop.PTY_DELIVERY);
            assertThat(going.from()).isBetween(before, before + 30 * MS);
            assertThat(going.to()).isEqualTo(now);
            assertThat(going.said()).startsWith("the kernel delivered no pty byte for ");

            probe.startReading();
            long deadline = System.nanoTime() + 10 * Durations.S;
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(seen).as("said when the bytes came").isNotEmpty();
            CpuStop said = seen.get(0);
            assertThat(said.cpu()).isEqualTo(CpuStop.PTY_DELIVERY);
            assertThat(said.from()).isEqualTo(going.from());
            assertThat(said.nanos()).isGreaterThanOrEqualTo(30 * MS);
            while (probe.ongoing(clock.nanos()) != null && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(probe.ongoing(clock.nanos()))
                    .as("nothing on its way once read")
                    .isNull();
            for (int i = 1; i < seen.size(); i++) { // a later read (the kernel slower still) adds only what is new
                assertThat(seen.get(i).from())
                        .as("said once")
                        .isGreaterThanOrEqualTo(seen.get(i - 1).to());
            }
        }
    }
}
