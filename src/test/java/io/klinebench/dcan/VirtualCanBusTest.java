package io.klinebench.dcan;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.Direction;
import io.klinebench.time.Durations;
import io.klinebench.time.VirtualClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the bus keeps of what it carried: bounded, for a sim on a port that runs for hours. */
class VirtualCanBusTest {

    @Test
    void itKeepsTheLatestFramesAndCountsTheOnesItNoLongerHolds() {
        VirtualClock clock = new VirtualClock();
        VirtualCanBus bus = new VirtualCanBus(clock, CanBitTiming.D_CAN);
        int carried = VirtualCanBus.KEEP + 5;
        for (int i = 0; i < carried; i++) {
            bus.send(new CanFrame(0x6F1, new byte[] {(byte) (i >> 8), (byte) i}), Direction.TESTER, end -> {});
            clock.advanceBy(Durations.MS);
        }

        List<CanTraceEntry> kept = bus.trace();
        assertThat(kept).hasSize(VirtualCanBus.KEEP);
        assertThat(bus.forgotten()).isEqualTo(5);
        assertThat(kept.get(0).frame().data()).containsExactly(0, 5); // the sixth frame sent is the earliest kept
        assertThat(kept.get(kept.size() - 1).frame().data())
                .containsExactly((byte) ((carried - 1) >> 8), (byte) (carried - 1));
    }

    @Test
    void aShortConversationIsKeptWhole() {
        VirtualClock clock = new VirtualClock();
        VirtualCanBus bus = new VirtualCanBus(clock, CanBitTiming.D_CAN);
        bus.send(new CanFrame(0x6F1, new byte[] {0x40, 0x02, 0x21, 0x01}), Direction.TESTER, end -> {});
        clock.advanceBy(Durations.MS);
        assertThat(bus.trace()).hasSize(1);
        assertThat(bus.forgotten()).isZero();
    }
}
