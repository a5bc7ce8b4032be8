package io.klinebench.kline;

import static io.klinebench.time.Durations.MS;
import static io.klinebench.time.Durations.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.KLineBus;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BMW's KWP2000* (concept 0x010D) in virtual time: golden telegrams (ISO 14230 header with its
 * LEN byte, XOR checksum, as ediabaslib's TransKwp2000S frames them), the module's response
 * delay exact, the request's inter-byte limit at the limit and 1 ns beyond, addressing, and a
 * broadcast (target EF) answered by two modules one after the other, each its own delay after
 * the previous frame on the line.
 */
class KwpStarLinkTest {

    /** Response delay 20 ms, 1 ms between answer bytes, 10 ms the longest gap inside a request. */
    private static final Ds2Timing EMS = new Ds2Timing(20 * MS, MS, 100 * MS, 10 * MS, 10 * MS, 30 * S);

    private static final Ds2Timing EHPS = new Ds2Timing(25 * MS, MS, 100 * MS, 10 * MS, 10 * MS, 30 * S);

    private final VirtualClock clock = new VirtualClock();
    private final KLineBus bus = new KLineBus(clock, true);
    private final List<LinkEvent> events = new ArrayList<>();

    private void module(String name, int address, Ds2Timing timing) {
        new KwpStarEcuLink(
                clock,
                bus.attach(name),
                LineConditions.bench(),
                address,
                timing,
                (data, now) -> Reply.answer((byte) ((data[0] & 0xFF) + 0x40), (byte) address),
                events::add);
    }

    private long send(LineEndpoint end, long at, long gap, String hex) {
        long t = at;
        for (byte b : Hex.parse(hex)) {
            clock.advanceTo(t);
            end.send(b & 0xFF);
            t += gap;
        }
        return t - gap;
    }

    private List<String> moduleBytes() {
        List<String> out = new ArrayList<>();
        List<TraceEntry> trace = bus.trace();
        for (int i = 0; i < trace.size(); i++) {
            if (trace.get(i).from() == Direction.ECU) {
                out.add(String.format(
                        "%d %s %02X",
                        trace.get(i).at() / 1000, bus.sender(i), trace.get(i).value()));
            }
        }
        return out;
    }

    @Test
    void goldenTelegramsEncodeAndDecodeAsEdiabasFramesThem() {
        // EMS2K IDENT: 1A 80 to 13 from F1; the immobilizer status answer 61 20 12
        assertThat(Hex.of(new KwpStarTelegram(0x13, 0xF1, Hex.parse("1A 80")).encode()))
                .isEqualTo("80 13 F1 02 1A 80 FA");
        assertThat(Hex.of(new KwpStarTelegram(0xF1, 0x13, Hex.parse("61 20 12")).encode()))
                .isEqualTo("80 F1 13 03 61 20 12 32");
        List<KwpStarTelegram> got = new ArrayList<>();
        KwpStarDecoder d = new KwpStarDecoder(10 * MS);
        d.onDecoded(x -> {
            if (x instanceof Decoded.Frame<KwpStarTelegram> f) {
                got.add(f.frame());
            }
        });
        long t = 0;
        for (byte b : Hex.parse("80 F1 13 03 61 20 12 32")) {
            d.feed(b & 0xFF, t += MS);
        }
        assertThat(got).containsExactly(new KwpStarTelegram(0xF1, 0x13, Hex.parse("61 20 12")));
    }

    @Test
    void theModuleAnswersItsResponseDelayAfterTheRequestExactly() {
        module("EMS2000 13", 0x13, EMS);
        long end = send(bus.tester(), S, MS, "80 13 F1 02 21 20 61");
        clock.advanceBy(S);
        assertThat(moduleBytes().get(0)).isEqualTo((end + 20 * MS) / 1000 + " EMS2000 13 80");
        assertThat(moduleBytes()).hasSize(7); // 80 F1 13 02 61 13 CS
        assertThat(events)
                .filteredOn(e -> e instanceof LinkEvent.Answered)
                .extracting(e -> ((LinkEvent.Answered) e).p2())
                .containsExactly(20 * MS);
    }

    @Test
    void aGapInTheRequestAtTheLimitIsTakenAndOneNanosecondMoreDropsIt() {
        module("EMS2000 13", 0x13, EMS);
        send(bus.tester(), S, 10 * MS, "80 13 F1 02 21 20 61");
        clock.advanceBy(S);
        assertThat(events).anyMatch(e -> e instanceof LinkEvent.Answered);

        events.clear();
        send(bus.tester(), 3 * S, 10 * MS + 1, "80 13 F1 02 21 20 61");
        clock.advanceBy(S);
        assertThat(events).noneMatch(e -> e instanceof LinkEvent.Answered);
        assertThat(events)
                .filteredOn(e -> e instanceof LinkEvent.FrameDropped)
                .extracting(e -> ((LinkEvent.FrameDropped) e).reason())
                .contains("inter_byte_timeout");
    }

    @Test
    void anotherModulesTelegramAndABadChecksumGetNoAnswerAndSaySo() {
        module("EMS2000 13", 0x13, EMS);
        send(bus.tester(), S, MS, "80 31 F1 02 1A 80 D8");
        send(bus.tester(), 2 * S, MS, "80 13 F1 02 1A 80 FB");
        clock.advanceBy(S);
        assertThat(moduleBytes()).isEmpty();
        assertThat(events)
                .filteredOn(e -> e instanceof LinkEvent.Ignored)
                .extracting(e -> ((LinkEvent.Ignored) e).why())
                .containsExactly("addressed to 31, we are 13");
        assertThat(events)
                .filteredOn(e -> e instanceof LinkEvent.FrameDropped)
                .extracting(e -> ((LinkEvent.FrameDropped) e).reason())
                .containsExactly("bad_checksum");
    }

    @Test
    void aBroadcastIsAnsweredByEveryModuleEachItsDelayAfterThePreviousFrame() {
        module("EMS2000 13", 0x13, EMS);
        module("EHPS 31", 0x31, EHPS);
        List<LinkEvent> tester = new ArrayList<>();
        new KwpStarTester(
                        clock, bus.tester(), LineConditions.bench(), KwpStarTelegram.BROADCAST, 0xF1, EMS, tester::add)
                .send(Hex.parse("1A 80"));
        clock.advanceTo(0);
        clock.advanceBy(S);
        // request 80 EF F1 02 1A 80 CS: 7 bytes 1 ms apart from 0, the last at 6 ms.
        // EMS2000 (20 ms): 26..32 ms. EHPS's own plan (31 ms) falls inside it: 25 ms after 32 ms.
        assertThat(moduleBytes().get(0)).isEqualTo("26000 EMS2000 13 80");
        assertThat(moduleBytes().get(6)).isEqualTo("32000 EMS2000 13 " + xor("80 F1 13 02 5A 13"));
        assertThat(moduleBytes().get(7)).isEqualTo("57000 EHPS 31 80");
        assertThat(tester)
                .filteredOn(e -> e instanceof LinkEvent.TesterReceived)
                .extracting(e -> Hex.of(((LinkEvent.TesterReceived) e).data().toArray()))
                .containsExactly("5A 13", "5A 31");
    }

    private static String xor(String hex) {
        return String.format("%02X", Ds2Telegram.xor(Hex.parse(hex), 0, Hex.parse(hex).length));
    }
}
