package io.klinebench.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.Hex;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The golden KWP2000 frames of {@code golden/kwp2000.txt}: every header form, every
 * addressing mode, data of 1, 63 and 64..255 bytes, and the real traces of the domain notes.
 */
class KwpGoldenFramesTest extends GoldenFramesContract<KwpFrame> {

    /** P1max of the standard timing set: the longest gap between two bytes of an ECU's frame. */
    static final long LIMIT = KwpTiming.standard().p1().max();
    /** 10 bits at 10400 baud. */
    static final long BYTE_TIME = 961_538;

    private static final List<Golden<KwpFrame>> GOLDEN = GoldenLine.read("kwp2000.txt").stream()
            .map(l -> new Golden<>(l, fromFields(l)))
            .collect(Collectors.toList());

    @Override
    List<Golden<KwpFrame>> golden() {
        return GOLDEN;
    }

    @Override
    FrameDecoder<KwpFrame> newDecoder() {
        return new KwpFrameDecoder(LIMIT);
    }

    @Override
    long limit() {
        return LIMIT;
    }

    @Override
    long byteTime() {
        return BYTE_TIME;
    }

    @Override
    byte[] encode(KwpFrame frame) {
        return frame.encode();
    }

    /** Fields column: addressing, target (hex or --), source (hex or --), len-byte (yes/no). */
    static KwpFrame fromFields(GoldenLine l) {
        String[] f = l.fields();
        if (f.length != 4) {
            throw new IllegalArgumentException(l + ": want 4 fields (addressing target source len-byte)");
        }
        return new KwpFrame(addressing(f[0]), address(f[1]), address(f[2]), yesNo(f[3]), l.data());
    }

    static KwpFrame.Addressing addressing(String word) {
        return KwpFrame.Addressing.valueOf(word.toUpperCase(Locale.ROOT));
    }

    static int address(String word) {
        return word.equals("--") ? -1 : Integer.parseInt(word, 16);
    }

    static boolean yesNo(String word) {
        return switch (word) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException("len-byte must be yes or no, not " + word);
        };
    }

    @Override
    void assertFields(KwpFrame decoded, GoldenLine l) {
        String[] f = l.fields();
        assertThat(decoded.addressing()).isEqualTo(addressing(f[0]));
        assertThat(decoded.target()).as("target").isEqualTo(address(f[1]));
        assertThat(decoded.source()).as("source").isEqualTo(address(f[2]));
        assertThat(decoded.lengthByte()).as("len-byte").isEqualTo(yesNo(f[3]));
        assertThat(Hex.of(decoded.data())).as("data").isEqualTo(Hex.of(l.data()));
        assertThat(decoded.sid()).isEqualTo(l.data()[0] & 0xFF);
        assertThat(decoded.headerLength()).isEqualTo(l.wire().length - l.data().length - 1);
    }

    @Override
    int claimedLength(byte[] b, int from, int end) {
        return SpecRules.kwpLength(b, from, end);
    }

    @Override
    boolean checksumOk(byte[] b, int from, int length) {
        return SpecRules.kwpChecksumOk(b, from, length);
    }

    /**
     * Before: {@code 00 00} (FMT without address and a LEN of 0: impossible), then a byte
     * whose FMT claims a short frame. After: {@code 00 00} again, then FF (claims 63 data
     * bytes; none follow, so it times out), or a long run of 00 when that is not enough.
     */
    @Override
    List<Garbage> garbageRightAgainst() {
        return List.of(
                Garbage.of("00 00 01", "00 00 FF"),
                Garbage.of("00 00 02", "00 00 FF"),
                Garbage.of("00 00 03", "00 00 FF"),
                Garbage.of("00 00 01", "00*300"));
    }

    @Test
    void theFileCoversEveryHeaderFormAddressingAndLength() {
        Set<String> forms = new HashSet<>();
        Set<KwpFrame.Addressing> modes = new HashSet<>();
        Set<Integer> lengths = new HashSet<>();
        for (Golden<KwpFrame> g : GOLDEN) {
            KwpFrame f = g.value();
            forms.add((f.addressing().hasAddressBytes() ? "FMT TGT SRC" : "FMT") + (f.lengthByte() ? " LEN" : ""));
            modes.add(f.addressing());
            lengths.add(f.data().length);
        }
        assertThat(forms).containsExactlyInAnyOrder("FMT", "FMT LEN", "FMT TGT SRC", "FMT TGT SRC LEN");
        assertThat(modes).containsExactlyInAnyOrder(KwpFrame.Addressing.values());
        assertThat(lengths).contains(1, 63, 64, 255).anyMatch(n -> n > 127 && n < 255);
        assertThat(wires()).contains("83 F1 11 C1 EF 8F C4", "C1 33 F1 81 66");
        assertThat(datas()).contains("83 00", "C3 00 00 FF 00 FF 00", "81", "C1 EF 8F", "82", "C2");
        assertThat(datas()).filteredOn(d -> d.startsWith("7F ")).hasSizeGreaterThanOrEqualTo(5);
        assertThat(GOLDEN).anyMatch(g -> g.line().wire().length == KwpFrame.MAX_FRAME);
    }

    private static List<String> wires() {
        return GOLDEN.stream().map(g -> Hex.of(g.line().wire())).collect(Collectors.toList());
    }

    private static List<String> datas() {
        return GOLDEN.stream().map(g -> Hex.of(g.line().data())).collect(Collectors.toList());
    }
}
