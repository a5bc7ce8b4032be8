package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.serial.ParmrkDecoder.Break;
import io.klinebench.serial.ParmrkDecoder.Data;
import io.klinebench.serial.ParmrkDecoder.FramingError;
import io.klinebench.serial.ParmrkDecoder.Item;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParmrkDecoderTest {

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    /** Items without their stamps, for comparing decodings of the same bytes split differently. */
    private static List<String> kinds(List<Item> items) {
        List<String> out = new ArrayList<>();
        for (Item i : items) {
            if (i instanceof Data d) {
                out.add("D" + Integer.toHexString(d.value()));
            } else if (i instanceof FramingError f) {
                out.add("FE" + Integer.toHexString(f.value()));
            } else {
                out.add("BRK");
            }
        }
        return out;
    }

    @Test
    void plainBytesPassThrough() {
        assertThat(new ParmrkDecoder().feed(7, bytes(0x81, 0x10, 0xF1, 0x00)))
                .containsExactly(new Data(7, 0x81), new Data(7, 0x10), new Data(7, 0xF1), new Data(7, 0x00));
    }

    @Test
    void doubledFfIsOneDataFf() {
        ParmrkDecoder d = new ParmrkDecoder();
        assertThat(d.feed(1, bytes(0xFF, 0xFF))).containsExactly(new Data(1, 0xFF));
        assertThat(d.pending()).isFalse();
    }

    @Test
    void ff00ZeroIsABreak() {
        assertThat(new ParmrkDecoder().feed(3, bytes(0x55, 0xFF, 0x00, 0x00, 0x81)))
                .containsExactly(new Data(3, 0x55), new Break(3), new Data(3, 0x81));
    }

    @Test
    void ff00XxIsAFramingErrorOnXx() {
        assertThat(new ParmrkDecoder().feed(4, bytes(0xFF, 0x00, 0x3C))).containsExactly(new FramingError(4, 0x3C));
        assertThat(new ParmrkDecoder().feed(4, bytes(0xFF, 0x00, 0xFF))).containsExactly(new FramingError(4, 0xFF));
    }

    @Test
    void strayFfIsTakenAsDataAndTheNextByteDecodedAfresh() {
        assertThat(new ParmrkDecoder().feed(5, bytes(0xFF, 0x41, 0x42)))
                .containsExactly(new Data(5, 0xFF), new Data(5, 0x41), new Data(5, 0x42));
    }

    @Test
    void anIncompleteSequenceWaitsAndTakesTheStampOfTheReadThatCompletesIt() {
        ParmrkDecoder d = new ParmrkDecoder();
        assertThat(d.feed(10, bytes(0x01, 0xFF))).containsExactly(new Data(10, 0x01));
        assertThat(d.pending()).isTrue();
        assertThat(d.feed(20, bytes(0x00))).isEmpty();
        assertThat(d.feed(30, bytes(0x00, 0x02))).containsExactly(new Break(30), new Data(30, 0x02));
        assertThat(d.pending()).isFalse();
    }

    @Test
    void everySplitOfEverySequenceDecodesTheSame() {
        int[][] streams = {
            {0xFF, 0xFF},
            {0xFF, 0x00, 0x00},
            {0xFF, 0x00, 0x7E},
            {0xFF, 0x41},
            {0x00, 0xFF, 0x00, 0x00, 0xC1, 0xFF, 0xFF, 0xFF, 0x00, 0x55, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x80},
            {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0xFF, 0x00, 0x00},
        };
        for (int[] s : streams) {
            byte[] all = bytes(s);
            List<String> whole = kinds(new ParmrkDecoder().feed(0, all));
            // one cut at every point
            for (int cut = 0; cut <= all.length; cut++) {
                ParmrkDecoder d = new ParmrkDecoder();
                List<Item> got = new ArrayList<>(d.feed(0, Arrays.copyOfRange(all, 0, cut)));
                got.addAll(d.feed(1, Arrays.copyOfRange(all, cut, all.length)));
                assertThat(kinds(got))
                        .as("cut at %d of %s", cut, Arrays.toString(s))
                        .isEqualTo(whole);
                assertThat(d.pending()).isFalse();
            }
            // every subset of cuts (byte-by-byte reads included)
            int points = all.length - 1;
            for (int mask = 0; mask < (1 << points); mask++) {
                ParmrkDecoder d = new ParmrkDecoder();
                List<Item> got = new ArrayList<>();
                int from = 0;
                for (int p = 0; p < points; p++) {
                    if ((mask & (1 << p)) != 0) {
                        got.addAll(d.feed(p, Arrays.copyOfRange(all, from, p + 1)));
                        from = p + 1;
                    }
                }
                got.addAll(d.feed(points, Arrays.copyOfRange(all, from, all.length)));
                assertThat(kinds(got))
                        .as("cuts %s of %s", Integer.toBinaryString(mask), Arrays.toString(s))
                        .isEqualTo(whole);
            }
        }
        assertThat(kinds(new ParmrkDecoder().feed(0, bytes(streams[4]))))
                .containsExactly("D0", "BRK", "Dc1", "Dff", "FE55", "Dff", "BRK", "D80");
    }
}
