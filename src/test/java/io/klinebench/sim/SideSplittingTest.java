package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.Decoded;
import io.klinebench.kline.Heard;
import io.klinebench.kline.KwpFrame;
import io.klinebench.kline.SideSplitter;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.time.Durations;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a listener makes of recorded byte streams, stamped by hand: each side's frames told
 * apart by the protocol's own rules (KWP2000 addresses and service ids, DS2's turn), the wake-up
 * as what it stands for, and a garbled or cut-off frame said as bytes that fit no frame, after
 * which the next good frame is still found. Stamps are within the pty's stated uncertainty.
 */
class SideSplittingTest {

    private static final long MS = Durations.MS;

    private final List<Heard> heard = new ArrayList<>();
    private long t;

    private SideSplitter splitter(String profile) throws Exception {
        DiagnosticProfile d = ProfileCatalog.builtIn().loadDiagnostics(profile);
        SideSplitter s = d.protocol().sideSplitter(d.ecuAddress(), PortSettings.PTY);
        s.onHeard(heard::add);
        return s;
    }

    /** Bytes {@code gap} after the last, then each {@code interByte} apart. */
    private void send(SideSplitter s, long gap, long interByte, byte[] bytes) {
        t += gap;
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                t += interByte;
            }
            s.feed(bytes[i] & 0xFF, t, bytes.length == 1);
        }
    }

    private static byte[] kwp(String hex) {
        byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
        byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
        out[b.length] = (byte) KwpFrame.checksum(b, 0, b.length);
        return out;
    }

    private static byte[] ds2(String hex) {
        byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
        byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
        int x = 0;
        for (byte v : b) {
            x ^= v & 0xFF;
        }
        out[b.length] = (byte) x;
        return out;
    }

    private List<String> said() {
        List<String> out = new ArrayList<>();
        for (Heard h : heard) {
            if (h instanceof Heard.Frame f) {
                out.add(f.side() + " " + Hex.of(f.bytes()));
            } else if (h instanceof Heard.Init i) {
                out.add(i.entry().from() + " " + i.entry().kind());
            } else {
                Heard.Unattributed u = (Heard.Unattributed) h;
                out.add("unattributed " + u.why() + " "
                        + u.side().map(Direction::toString).orElse("?") + " " + u.hex());
            }
        }
        return out;
    }

    @Test
    void kwpFastInitSessionWithAGarbledRequestAndACutOffAnswer() throws Exception {
        SideSplitter s = splitter("r56-2007-2013");
        t = 1_000 * MS;
        send(s, 0, 0, new byte[] {0}); // the wake-up byte on a line that carries no break
        send(s, 25 * MS, 10 * MS, kwp("81 40 F1 81"));
        send(s, 30 * MS, 1 * MS, kwp("83 F1 40 C1 EF 8F"));
        send(s, 60 * MS, 10 * MS, kwp("82 40 F1 21 01"));
        send(s, 30 * MS, 1 * MS, kwp("84 F1 40 61 01 02 03"));
        byte[] garbled = kwp("82 40 F1 21 02");
        garbled[5] ^= 0x10; // noise flips a bit of the checksum
        send(s, 60 * MS, 10 * MS, garbled);
        byte[] answer = kwp("84 F1 40 61 02 05 06");
        send(s, 100 * MS, 1 * MS, java.util.Arrays.copyOf(answer, 3)); // the module stops after its header
        send(s, 100 * MS, 10 * MS, kwp("82 40 F1 21 01"));
        send(s, 30 * MS, 1 * MS, kwp("84 F1 40 61 01 02 03"));
        s.end();

        assertThat(said())
                .containsExactly(
                        "TESTER LOW",
                        "TESTER " + Hex.of(kwp("81 40 F1 81")),
                        "ECU " + Hex.of(kwp("83 F1 40 C1 EF 8F")),
                        "TESTER " + Hex.of(kwp("82 40 F1 21 01")),
                        "ECU " + Hex.of(kwp("84 F1 40 61 01 02 03")),
                        "unattributed BAD_CHECKSUM TESTER " + Hex.of(garbled),
                        "unattributed INTER_BYTE_TIMEOUT ECU 84 F1 40",
                        "TESTER " + Hex.of(kwp("82 40 F1 21 01")),
                        "ECU " + Hex.of(kwp("84 F1 40 61 01 02 03")));
        // the wake-up is traced as the K-low it stands for, TiniL before its byte
        TraceEntry low = heard.get(0).entries().get(0);
        assertThat(low.at()).isEqualTo(1_000 * MS - 25 * MS);
        assertThat(low.durationNanos()).isEqualTo(25 * MS);
        // every byte heard is in exactly one entry, in the order heard, with the side it was told
        long bytes = heard.stream().flatMap(h -> h.entries().stream()).count();
        assertThat(bytes).isEqualTo(1 + 5 + 7 + 6 + 8 + 6 + 3 + 6 + 8);
        assertThat(heard.get(6).entries()).allMatch(e -> e.from() == Direction.ECU);
        assertThat(((Heard.Unattributed) heard.get(5)).why()).isEqualTo(Decoded.Reason.BAD_CHECKSUM);
    }

    /**
     * An answer whose last two bytes the kernel's pty delivery held 60 ms (beyond P1's 20 ms and
     * the pty's 25 ms): cut off as bytes that fit no frame; with the stall seen (the listener's
     * watch), the gap is stretched by it, as the link stretches it, and the answer is one frame.
     */
    @Test
    void aGapAStallHeldIsStretchedByItAndTheFrameKept() throws Exception {
        for (boolean seen : new boolean[] {false, true}) {
            heard.clear();
            SideSplitter s = splitter("r56-2007-2013");
            long stallFrom = 1_103 * MS;
            s.stretchGaps((from, to) -> seen && from <= stallFrom + 60 * MS && to >= stallFrom ? 60 * MS : 0);
            t = 1_000 * MS;
            send(s, 0, 10 * MS, kwp("81 40 F1 3E"));
            byte[] answer = kwp("81 F1 40 7E");
            send(s, 30 * MS, 1 * MS, java.util.Arrays.copyOf(answer, 3));
            send(s, 62 * MS, 1 * MS, java.util.Arrays.copyOfRange(answer, 3, 5));
            s.end();
            if (seen) {
                assertThat(said()).as("with the stall").containsExactly("TESTER 81 40 F1 3E F0", "ECU 81 F1 40 7E 30");
            } else {
                assertThat(said())
                        .as("without it")
                        .noneMatch(l -> l.equals("ECU 81 F1 40 7E 30"))
                        .anyMatch(l -> l.startsWith("unattributed"));
            }
        }
    }

    @Test
    void kwpFramesWithoutAddressBytesAreToldByTheirServiceId() throws Exception {
        SideSplitter s = splitter("r56-2007-2013");
        t = 1_000 * MS;
        send(s, 0, 10 * MS, kwp("02 21 01"));
        send(s, 30 * MS, 1 * MS, kwp("03 61 01 07"));
        send(s, 60 * MS, 10 * MS, kwp("02 1A 80"));
        send(s, 30 * MS, 1 * MS, kwp("03 7F 1A 12"));
        s.end();
        assertThat(said())
                .extracting(l -> l.substring(0, l.indexOf(' ')))
                .containsExactly("TESTER", "ECU", "TESTER", "ECU");
    }

    @Test
    void ds2RequestsAndAnswersByTheTurnWithAGarbledAnswerAndACutOffRequest() throws Exception {
        SideSplitter s = splitter("r50-r53-2005-2008");
        t = 1_000 * MS;
        byte[] ident = ds2("00 04 00");
        byte[] identAnswer = ds2("00 08 A0 01 02 03 04");
        send(s, 0, 1 * MS, ident);
        send(s, 20 * MS, 1 * MS, identAnswer);
        send(s, 60 * MS, 1 * MS, ident);
        byte[] garbled = identAnswer.clone();
        garbled[4] ^= 0x01;
        send(s, 20 * MS, 1 * MS, garbled);
        send(s, 200 * MS, 1 * MS, java.util.Arrays.copyOf(ident, 2)); // the tester's request, cut off
        s.expire(t + 200 * MS);
        send(s, 200 * MS, 1 * MS, ident);
        send(s, 20 * MS, 1 * MS, ds2("00 04 A2")); // refused: the status byte says it is an answer
        s.end();
        assertThat(said())
                .containsExactly(
                        "TESTER " + Hex.of(ident),
                        "ECU " + Hex.of(identAnswer),
                        "TESTER " + Hex.of(ident),
                        "unattributed BAD_CHECKSUM ECU " + Hex.of(garbled),
                        "unattributed INTER_BYTE_TIMEOUT ? 00 04",
                        "TESTER " + Hex.of(ident),
                        "ECU " + Hex.of(ds2("00 04 A2")));
        // the garbled answer's header names its side (status byte A0: an answer)
        assertThat(((Heard.Unattributed) heard.get(3)).side()).contains(Direction.ECU);
        assertThat(heard.get(3).entries()).allMatch(e -> e.from() == Direction.ECU);
        // two bytes that fit no frame are written down for the side whose turn it was, said to be a guess
        assertThat(((Heard.Unattributed) heard.get(4)).side()).isEqualTo(Optional.empty());
    }
}
