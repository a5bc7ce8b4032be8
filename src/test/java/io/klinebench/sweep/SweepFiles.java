package io.klinebench.sweep;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Sweep files written for a test, and sweeps run to a string. */
final class SweepFiles {

    static final Path SEQUENCES = Path.of("bench-config/sequences").toAbsolutePath();

    private SweepFiles() {}

    /** A sweep file in {@code dir} over the shipped sequence {@code name}, with the given axes and body lines. */
    static Path write(Path dir, String sequence, String... lines) {
        StringBuilder sb = new StringBuilder("sequence: " + SEQUENCES.resolve(sequence + ".yaml") + "\n");
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        try {
            Path f = Files.createTempFile(dir, "sweep", ".yaml");
            Files.writeString(f, sb.toString());
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON a sweep writes with {@code threads} threads. */
    static String json(Sweep sweep, int threads, Shard shard) throws IOException {
        StringWriter w = new StringWriter();
        new Sweeper(sweep, threads).run(shard, new JsonSink(w, sweep, shard), PointProgress.NONE);
        return w.toString();
    }

    static SweepResult run(Sweep sweep) throws IOException {
        return new Sweeper(sweep, 2).run(Shard.WHOLE, SweepSink.all(List.of()), PointProgress.NONE);
    }
}
