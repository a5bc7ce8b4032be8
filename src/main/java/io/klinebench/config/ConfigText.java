package io.klinebench.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a configuration file (profile, setup, sequence) as text, refusing before any parsing
 * what would be slow or wrong to parse: a file larger than {@link #MAX_BYTES}, a line longer
 * than {@link #MAX_LINE}, and bytes that are not UTF-8 (named by line, column and value, where a plain decoder says only "Input
 * length = 1").
 */
public final class ConfigText {

    /**
     * 1 MiB. The shipped files are under 6 KB, and a long run is written with repeats. The
     * bound is also what keeps the YAML scanner fast: its cost grows with the square of the
     * longest scalar (a 3 MB one-line value takes seconds), so the largest file allowed is
     * read in well under a second.
     */
    public static final int MAX_BYTES = 1 << 20;

    /**
     * 64 KiB. The YAML scanner copies its look-ahead window for every 1024 characters of one
     * token, so a single long value costs time and memory with the square of its length (a
     * one-line 1 MB value: 2.7 s and 700 MB resident); lines no longer than this keep every
     * token small. A person's file never comes near it; a tool writes YAML over many lines.
     */
    public static final int MAX_LINE = 1 << 16;

    private ConfigText() {}

    /** The file's text, or an error naming the file and the cause. */
    public static String read(Path file) throws ConfigException {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(name, "cannot read: it is a directory");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooLarge(name, size);
            }
            bytes = readAtMost(file, MAX_BYTES);
        } catch (IOException e) {
            throw new ConfigException(name, "cannot read: " + IoCause.of(e));
        }
        if (bytes.length > MAX_BYTES) { // it grew while we looked, or it has no size (a device, a pipe)
            throw new ConfigException(
                    name,
                    "has more than the " + MAX_BYTES + " bytes (1 MiB) a configuration file may have"
                            + (Files.isRegularFile(file)
                                    ? "; write long runs with 'repeat'"
                                    : " (not a regular file: a device or a pipe that does not end?)"));
        }
        return decode(name, bytes);
    }

    /**
     * At most {@code limit + 1} bytes of {@code file}: one more than the limit says it is too
     * long. A device or a pipe has no size to look at first ({@code /dev/zero} says 0 and never
     * ends), so the read itself is bounded; {@code Files.readAllBytes} would fill the heap.
     */
    public static byte[] readAtMost(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(limit + 1);
        }
    }

    /** A {@link #read}-like check for text that is already in memory (built-in files). */
    public static void checkSize(String file, int chars) throws ConfigException {
        if (chars > MAX_BYTES) {
            throw tooLarge(file, chars);
        }
    }

    private static ConfigException tooLarge(String file, long size) {
        return new ConfigException(
                file,
                "is " + size + " bytes, more than the " + MAX_BYTES
                        + " (1 MiB) a configuration file may have; write long runs with 'repeat'");
    }

    private static String decode(String file, byte[] bytes) throws ConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            throw new ConfigException(
                    Pos.atByte(file, bytes, at),
                    String.format(
                            "not UTF-8 text: byte 0x%02X (byte %d of the file) is not part of a UTF-8 character;"
                                    + " save the file as UTF-8",
                            bytes[at] & 0xFF, at + 1));
        }
        String text = out.flip().toString();
        checkLines(file, text);
        return text;
    }

    /** Refuses a line longer than {@link #MAX_LINE}, naming it. */
    private static void checkLines(String file, String text) throws ConfigException {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE) {
                    throw new ConfigException(
                            new Pos(file, line, MAX_LINE + 1),
                            "line " + line + " is " + (i - start) + " characters long, more than the " + MAX_LINE
                                    + " a line may have; write it over several lines");
                }
                line++;
                start = i + 1;
            }
        }
    }
}
