package io.klinebench.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A file's bytes as UTF-8 text, refusing bytes that are not UTF-8 where they stand. The JDK's
 * reader ({@link java.io.InputStreamReader}, {@code Files.newBufferedReader}) throws a {@code
 * MalformedInputException} whose message is "Input length = 1" and drops the characters it had
 * decoded in the same read, so its caller cannot say on which line the bad byte is. This one
 * hands over every character before the bad byte first, and then throws {@link NotUtf8} with
 * the byte, its place in the file, and whether the file simply ended inside a character (its
 * last bytes begin one that is not finished: a file cut short by a kill or by {@code head -c}).
 *
 * <p>{@link CappedLines} turns it into an error at the line and column.
 */
public final class Utf8Reader extends Reader {

    /** Bytes that are not UTF-8 text, at {@link #offset} (from 0) of the file. */
    public static final class NotUtf8 extends IOException {
        private final long offset;
        private final byte[] bytes;
        private final boolean atEnd;

        NotUtf8(long offset, byte[] bytes, boolean atEnd) {
            super(
                    atEnd
                            ? "the file ends inside a UTF-8 character"
                            : String.format("byte 0x%02X is not part of a UTF-8 character", bytes[0] & 0xFF));
            this.offset = offset;
            this.bytes = bytes;
            this.atEnd = atEnd;
        }

        /** Where the first bad byte is, from 0. */
        public long offset() {
            return offset;
        }

        /** Whether the file ends inside a character: its last bytes begin one and nothing follows. */
        public boolean atEnd() {
            return atEnd;
        }

        /** What is wrong, in words, after "not UTF-8 text: " ("byte 0xFF (byte 12 of the file) ..."). */
        public String what() {
            if (atEnd) {
                StringBuilder hex = new StringBuilder();
                for (byte b : bytes) {
                    hex.append(hex.length() == 0 ? "" : " ").append(String.format("0x%02X", b & 0xFF));
                }
                return "the file ends inside a character: its last " + (bytes.length == 1 ? "byte " : "bytes ") + hex
                        + " (byte " + (offset + 1) + " of the file" + (bytes.length == 1 ? ") begins" : " on) begin")
                        + " one and nothing follows (the file cut short?)";
            }
            int b = bytes[0] & 0xFF;
            return String.format(
                    "byte 0x%02X (byte %d of the file) %s",
                    b,
                    offset + 1,
                    b >= 0xC2 && b <= 0xF4
                            ? "begins a UTF-8 character the next bytes do not finish (a character cut short?)"
                            : "is not part of a UTF-8 character (a binary file, or text in another encoding?)");
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    /** Bytes read from {@code in} so far: the file's offset of {@code bytes}' limit. */
    private long read;

    private boolean ended;
    private boolean flushed;
    /** Found after the characters a read handed over, thrown at the next read. */
    private NotUtf8 pending;

    /** Reads {@code in}; closing this closes it. */
    public Utf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (pending != null) {
            throw pending;
        }
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        while (true) {
            CoderResult r = decoder.decode(bytes, out, ended);
            if (r.isError()) {
                byte[] bad = new byte[ended ? bytes.remaining() : r.length()];
                bytes.get(bytes.position(), bad);
                // ended: the decoder saw these bytes as the start of a character and wanted more
                pending = new NotUtf8(read - bytes.remaining(), bad, ended);
                break;
            }
            if (r.isOverflow()) {
                break;
            }
            if (ended) { // underflow at the end: every byte decoded
                if (!flushed) {
                    decoder.flush(out);
                    flushed = true;
                }
                break;
            }
            if (out.position() > offset && !bytesWaiting()) {
                break; // hand over what is decoded rather than wait for more
            }
            bytes.compact();
            int n;
            try {
                n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            } finally {
                bytes.flip();
            }
            if (n < 0) {
                ended = true;
            } else {
                bytes.limit(bytes.limit() + n);
                read += n;
            }
        }
        int n = out.position() - offset;
        if (n > 0) {
            return n;
        }
        if (pending != null) {
            throw pending;
        }
        return -1;
    }

    /**
     * Whether more bytes are there without waiting. A named pipe or a process substitution
     * ({@code validate <(...)}) read through a channel cannot say: its {@code available} fails
     * with "Illegal seek", which is no reason to stop reading (the JDK's reader asks the same way).
     */
    private boolean bytesWaiting() {
        try {
            return in.available() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
