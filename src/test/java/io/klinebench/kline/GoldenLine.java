package io.klinebench.kline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a golden file under {@code src/test/resources/golden}: wire bytes, decoded
 * fields, data and a note, separated by '|' (each file documents its columns at the top).
 *
 * @param file   the resource name, for messages
 * @param number the line number, 1-based
 * @param wire   the whole frame as it travels
 * @param fields the decoded header fields, split on whitespace
 * @param data   the data column
 * @param note   what the frame is
 */
record GoldenLine(String file, int number, byte[] wire, String[] fields, byte[] data, String note) {

    static List<GoldenLine> read(String resource) {
        InputStream in = GoldenLine.class.getResourceAsStream("/golden/" + resource);
        if (in == null) {
            throw new IllegalStateException("no resource /golden/" + resource);
        }
        List<GoldenLine> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String text;
            int number = 0;
            while ((text = r.readLine()) != null) {
                number++;
                if (text.isBlank() || text.stripLeading().startsWith("#")) {
                    continue;
                }
                String[] columns = text.split("\\|", -1);
                if (columns.length != 4) {
                    throw new IllegalArgumentException(
                            resource + ":" + number + ": want 4 columns separated by '|', found " + columns.length);
                }
                try {
                    lines.add(new GoldenLine(
                            resource,
                            number,
                            GoldenHex.parse(columns[0]),
                            columns[1].trim().split("\\s+"),
                            GoldenHex.parse(columns[2]),
                            columns[3].trim()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(resource + ":" + number + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    @Override
    public byte[] wire() {
        return wire.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public String toString() {
        return file + ":" + number + " " + note;
    }
}
