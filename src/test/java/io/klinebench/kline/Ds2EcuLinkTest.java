package io.klinebench.kline;

import static io.klinebench.time.Durations.MS;
import static io.klinebench.time.Durations.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.TraceEntry;
import io.klinebench.line.VirtualLine;
import io.klinebench.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DS2 link in virtual time: answer instants, addressing, bad telegrams, the tester's inter-byte limit. */
class Ds2EcuLinkTest {

    private static final Ds2Timing T = Ds2Timing.typical();

    private final VirtualClock clock = new VirtualClock();
    private final VirtualLine line = new VirtualLine(clock, true);
    private final List<LinkEvent> events = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();

    Ds2EcuLinkTest() {
        new Ds2EcuLink(
                clock,
                line.ecu(),
                LineConditions.bench(),
                0x00,
                T,
                (data, now) -> {
                    requests.add(Hex.of(data));
                    return Reply.answer((byte) 0xA0, (byte) 0x88);
                },
                events::add);
    }

    private long sendAt(long at, long gap, byte[] bytes) {
        long t = at;
        for (byte b : bytes) {
            clock.advanceTo(t);
            line.tester().send(b & 0xFF);
            t += gap;
        }
        return t - gap;
    }

    private List<TraceEntry> ecuBytes() {
        return line.trace().stream().filter(t -> t.from() == Direction.ECU).toList();
    }

    @Test
    void identIsAnsweredAfterTheResponseDelayWithTheInterByteGap() {
        long end = sendAt(S, MS, Hex.parse("00 04 00 04"));
        clock.advanceBy(S);
        assertThat(requests).containsExactly("00");
        List<TraceEntry> answer = ecuBytes();
        assertThat(Hex.of(toBytes(answer)))
                .isEqualTo(Hex.of(new Ds2Telegram(0x00, new byte[] {(byte) 0xA0, (byte) 0x88}).encode()));
        for (int i = 0; i < answer.size(); i++) {
            assertThat(answer.get(i).at()).isEqualTo(end + T.ecuResponseDelay() + i * T.ecuInterByte());
        }
    }

    @Test
    void otherAddressesBadChecksumsAndTruncatedTelegramsGetNoAnswer() {
        sendAt(S, MS, new Ds2Telegram(0x12, new byte[] {0x00}).encode());
        sendAt(2 * S, MS, Hex.parse("00 04 00 05"));
        sendAt(3 * S, T.testerInterByteMax() + 1, Hex.parse("00 04 00 04"));
        clock.advanceBy(S);
        assertThat(ecuBytes()).isEmpty();
        assertThat(requests).isEmpty();
        sendAt(5 * S, T.testerInterByteMax(), Hex.parse("00 04 00 04"));
        clock.advanceBy(S);
        assertThat(requests).containsExactly("00");
    }

    private static byte[] toBytes(List<TraceEntry> entries) {
        byte[] out = new byte[entries.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) entries.get(i).value();
        }
        return out;
    }
}
