package io.klinebench.kline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.kline.KwpFrame.Addressing;
import io.klinebench.line.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** KwpFrame checks its values when it is made and keeps its bytes to itself. */
class KwpFrameTest {

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void moreThan63DataBytesNeedALenByte(Addressing a) {
        assertThatThrownBy(() -> new KwpFrame(a, 0x40, 0xF1, false, new byte[64]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LEN byte");
        assertThat(new KwpFrame(a, 0x40, 0xF1, false, new byte[63]).encode()[0] & 0x3F)
                .isEqualTo(63);
        assertThat(new KwpFrame(a, 0x40, 0xF1, true, new byte[64]).encode())
                .hasSize(64 + 1 + 1 + (a.hasAddressBytes() ? 2 : 0) + 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 256, 300})
    void dataMustBe1To255Bytes(int n) {
        assertThatThrownBy(() -> new KwpFrame(Addressing.PHYSICAL, 0x40, 0xF1, true, new byte[n]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..255");
    }

    @Test
    void theLongestFrameIs260Bytes() {
        KwpFrame f = new KwpFrame(Addressing.PHYSICAL, 0x40, 0xF1, true, new byte[255]);
        assertThat(f.encode()).hasSize(KwpFrame.MAX_FRAME).hasSize(260);
        assertThat(f.encode()[3] & 0xFF).isEqualTo(255);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 256, 0x1F1, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void addressesMustBeBytes(int bad) {
        for (Addressing a : new Addressing[] {Addressing.CARB, Addressing.PHYSICAL, Addressing.FUNCTIONAL}) {
            assertThatThrownBy(() -> new KwpFrame(a, bad, 0xF1, false, new byte[] {0x3E}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("target");
            assertThatThrownBy(() -> new KwpFrame(a, 0x40, bad, false, new byte[] {0x3E}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("source");
        }
    }

    @Test
    void withoutAddressBytesTargetAndSourceAreIgnored() {
        KwpFrame f = new KwpFrame(Addressing.NONE, 999, -7, false, new byte[] {0x3E});
        assertThat(f.target()).isEqualTo(-1);
        assertThat(f.source()).isEqualTo(-1);
        assertThat(f).isEqualTo(new KwpFrame(Addressing.NONE, 0x40, 0xF1, false, new byte[] {0x3E}));
        assertThat(Hex.of(f.encode())).isEqualTo("01 3E 3F");
    }

    @Test
    void nullsAreRejected() {
        assertThatThrownBy(() -> new KwpFrame(null, 0x40, 0xF1, false, new byte[] {0x3E}))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new KwpFrame(Addressing.PHYSICAL, 0x40, 0xF1, false, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void theDataIsCopiedInAndOut() {
        byte[] data = Hex.parse("C1 EF 8F");
        KwpFrame f = KwpFrame.physical(0xF1, 0x11, data);
        data[0] = 0;
        f.data()[1] = 0;
        assertThat(Hex.of(f.data())).isEqualTo("C1 EF 8F");
        assertThat(Hex.of(f.encode())).isEqualTo("83 F1 11 C1 EF 8F C4");
    }

    @Test
    void factoriesUseTheShortestHeaderThatFits() {
        assertThat(KwpFrame.physical(0x40, 0xF1, new byte[63]).lengthByte()).isFalse();
        assertThat(KwpFrame.physical(0x40, 0xF1, new byte[64]).lengthByte()).isTrue();
        assertThat(KwpFrame.functional(0x33, 0xF1, new byte[63]).lengthByte()).isFalse();
        assertThat(KwpFrame.functional(0x33, 0xF1, new byte[64]).lengthByte()).isTrue();
        assertThat(Hex.of(KwpFrame.functional(0x33, 0xF1, (byte) 0x81).encode()))
                .isEqualTo("C1 33 F1 81 66");
        assertThatThrownBy(() -> KwpFrame.physical(0x40, 0xF1, new byte[256]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHeaderFormIsPartOfTheValue() {
        KwpFrame inFmt = new KwpFrame(Addressing.PHYSICAL, 0x40, 0xF1, false, new byte[] {0x3E});
        KwpFrame withLen = new KwpFrame(Addressing.PHYSICAL, 0x40, 0xF1, true, new byte[] {0x3E});
        assertThat(inFmt).isNotEqualTo(withLen);
        assertThat(inFmt.headerLength()).isEqualTo(3);
        assertThat(withLen.headerLength()).isEqualTo(4);
        assertThat(inFmt)
                .isEqualTo(new KwpFrame(Addressing.PHYSICAL, 0x40, 0xF1, false, new byte[] {0x3E}))
                .hasSameHashCodeAs(new KwpFrame(Addressing.PHYSICAL, 0x40, 0xF1, false, new byte[] {0x3E}));
    }

    @Test
    void toStringShowsTheWireBytes() {
        assertThat(KwpFrame.physical(0xF1, 0x11, Hex.parse("C1 EF 8F"))).hasToString("KwpFrame[83 F1 11 C1 EF 8F C4]");
    }

    @Test
    void checksumIsTheSumMod256() {
        byte[] b = Hex.parse("FF FF FF 00");
        assertThat(KwpFrame.checksum(b, 0, 3)).isEqualTo(0xFD);
        assertThat(KwpFrame.checksum(b, 3, 3)).isZero();
    }

    @Test
    void addressingComesFromFmtBits7And6() {
        assertThat(Addressing.ofFormat(0x3F)).isEqualTo(Addressing.NONE);
        assertThat(Addressing.ofFormat(0x41)).isEqualTo(Addressing.CARB);
        assertThat(Addressing.ofFormat(0x83)).isEqualTo(Addressing.PHYSICAL);
        assertThat(Addressing.ofFormat(0xC1)).isEqualTo(Addressing.FUNCTIONAL);
    }
}
