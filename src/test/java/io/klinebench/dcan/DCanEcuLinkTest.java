package io.klinebench.dcan;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.bench.Bench;
import io.klinebench.bench.CarSetup;
import io.klinebench.bench.KeySpec;
import io.klinebench.config.ConfigException;
import io.klinebench.kline.Decoded;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.line.Hex;
import io.klinebench.line.LineEvent;
import io.klinebench.line.VirtualLine;
import io.klinebench.time.Clock;
import io.klinebench.time.CpuStop;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Durations;
import io.klinebench.time.Uncertainty;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The R56 read over D-CAN in virtual time, the real profile's car and services behind the JBE:
 * a tester writes BMW-FAST telegrams to the cable's serial side and reads the ritual's state
 * (ignition and cycle counter, learn window, a remote slot), every instant exact: the request's
 * last byte, one CAN frame (270 µs) to the CAS, its answer delay, the answer's frames, the
 * answer's bytes at 115200 baud. An address the JBE does not route is said as ignored.
 */
class DCanEcuLinkTest {

    static final long FRAME = 270 * Durations.US;
    static final long BYTE = DCanTiming.standard().serialByte();
    static final long P2 = DCanTiming.standard().ecuP2();

    Bench bench;
    Clock clock;
    VirtualLine line;
    DCanEcuLink link;
    final List<LinkEvent> events = new ArrayList<>();
    final List<Decoded.Frame<BmwFastTelegram>> answers = new ArrayList<>();

    @BeforeEach
    void car() throws ConfigException {
        bench = Bench.of("r56-2007-2013", CarSetup.of(KeySpec.remoteKey("A", 0x1A2B3C, 0)));
        clock = bench.rig().clock();
        line = new VirtualLine(clock, false);
        link = new DCanEcuLink(
                clock,
                line.ecu(),
                LineConditions.bench(),
                0x40,
                0xF1,
                DCanTiming.standard(),
                bench.rig().diagnostics().orElseThrow().application(),
                events::add);
        BmwFastDecoder tester = new BmwFastDecoder(10 * Durations.MS);
        tester.onDecoded(d -> {
            if (d instanceof Decoded.Frame<BmwFastTelegram> f) {
                answers.add(f);
            }
        });
        line.tester().onReceive(e -> tester.feed(((LineEvent.Byte) e).value(), e.at()));
    }

    /** Writes a telegram at 115200 baud from now; returns its last byte's instant. */
    long send(BmwFastTelegram t) {
        byte[] b = t.encode();
        long start = clock.nanos();
        for (int i = 0; i < b.length; i++) {
            int v = b[i] & 0xFF;
            clock.schedule(start + i * BYTE, () -> line.tester().send(v));
        }
        return start + (b.length - 1) * BYTE;
    }

    BmwFastTelegram request(String hex) {
        return new BmwFastTelegram(0x40, 0xF1, Hex.parse(hex));
    }

    @Test
    void theCycleCounterReadOverDCanWithEveryInstantExact() {
        bench.perform("console unlock")
                .after("1s", "insert A")
                .after("1s", "ignition 2")
                .advance("1s");
        long last = send(request("21 01"));
        bench.advance("100ms");

        assertThat(answers).hasSize(1);
        Decoded.Frame<BmwFastTelegram> a = answers.get(0);
        assertThat(Hex.of(a.raw())).isEqualTo("86 F1 40 61 01 01 03 00 03 20");
        // SF to the CAS, the CAS's answer delay, SF back, then 10 bytes on the serial side
        assertThat(a.firstAt()).isEqualTo(last + FRAME + P2 + FRAME);
        assertThat(a.lastAt()).isEqualTo(a.firstAt() + 9 * BYTE);
        assertThat(link.canTrace())
                .extracting(e -> e.frame().toString())
                .containsExactly("6F1 [40 02 21 01 00 00 00 00]", "640 [F1 06 61 01 01 03 00 03]");
        assertThat(IsoTpTimingCheck.judge(link.canTrace(), IsoTpTiming.standard()))
                .isEmpty();
        assertThat(events).filteredOn(e -> e instanceof LinkEvent.Ignored).isEmpty();
    }

    @Test
    void theCycleCounterCountsAsTheRitualGoesOn() {
        bench.perform("console unlock").after("1s", "insert A");
        for (int i = 0; i < 2; i++) {
            bench.after("1s", "ignition 2").after("1s", "ignition 0");
        }
        bench.advance("200ms");
        send(request("21 01"));
        bench.advance("100ms");
        assertThat(Hex.of(answers.get(0).frame().data())).startsWith("61 01 01").endsWith("02 03");
    }

