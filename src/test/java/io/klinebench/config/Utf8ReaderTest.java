package io.klinebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Strict UTF-8 however the bytes come: whole, or a byte at a time as from a pipe. */
class Utf8ReaderTest {

    private static final String TEXT = "line one\nl\u00ednea \u20ac2\r\n\ud83d\ude97 three\n";

    /** The bytes one at a time, each read a separate wait, as from a pipe: a character's bytes split across reads. */
    private static InputStream trickle(byte[] bytes) {
        return new InputStream() {
            int next;

            @Override
            public int read() {
                return next < bytes.length ? bytes[next++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (next >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[next++];
                return 1;
            }

            @Override
            public int available() throws IOException {
                throw new IOException("Illegal seek"); // a named pipe's, read through a channel
            }
        };
    }

    private static String all(Utf8Reader r) throws IOException {
        StringWriter w = new StringWriter();
        r.transferTo(w);
        return w.toString();
    }

    @Test
    void anySplitOfTheBytesGivesTheSameText() throws Exception {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        assertThat(all(new Utf8Reader(new ByteArrayInputStream(bytes)))).isEqualTo(TEXT);
        assertThat(all(new Utf8Reader(trickle(bytes)))).isEqualTo(TEXT);
    }

    @Test
    void aBadByteIsSaidAtItsLineAndColumnHoweverTheBytesCome() throws Exception {
        byte[] good = TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[good.length + 3];
        System.arraycopy(good, 0, bytes, 0, good.length);
        bytes[good.length] = 'a';
        bytes[good.length + 1] = (byte) 0xFF;
        bytes[good.length + 2] = '\n';
        for (InputStream in : new InputStream[] {new ByteArrayInputStream(bytes), trickle(bytes)}) {
            CappedLines lines = new CappedLines("f", new Utf8Reader(in), s -> false, "");
            for (int i = 0; i < 3; i++) {
                assertThat(lines.next()).isNotNull();
            }
            assertThat(catchThrowable(lines::next))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("f:4:2: not UTF-8 text: byte 0xFF (byte " + (good.length + 2)
                            + " of the file) is not part of a UTF-8 character (a binary file, or text in another"
                            + " encoding?)");
        }
    }

    @Test
    void aFileEndingInsideACharacterIsSaidSoOrGivenAsTheLastLineToAReaderThatTakesIt() throws Exception {
        byte[] bytes = "one\ntwo \u20ac".getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        CappedLines strict = new CappedLines("f", new Utf8Reader(trickle(cut)), s -> false, "");
        assertThat(strict.next().text()).isEqualTo("one");
        assertThat(catchThrowable(strict::next))
                .hasMessage("f:2:5: not UTF-8 text: the file ends inside a character: its last bytes 0xE2 0x82 (byte"
                        + " 9 of the file on) begin one and nothing follows (the file cut short?)");

        CappedLines taking = new CappedLines("f", new Utf8Reader(trickle(cut)), s -> false, "", true);
        assertThat(taking.next()).isEqualTo(new CappedLines.Line(1, "one", false, false));
        CappedLines.Line last = taking.next();
        assertThat(last).isEqualTo(new CappedLines.Line(2, "two ", false, true));
        assertThat(taking.next()).isNull();
        assertThat(taking.refused(last)).hasMessageStartingWith("f:2:5: not UTF-8 text: the file ends inside");
    }
}
