package io.klinebench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.klinebench.bench.BenchResult;
import java.io.IOException;
import java.io.Writer;

/** The run report as JSON (schema: bench-config/report.schema.json). */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static void write(BenchResult r, Writer out) throws IOException {
        JSON.writeValue(out, ReportModel.of(r));
    }

    public static String toJson(BenchResult r) {
        try {
            return JSON.writeValueAsString(ReportModel.of(r));
        } catch (IOException e) {
            throw new IllegalStateException("report could not be serialised", e);
        }
    }
}
