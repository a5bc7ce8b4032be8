package io.klinebench.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.Hex;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The golden DS2 telegrams of {@code golden/ds2.txt}: the body controller's real ident
 * request and answer, every status byte, several addresses, LEN above 127 and the longest
 * telegram.
 */
class Ds2GoldenTelegramsTest extends GoldenFramesContract<Ds2Telegram> {

    /** The tester's inter-byte limit of the built-in profiles (about 10 ms). */
    static final long LIMIT = Ds2Timing.typical().testerInterByteMax();
    /** 11 bits (8E1) at 9600 baud. */
    static final long BYTE_TIME = 1_145_833;

    private static final List<Golden<Ds2Telegram>> GOLDEN = GoldenLine.read("ds2.txt").stream()
            .map(l -> new Golden<>(l, fromFields(l)))
            .collect(Collectors.toList());

    @Override
    List<Golden<Ds2Telegram>> golden() {
        return GOLDEN;
    }

    @Override
    FrameDecoder<Ds2Telegram> newDecoder() {
        return new Ds2Decoder(LIMIT);
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
    byte[] encode(Ds2Telegram telegram) {
        return telegram.encode();
    }

    /** Fields column: the address in hex. */
    static Ds2Telegram fromFields(GoldenLine l) {
        if (l.fields().length != 1) {
            throw new IllegalArgumentException(l + ": want 1 field (address)");
        }
        return new Ds2Telegram(Integer.parseInt(l.fields()[0], 16), l.data());
    }

    @Override
    void assertFields(Ds2Telegram decoded, GoldenLine l) {
        assertThat(decoded.address()).as("address").isEqualTo(Integer.parseInt(l.fields()[0], 16));
        assertThat(Hex.of(decoded.data())).as("data").isEqualTo(Hex.of(l.data()));
    }

    @Override
    int claimedLength(byte[] b, int from, int end) {
        return SpecRules.ds2Length(b, from, end);
    }

    @Override
    boolean checksumOk(byte[] b, int from, int length) {
        return SpecRules.ds2ChecksumOk(b, from, length);
    }

    /**
     * Before: bytes followed by a LEN below 4. The last of them takes the telegram's address
     * as its LEN: for address 00 that is impossible too; for a higher address it claims that
     * many bytes, so the bytes after must be long enough. After: {@code 00 00} (LEN 0), then
     * FF (claims 255 bytes and times out), or a long run of 00.
     */
    @Override
    List<Garbage> garbageRightAgainst() {
        return List.of(
                Garbage.of("00 00", "00 00 FF"),
                Garbage.of("00 00", "00*260"),
                Garbage.of("00 01", "00*260"),
                Garbage.of("00 02", "00*260"));
    }

    @Test
    void theFileCoversIdentStatusBytesAndTheLongestTelegram() {
        List<String> wires = GOLDEN.stream().map(g -> Hex.of(g.line().wire())).collect(Collectors.toList());
        assertThat(wires).contains("00 04 00 04", "00 10 A0 88 36 94 83 14 03 02 00 09 96 02 13 82");
        List<Integer> statuses = GOLDEN.stream()
                .filter(g -> g.value().data().length == 1)
                .map(g -> g.value().data()[0] & 0xFF)
                .collect(Collectors.toList());
        assertThat(statuses).contains(0xA0, 0xA1, 0xA2, 0xB0, 0xB1, 0xB2, 0xFF);
        assertThat(GOLDEN)
                .anyMatch(g -> g.line().wire().length == Ds2Telegram.MAX_LENGTH)
                .anyMatch(g -> g.line().wire().length > 127 && g.line().wire().length < 255)
                .anyMatch(g -> g.value().address() != 0);
    }
}
