package io.klinebench.trace;

import io.klinebench.config.CappedLines;
import io.klinebench.config.ConfigException;
import io.klinebench.config.Pos;
import io.klinebench.config.Utf8Reader;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.CpuStop;
import io.klinebench.time.Uncertainty;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished K-line trace as a file ({@link TraceFormat}): read, as {@code kline-bench
 * validate} does, or written with the frame numbers the caller gives. The simulator writes
 * its trace as it happens with {@link LiveTrace}.
 */
public final class TraceFile {

    private TraceFile() {}

    // ---- reading ------------------------------------------------------------------------

    /**
     * Reads a trace file's entries.
     *
     * @throws ConfigException naming the file (and for a malformed line its number and what was expected)
     */
    public static List<TraceEntry> read(Path file) throws ConfigException {
        return load(file).entries();
    }

    /**
     * Reads a trace file: what its header says, and its entries.
     *
     * @throws ConfigException naming the file (and for a malformed line its number and what was expected)
     */
    public static Trace load(Path file) throws ConfigException {
        try (Reader r = new Utf8Reader(Files.newInputStream(file))) {
            return load(file.toString(), r);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    /** Reads a trace's entries from {@code in}; {@code name} is the file name for messages. */
    public static List<TraceEntry> read(String name, Reader in) throws ConfigException, IOException {
        return load(name, in).entries();
    }

    /**
     * Reads a trace from {@code in}; {@code name} is the file name for messages.
     *
     * <p>Entries come in the order they happened. One earlier than an entry above it is refused
     * (the judge would otherwise put it in its place, quietly judging another trace than the
     * one written), unless by no more than the stamps' uncertainty the header states: the sim
     * stamps a received byte when it arrives and its own byte when it writes it, so on a busy
     * loop a tester's byte can be written down just after an ECU byte stamped a little later.
     */
    public static Trace load(String name, Reader in) throws ConfigException, IOException {
        // a comment may run long (the listener writes the hex of bytes that fit no frame into one): it comes back cut
        CappedLines lines = new CappedLines(
                name,
                in,
                start -> start.strip().startsWith("#"),
                " that is no comment: a trace entry is under 60 (is this a trace?)");
        List<TraceEntry> out = new ArrayList<>();
        List<Trace.Injected> injected = new ArrayList<>();
        List<CpuStop> stops = new ArrayList<>();
        HeaderReader header = new HeaderReader();
        long latest = 0;
        int latestLine = 0; // none yet
        CappedLines.Line line;
        while ((line = lines.next()) != null) {
            int n = line.number();
            String text = line.text();
            if (!TraceFormat.isComment(text)) {
                Pos pos = new Pos(name, n, 1);
                TraceEntry e = TraceFormat.parse(pos, text);
                long slack =
                        header.header().uncertainty().map(Uncertainty::nanos).orElse(0L);
                if (latestLine > 0 && e.at() < latest - slack) {
                    throw new ConfigException(
                            TraceFormat.at(pos, text, 0),
                            "out of time order: " + e.at() + " ns is before " + latest + " ns on line " + latestLine
                                    + (slack > 0 ? ", by more than the stamps' uncertainty of " + slack + " ns" : "")
                                    + " (a trace lists its entries in the order they happened)");
                }
                if (latestLine == 0 || e.at() > latest) {
                    latest = e.at();
                    latestLine = n;
                }
                out.add(e);
                continue;
            }
            boolean read = TraceFormat.isInjected(text)
                    || TraceFormat.isCpuStop(text)
                    || HeaderReader.field(text).isPresent();
            if (line.cut() && read) {
                // only a comment for people may be longer than a line is held: this one says something read
                throw new ConfigException(
                        new Pos(name, n, CappedLines.MAX_LENGTH + 1),
                        "longer than " + CappedLines.MAX_LENGTH + " characters: " + CappedLines.quoted(text));
            }
            if (TraceFormat.isInjected(text)) {
                injected.add(TraceFormat.injected(new Pos(name, n, 1), text));
            } else if (TraceFormat.isCpuStop(text)) {
                stops.add(TraceFormat.cpuStop(new Pos(name, n, 1), text));
            } else {
                header.take(new Pos(name, n, 1), text, !out.isEmpty());
            }
        }
        return new Trace(header.header(), out, injected, stops, header.said());
    }

    // ---- writing ------------------------------------------------------------------------

    /**
     * Appends entries as they happen. Lines are buffered and flushed at the end of each frame
     * ({@link #endFrame()}) and after each LOW or SLOW, so that a file being written is whole
     * up to the last complete frame. Not thread-safe: the thread that owns the line writes.
     */
    public static final class Writer implements Closeable, Flushable {

        private final java.io.Writer out;

        /** Writes to {@code out}, starting with {@link TraceFormat#HEADER} and what {@code header} says. */
        public Writer(java.io.Writer out, TraceHeader header) throws IOException {
            this.out = out;
            out.write(TraceFormat.HEADER);
            out.write('\n');
            for (String line : header.lines()) {
                out.write(line);
                out.write('\n');
            }
        }

        /** A new trace file (an existing one is replaced) that says nothing of itself. */
        public static Writer create(Path file) throws IOException {
            return create(file, TraceHeader.NONE);
        }

        /** A new trace file (an existing one is replaced) that says what {@code header} says. */
        public static Writer create(Path file, TraceHeader header) throws IOException {
            return new Writer(Files.newBufferedWriter(file, StandardCharsets.UTF_8), header);
        }

        /** One entry; {@code frame} is the frame the byte belongs to (ignored for LOW and SLOW, which are flushed at once). */
        public void append(TraceEntry entry, long frame) throws IOException {
            out.write(TraceFormat.line(entry, 0, frame));
            out.write('\n');
            if (entry.kind() != TraceEntry.Kind.BYTE) {
                out.flush();
            }
        }

        /** Says that the machine stopped a CPU ({@code # cpu-stop:}, clock times counted from {@code origin}). */
        public void cpuStop(CpuStop stop, long origin) throws IOException {
            out.write(TraceFormat.cpuStop(stop, origin));
            out.write('\n');
        }

        /** Says why the command that writes this trace stopped before it heard anything ({@code # stopped-at-start:}). */
        public void stoppedAtStart(String why) throws IOException {
            out.write(TraceHeader.stoppedAtStartLine(why));
            out.write('\n');
        }

        /** A comment line among the entries (readers skip it): what the writer could not say in an entry. */
        public void note(String text) throws IOException {
            out.write("# " + text.replace('\n', ' '));
            out.write('\n');
        }

        /** The frame is complete: what was appended goes to the file. */
        public void endFrame() throws IOException {
            out.flush();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
