package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import org.junit.jupiter.api.Test;

class RecentTraceTest {

    @Test
    void theLongestGapIsBetweenOneSidesBytesWithinTheSpan() {
        RecentTrace t = new RecentTrace(16);
        t.accept(TraceEntry.ofByte(0, Direction.TESTER, 0x80));
        t.accept(TraceEntry.ofByte(5, Direction.TESTER, 0x40));
        t.accept(TraceEntry.ofByte(6, Direction.ECU, 0x40)); // the other side's: not ours
        t.accept(TraceEntry.ofByte(112, Direction.TESTER, 0xF1));
        t.accept(TraceEntry.ofByte(118, Direction.TESTER, 0x3E));
        t.accept(TraceEntry.ofByte(500, Direction.TESTER, 0x00)); // after the span

        assertThat(t.longestGap(Direction.TESTER, 0, 118)).isEqualTo(107);
        assertThat(t.longestGap(Direction.TESTER, 112, 118)).isEqualTo(6);
        assertThat(t.longestGap(Direction.TESTER, 118, 118)).isZero();
    }
}
