package io.klinebench.sweep;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinebench.config.ConfigException;
import io.klinebench.config.JsonProblem;
import io.klinebench.config.Pos;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Joins the JSON of a sweep's shards ({@code sweep --shard i/n --json}) into the JSON of the
 * whole sweep, byte for byte what one unsharded run writes: the points read back in index
 * order (shard {@code index % n + 1} holds point {@code index}), one at a time, so memory
 * stays flat; then the boundaries, which need every point's outcome, bisected here by
 * running the sweep file the shards name.
 */
public final class SweepMerge {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepMerge() {}

    /** Merges {@code shards} (in any order) into {@code out}; profiles as {@code sweep --profiles}. */
    public static SweepResult merge(List<Path> shards, List<Path> profileDirs, int threads, Writer out)
            throws ConfigException, IOException {
        return merge(shards, profileDirs, threads, out, sweep -> List.of());
    }

    /**
     * As {@link #merge(List, List, int, Writer)}, the whole sweep's points and end also streamed
     * to the sinks {@code more} makes for the sweep the shards name (a picture).
     */
    public static SweepResult merge(
            List<Path> shards, List<Path> profileDirs, int threads, Writer out, Function<Sweep, List<SweepSink>> more)
            throws ConfigException, IOException {
        List<ShardReader> readers = new ArrayList<>();
        try {
            for (Path p : shards) {
                readers.add(ShardReader.open(p));
            }
            ShardReader first = readers.get(0);
            int n = first.shard.of();
            ShardReader[] byNumber = new ShardReader[n];
            for (ShardReader r : readers) {
                if (!r.sweep.equals(first.sweep) || r.shard.of() != n) {
                    throw new ConfigException(
                            r.file.toString(),
                            "shard " + r.shard + " of " + r.sweep + " does not belong with shard " + first.shard
                                    + " of " + first.sweep + " (" + first.file + ")");
                }
                if (byNumber[r.shard.number() - 1] != null) {
                    throw new ConfigException(
                            r.file.toString(),
                            "shard " + r.shard + " is given twice (also " + byNumber[r.shard.number() - 1].file + ")");
                }
                byNumber[r.shard.number() - 1] = r;
            }
            for (int i = 0; i < n; i++) {
                if (byNumber[i] == null) {
                    throw new ConfigException(first.file.toString(), "shard " + (i + 1) + "/" + n + " is missing");
                }
            }
            Sweep sweep = SweepLoader.load(Path.of(first.sweep), profileDirs);
            for (ShardReader r : readers) {
                r.checkAxes(sweep);
            }
            long size = sweep.size();
            Tally tally = new Tally(sweep, sweep.bisects());
            List<SweepSink> sinks = new ArrayList<>(List.of(new JsonSink(out, sweep, Shard.WHOLE)));
            sinks.addAll(more.apply(sweep));
            SweepSink sink = SweepSink.all(sinks);
            for (long i = 0; i < size; i++) {
                PointResult p = byNumber[(int) (i % n)].next(i);
                tally.add(p);
                sink.point(p);
            }
            for (ShardReader r : readers) {
                r.end();
            }
            return new Sweeper(sweep, threads).finish(tally, sink);
        } finally {
            for (ShardReader r : readers) {
                r.parser.close();
            }
        }
    }

    /** One shard's JSON, read up to its points, then a point at a time. */
    private static final class ShardReader {
        final Path file;
        final JsonParser parser;
        String sweep;
        Shard shard = Shard.WHOLE;
        JsonNode axes;

        /** The shard {@code file}, read up to its points; its JSON's mistakes said at their line and column. */
        static ShardReader open(Path file) throws IOException, ConfigException {
            JsonParser parser = JSON.getFactory().createParser(file.toFile());
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // a field twice: a shard damaged
            try {
                return new ShardReader(file, parser);
            } catch (JsonProcessingException e) {
                parser.close();
                throw JsonProblem.in(file.toString(), e);
            } catch (IOException | ConfigException | RuntimeException e) {
                parser.close();
                throw e;
            }
        }

        private ShardReader(Path file, JsonParser parser) throws IOException, ConfigException {
            this.file = file;
            this.parser = parser;
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw bad("expected a sweep's JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("points")) {
                    if (parser.currentToken() != JsonToken.START_ARRAY) {
                        throw bad("'points' is not a list");
                    }
                    break;
                }
                JsonNode v = JSON.readTree(parser);
                switch (name) {
                    case "schema" -> {
                        if (!v.asText().equals(JsonSink.SCHEMA)) {
                            throw bad("schema '" + v.asText() + "', expected " + JsonSink.SCHEMA);
                        }
                    }
                    case "sweep" -> sweep = v.asText();
                    case "shard" -> {
                        try {
                            shard = Shard.parse(v.asText());
                        } catch (IllegalArgumentException e) {
                            throw bad("shard: " + e.getMessage());
                        }
                    }
                    case "axes" -> axes = v;
                    default -> {}
                }
            }
            if (sweep == null || axes == null || parser.currentToken() != JsonToken.START_ARRAY) {
                throw bad("not the JSON of 'kline-bench sweep' (no sweep, axes or points)");
            }
        }

        void checkAxes(Sweep s) throws ConfigException {
            List<String> mine = new ArrayList<>();
            axes.forEach(a -> mine.add(a.path("name").asText() + "=" + a.path("values")));
            List<String> now = new ArrayList<>();
            for (Axis a : s.axes()) {
                List<String> v = a.values().stream().map(a::text).toList();
                now.add(a.name() + "=" + JSON.valueToTree(v));
            }
            if (!mine.equals(now)) {
                throw bad(
                        "its axes are not those of " + s.file() + " now; the sweep file changed since the shards ran");
            }
        }

        PointResult next(long expected) throws IOException, ConfigException {
            try {
                return point(expected);
            } catch (JsonProcessingException e) {
                throw JsonProblem.in(file.toString(), e);
            }
        }

        private PointResult point(long expected) throws IOException, ConfigException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw bad("point " + expected + " is missing (the shard ends early)");
            }
            JsonNode p = JSON.readTree(parser);
            if (p.path("index").asLong(-1) != expected) {
                throw bad("expected point " + expected + ", found " + p.path("index"));
            }
            if (!p.path("at").isArray() || !p.path("outcome").isTextual()) {
                throw bad("point " + expected + " has no 'at' list or no 'outcome': not a point of a sweep's JSON");
            }
            List<String> at = new ArrayList<>();
            p.get("at").forEach(v -> at.add(v.asText()));
            return new PointResult(
                    expected,
                    at,
                    p.path("passed").asBoolean(),
                    p.path("outcome").asText(),
                    text(p, "first-cause"),
                    text(p, "window"),
                    p.has("margin-ns") ? p.get("margin-ns").asLong() : null,
                    text(p, "tightest-window"),
                    p.has("tightest-margin-ns") ? p.get("tightest-margin-ns").asLong() : null,
                    text(p, "error"));
        }

        void end() throws IOException, ConfigException {
            try {
                if (parser.nextToken() != JsonToken.END_ARRAY) {
                    throw bad("more points than shard " + shard + " of this sweep has");
                }
            } catch (JsonProcessingException e) {
                throw JsonProblem.in(file.toString(), e);
            }
        }

        private static String text(JsonNode p, String name) {
            return p.has(name) ? p.get(name).asText() : null;
        }

        /** {@code what} is wrong, at the line and column the parser stands at. */
        private ConfigException bad(String what) {
            JsonLocation at = parser.currentTokenLocation();
            return new ConfigException(new Pos(file.toString(), at.getLineNr(), at.getColumnNr()), what);
        }
    }
}
