package io.klinebench.sweep;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * Writes a sweep as JSON while it runs, one point per line: the head (sweep, sequence, axes,
 * shard), the points, then the boundaries and the counts. Nothing depends on the thread
 * count or the wall clock, so the same sweep always writes the same bytes, and the merge of
 * its shards writes them too.
 */
public final class JsonSink implements SweepSink {

    public static final String SCHEMA = "kline-bench/sweep/1";

    private final JsonGenerator g;

    public JsonSink(Writer out, Sweep sweep, Shard shard) throws IOException {
        this.g = new JsonFactory().createGenerator(out);
        g.writeStartObject();
        g.writeStringField("schema", SCHEMA);
        g.writeStringField("sweep", sweep.file());
        g.writeStringField("sequence", sweep.sequence());
        g.writeStringField("description", sweep.description());
        g.writeNumberField("resolution-ns", sweep.resolution());
        if (!shard.isWhole()) {
            g.writeStringField("shard", shard.toString());
        }
        g.writeRaw('\n');
        g.writeArrayFieldStart("axes");
        for (Axis a : sweep.axes()) {
            g.writeStartObject();
            g.writeStringField("name", a.name());
            g.writeStringField("unit", a.unit().name().toLowerCase(java.util.Locale.ROOT));
            g.writeArrayFieldStart("values");
            for (long v : a.values()) {
                g.writeString(a.text(v));
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeRaw('\n');
        g.writeArrayFieldStart("points");
    }

    @Override
    public void point(PointResult p) throws IOException {
        g.writeRaw('\n');
        g.writeStartObject();
        g.writeNumberField("index", p.index());
        g.writeArrayFieldStart("at");
        for (String v : p.at()) {
            g.writeString(v);
        }
        g.writeEndArray();
        g.writeBooleanField("passed", p.passed());
        g.writeStringField("outcome", p.outcome());
        optional("first-cause", p.firstCause());
        optional("window", p.window());
        if (p.marginNanos() != null) {
            g.writeNumberField("margin-ns", p.marginNanos());
        }
        optional("tightest-window", p.tightestWindow());
        if (p.tightestMarginNanos() != null) {
            g.writeNumberField("tightest-margin-ns", p.tightestMarginNanos());
        }
        optional("error", p.error());
        g.writeEndObject();
    }

    private void optional(String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    @Override
    public void end(SweepResult result) throws IOException {
        g.writeEndArray();
        g.writeRaw('\n');
        g.writeArrayFieldStart("boundaries");
        for (Boundary b : result.boundaries()) {
            g.writeRaw('\n');
            g.writeStartObject();
            g.writeStringField("axis", b.axis());
            g.writeArrayFieldStart("at");
            for (String v : b.at()) {
                g.writeString(v);
            }
            g.writeEndArray();
            g.writeStringField("from", b.fromOutcome());
            g.writeStringField("to", b.toOutcome());
            g.writeNumberField("last", b.last());
            g.writeNumberField("first", b.first());
            g.writeNumberField("resolution", b.resolution());
            g.writeStringField("limit", b.limitText());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeRaw('\n');
        g.writeObjectFieldStart("summary");
        g.writeNumberField("points", result.points());
        g.writeObjectFieldStart("outcomes");
        for (Map.Entry<String, Long> e : result.outcomes().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }
}
