package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.Direction;
import io.klinebench.time.Durations;
import io.klinebench.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tester on a real UART makes its inits with breaks: K low for TiniL, and a 5-baud address bit by bit. */
class SerialLineBreakTest {

    /** A port that can hold a break, recording when the line went low or high. */
    private static final class BreakPort implements PortChannel {
        final List<String> line = new ArrayList<>();
        final VirtualClock clock;

        BreakPort(VirtualClock clock) {
            this.clock = clock;
        }

        @Override
        public String name() {
            return "fake-uart";
        }

        @Override
        public void open() {}

        @Override
        public void close() {}

        @Override
        public int read(byte[] buffer) {
            return -1;
        }

        @Override
        public void write(int value) {
            line.add(clock.nanos() / Durations.MS + "ms byte " + value);
        }

        @Override
        public boolean setBreak(boolean on) {
            line.add(clock.nanos() / Durations.MS + "ms " + (on ? "low" : "high"));
            return true;
        }
    }

    @Test
    void fastInitWakeUpIsABreakOfTiniL() {
        VirtualClock clock = new VirtualClock();
        BreakPort port = new BreakPort(clock);
        SerialLine line = new SerialLine(clock, port, Direction.TESTER, false);
        clock.advanceTo(100 * Durations.MS);
        line.sendLow(25 * Durations.MS);
        clock.advanceBy(Durations.S);
        assertThat(port.line).containsExactly("100ms low", "125ms high");
    }

    @Test
    void fiveBaudAddressIsSentBitByBitWithBreaks() {
        VirtualClock clock = new VirtualClock();
        BreakPort port = new BreakPort(clock);
        SerialLine line = new SerialLine(clock, port, Direction.TESTER, false);
        port.line.clear();
        line.sendSlow(0x33); // 0011 0011: LSB first 1,1,0,0,1,1,0,0
        port.line.clear(); // the probe that asked whether breaks work
        clock.advanceBy(3 * Durations.S);
        assertThat(port.line)
                .containsExactly(
                        "0ms low",
                        "200ms high",
                        "400ms high",
                        "600ms low",
                        "800ms low",
                        "1000ms high",
                        "1200ms high",
                        "1400ms low",
                        "1600ms low",
                        "1800ms high",
                        "2000ms high");
    }
}