    /** The identification table is longer than a single frame: FF, flow control from the cable (BS 0, STmin 0), CFs. */
    @Test
    void aLongAnswerComesAsAFirstFrameTheCablesFlowControlAndConsecutiveFrames() {
        send(request("1A 80"));
        bench.advance("100ms");
        assertThat(answers).hasSize(1);
        byte[] data = answers.get(0).frame().data();
        assertThat(data[0] & 0xFF).isEqualTo(0x5A);
        assertThat(data.length).isGreaterThan(6);
        List<String> frames =
                link.canTrace().stream().map(e -> e.frame().toString()).toList();
        assertThat(frames.get(1)).startsWith("640 [F1 1");
        assertThat(frames.get(2)).isEqualTo("6F1 [40 30 00 00 00 00 00 00]");
        assertThat(frames.subList(3, frames.size())).allMatch(f -> f.startsWith("640 [F1 2"));
        assertThat(frames).hasSize(3 + (data.length - 5 + 5) / 6);
        assertThat(IsoTpTimingCheck.judge(link.canTrace(), IsoTpTiming.standard()))
                .isEmpty();
    }

    @Test
    void aRemoteSlotIsReadOverDCan() {
        send(request("21 41"));
        bench.advance("100ms");
        assertThat(answers).hasSize(1);
        assertThat(Hex.of(answers.get(0).frame().data())).startsWith("61 41");
    }

    @Test
    void anAddressTheJbeDoesNotRouteIsIgnoredWithTheReason() {
        send(new BmwFastTelegram(0x12, 0xF1, Hex.parse("22 40 00")));
        bench.advance("100ms");
        assertThat(answers).isEmpty();
        assertThat(events)
                .filteredOn(e -> e instanceof LinkEvent.Ignored)
                .extracting(e -> ((LinkEvent.Ignored) e).why())
                .containsExactly("no module at 12 behind the JBE; it routes 40 (CAS)");
    }

    @Test
    void aBadTelegramIsDroppedAndSaidAndTheNextIsAnswered() {
        send(new BmwFastTelegram(0x40, 0xF1, Hex.parse("3E")));
        bench.advance("1ms");
        line.tester().send(0x82); // a telegram cut short: the cable's 3 ms then drop it
        bench.advance("10ms");
        send(request("21 01"));
        bench.advance("100ms");
        assertThat(events)
                .filteredOn(e -> e instanceof LinkEvent.FrameDropped)
                .extracting(e -> ((LinkEvent.FrameDropped) e).reason())
                .containsExactly("inter_byte_timeout");
        assertThat(answers).hasSize(2);
        assertThat(Hex.of(answers.get(0).frame().data())).isEqualTo("7E");
    }

    @Test
    void aTelegramWithGapsAtTheCablesLimitIsTakenOneNanosecondMoreCutsIt() {
        byte[] b = request("21 01").encode();
        long start = clock.nanos() + Durations.MS;
        for (int i = 0; i < b.length; i++) {
            int v = b[i] & 0xFF;
            clock.schedule(start + i * 3 * Durations.MS, () -> line.tester().send(v));
        }
        bench.advance("200ms");
        assertThat(answers).hasSize(1);

        answers.clear();
        long later = clock.nanos() + Durations.MS;
        for (int i = 0; i < b.length; i++) {
            int v = b[i] & 0xFF;
            clock.schedule(
                    later + i * (3 * Durations.MS + 1), () -> line.tester().send(v));
        }
        bench.advance("200ms");
        assertThat(answers).isEmpty();
        assertThat(events).anyMatch(e -> e instanceof LinkEvent.FrameDropped);
    }
    /**
     * On a pty (25 ms stated), a telegram with 80 ms between two of its bytes: past the cable's
     * 3 ms and the stamps' 25 ms, so it is cut; but when the kernel's pty delivery stalled 60 ms
     * in that gap (the byte was held, not late), it is taken and answered, as the K-line links
     * take it.
     */
    @Test
    void aGapThePtysStallHeldIsWidenedByTheStall() {
        assertThat(telegramWithA80msGapOnAPty(true))
                .noneMatch(e -> e instanceof LinkEvent.FrameDropped)
                .anyMatch(e -> e instanceof LinkEvent.FrameReceived);
        assertThat(telegramWithA80msGapOnAPty(false))
                .anySatisfy(e -> assertThat(e).isInstanceOf(LinkEvent.FrameDropped.class));
    }

    private List<LinkEvent> telegramWithA80msGapOnAPty(boolean stalled) {
        List<LinkEvent> seen = new ArrayList<>();
        VirtualLine pty = new VirtualLine(clock, false);
        long start = clock.nanos() + Durations.MS;
        CpuStops stops = stalled
                ? CpuStops.of(List.of(new CpuStop(
                        CpuStop.PTY_DELIVERY,
                        start + 2 * BYTE + 10 * Durations.MS,
                        start + 2 * BYTE + 70 * Durations.MS)))
                : CpuStops.NONE;
        new DCanEcuLink(
                clock,
                pty.ecu(),
                LineConditions.real(false, new Uncertainty(25 * Durations.MS, "a pty"))
                        .watched(stops),
                0x40,
                0xF1,
                DCanTiming.standard(),
                bench.rig().diagnostics().orElseThrow().application(),
                seen::add);
        byte[] b = request("21 01").encode();
        for (int i = 0; i < b.length; i++) {
            int v = b[i] & 0xFF;
            clock.schedule(
                    start + i * BYTE + (i >= 3 ? 80 * Durations.MS : 0),
                    () -> pty.tester().send(v));
        }
        bench.advance("300ms");
        return seen;
    }
}
