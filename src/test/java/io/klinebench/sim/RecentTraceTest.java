package io.klinebench.sim;

import static io.klinebench.time.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import org.junit.jupiter.api.Test;

/** What a tester's end saw of its own request: the gaps it wrote, and the gaps its echo shows. */
class RecentTraceTest {

    @Test
    void theEchoShowsARequestTheLineDeliveredStretched() {
        RecentTrace t = new RecentTrace(64);
        // 82 40 F1 21 01 D5 written 10 ms apart; the line held the last two back 160 ms
        int[] request = {0x82, 0x40, 0xF1, 0x21, 0x01, 0xD5};
        for (int i = 0; i < request.length; i++) {
            t.accept(TraceEntry.ofByte(i * 10 * MS, Direction.TESTER, request[i]));
            long echoAt = i < 4 ? i * 10 * MS + MS : 200 * MS + i * MS;
            t.accept(TraceEntry.ofByte(echoAt, Direction.ECU, request[i]));
        }
        assertThat(t.longestGap(Direction.TESTER, 0, 50 * MS)).isEqualTo(10 * MS);
        assertThat(t.longestEchoGap(0, 6)).isEqualTo(204 * MS - 31 * MS);
        assertThat(t.longestEchoGap(0, 7)).as("not all came back").isZero();
        assertThat(t.longestEchoGap(0, 4)).isEqualTo(10 * MS);
    }

    @Test
    void itsAccountSaysWhatWasWrittenAndReadSinceTheRequestAndHowLongNothingCame() {
        RecentTrace t = new RecentTrace(64);
        t.accept(TraceEntry.ofByte(0, Direction.ECU, 0x55)); // an earlier exchange's last byte
        int[] request = {0x00, 0x04, 0x00, 0x04};
        for (int i = 0; i < request.length; i++) {
            t.accept(TraceEntry.ofByte(100 * MS + i * 2 * MS, Direction.TESTER, request[i]));
        }
        t.accept(TraceEntry.ofByte(103 * MS, Direction.ECU, 0x00));
        t.accept(TraceEntry.ofByte(130 * MS, Direction.ECU, 0x04));

        assertThat(t.account(100 * MS, 1_130 * MS))
                .isEqualTo("wrote 00 04 00 04 (0.0 to 6.0 ms, longest gap 2.0 ms); read 00 04 (3.0 to 30.0 ms, longest"
                        + " gap 27.0 ms); then nothing for 1000.0 ms");
    }

    @Test
    void anAccountOfSilenceSaysNothingCameEitherWay() {
        RecentTrace t = new RecentTrace(64);
        t.accept(TraceEntry.ofByte(0, Direction.TESTER, 0x55));
        assertThat(t.account(10 * MS, 510 * MS)).isEqualTo("wrote nothing; read nothing; then nothing for 500.0 ms");
    }
}
