package io.klinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinebench.bench.EventFields;
import io.klinebench.line.Direction;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The documented JSON schema (bench-config/report.schema.json) knows every event type the
 * bench can report, with exactly its fields: adding an event without documenting it fails.
 */
class ReportSchemaTest {

    @Test
    void everyEventTypeIsInTheSchemaWithItsFields() throws Exception {
        JsonNode schema = new ObjectMapper()
                .readTree(Path.of("bench-config/report.schema.json").toFile());
        JsonNode events = schema.get("$defs").get("events");
        List<String> problems = new ArrayList<>();
        for (String type : EventFields.typeNames()) {
            JsonNode def = events.get(type);
            if (def == null) {
                problems.add(type + ": missing, fields " + EventFields.fieldNames(EventFields.type(type)));
                continue;
            }
            List<String> documented = new ArrayList<>();
            Iterator<String> names = def.get("properties").fieldNames();
            names.forEachRemaining(documented::add);
            List<String> expected = new ArrayList<>(List.of("at-ns", "t", "type"));
            expected.addAll(EventFields.fieldNames(EventFields.type(type)));
            if (!documented.containsAll(expected) || !expected.containsAll(documented)) {
                problems.add(type + ": schema has " + documented + ", the report has " + expected);
            }
        }
        for (String type : EventFields.typeNames()) {
            JsonNode props = events.get(type).get("properties");
            for (RecordComponent rc : EventFields.type(type).getRecordComponents()) {
                if (!rc.getType().isEnum() || rc.getType() == Direction.class) {
                    continue;
                }
                JsonNode documented = props.get(kebab(rc.getName())).get("enum");
                for (Object constant : rc.getType().getEnumConstants()) {
                    String v = ((Enum<?>) constant).name().toLowerCase().replace('_', '-');
                    if (documented == null || !documented.toString().contains('"' + v + '"')) {
                        problems.add(type + "." + kebab(rc.getName()) + ": the schema lacks " + v);
                    }
                }
            }
        }
        List<String> oneOf = new ArrayList<>();
        schema.get("$defs")
                .get("event")
                .get("oneOf")
                .forEach(r -> oneOf.add(r.get("$ref").asText().replace("#/$defs/events/", "")));
        assertThat(problems).isEmpty();
        assertThat(oneOf).containsExactlyInAnyOrderElementsOf(EventFields.typeNames());
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
