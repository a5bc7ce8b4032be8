package io.klinebench.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinebench.bench.EventFields;
import io.klinebench.bench.EventJson;
import io.klinebench.config.ConfigException;
import io.klinebench.config.JsonProblem;
import io.klinebench.config.Pos;
import io.klinebench.replay.ReplayEvent;
import io.klinebench.sim.SimEvent;
import io.klinebench.time.Event;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one line of an events file ({@code sim --events}) into an event, checked against what
 * the sim writes for its type ({@link EventJson}): at-ns a whole number from 0, t and type
 * texts, and for a known type each of its fields of its kind, none unknown, none of its numbers,
 * switches or choices missing;
 * a field given twice is refused anywhere (JSON keeps the last, silently). Every mistake is
 * said at the file's line and the field's column.
 *
 * <p>A type this build does not know is let through, its fields unchecked, and the reader of
 * the file says so once ({@link EventLog#unknownTypes}): the file is a stream that a newer sim
 * may write with new kinds of events, and the report of what this build does know is still
 * worth reading. A known type is checked strictly: its fields are this build's, so a field it
 * lacks or does not have is a damaged or edited file, whose numbers would be reported wrong.
 */
final class EventLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every event type the sim writes, by name: the car's, the remotes', the links', the sim's and a replay's. */
    private static final Map<String, Map<String, EventJson.Field>> KNOWN = known();

    private static final EventJson.Kind WHOLE = new EventJson.WholeNumber();

    private EventLines() {}

    /** Whether the sim of this build writes events of {@code type}. */
    static boolean isKnown(String type) {
        return KNOWN.containsKey(type);
    }

    /** Line {@code line} of {@code file}, {@code text}, as an event: at-ns, t, type, then its fields, in order. */
    static Map<String, Object> read(String file, int line, String text) throws ConfigException {
        Map<String, Object> event = new LinkedHashMap<>();
        Map<String, Integer> columns = new HashMap<>();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ConfigException(
                        new Pos(file, line, p.currentTokenLocation().getColumnNr()),
                        "an event is a JSON object ({\"at-ns\": ..., \"type\": ...}), not " + found(p));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int column = p.currentTokenLocation().getColumnNr();
                if (event.containsKey(name)) {
                    throw new ConfigException(new Pos(file, line, column), name + ": given twice in one event");
                }
                p.nextToken();
                event.put(name, JSON.readValue(p, Object.class));
                columns.put(name, column);
            }
            if (p.nextToken() != null) {
                throw new ConfigException(
                        new Pos(file, line, p.currentTokenLocation().getColumnNr()),
                        "more after the event's object; an events file holds one event a line");
            }
        } catch (JsonProcessingException e) {
            throw JsonProblem.inLine(file, line, e);
        } catch (IOException e) {
            throw new ConfigException(new Pos(file, line, 0), "cannot read: " + e.getMessage());
        }
        Checker check = new Checker(file, line, event, columns);
        check.present("at-ns", WHOLE);
        if (EventText.number(event.get("at-ns")) < 0) {
            throw check.wrong("at-ns", "a whole number from 0 (nanoseconds since the sim started)");
        }
        check.present("t", new EventJson.Text(List.of(), false));
        check.present("type", new EventJson.Text(List.of(), false));
        Map<String, EventJson.Field> fields = KNOWN.get((String) event.get("type"));
        if (fields != null) {
            check.fields((String) event.get("type"), fields);
        }
        return event;
    }

    /** A line's event and where its fields stand, checked field by field. */
    private record Checker(String file, int line, Map<String, Object> event, Map<String, Integer> columns) {

        /** The field {@code name} is there and of {@code kind}. */
        void present(String name, EventJson.Kind kind) throws ConfigException {
            if (!event.containsKey(name)) {
                throw new ConfigException(
                        new Pos(file, line, 1),
                        "an event needs '" + name + "' (" + kind.expected() + "); this line has "
                                + (event.isEmpty() ? "no fields" : String.join(", ", event.keySet())));
            }
            if (!kind.accepts(event.get(name))) {
                throw wrong(name, kind.expected());
            }
        }

        /** Every field of a known type there, each of its kind, and no other. */
        void fields(String type, Map<String, EventJson.Field> fields) throws ConfigException {
            for (String name : event.keySet()) {
                if (name.equals("at-ns") || name.equals("t") || name.equals("type")) {
                    continue;
                }
                EventJson.Field f = fields.get(name);
                if (f == null) {
                    throw new ConfigException(
                            new Pos(file, line, columns.get(name)),
                            "unknown field '" + name + "' in an event of type " + type + "; its fields are: "
                                    + (fields.isEmpty() ? "none" : String.join(", ", fields.keySet())));
                }
                if (!f.kind().accepts(event.get(name))) {
                    throw wrong(name, f.kind().expected());
                }
            }
            for (Map.Entry<String, EventJson.Field> f : fields.entrySet()) {
                if (needed(f.getValue()) && !event.containsKey(f.getKey())) {
                    throw new ConfigException(
                            new Pos(file, line, 1),
                            "an event of type " + type + " needs its field '" + f.getKey() + "' ("
                                    + f.getValue().kind().expected() + ")");
                }
            }
        }

        /**
         * Whether a line must have the field: a number, a switch or a choice, which has no empty
         * value to show, so a missing one would be read as a wrong one (a missing 'met' counted as
         * missed). A text may be missing: an older sim wrote fewer ('injected' came later), and
         * the line shows what it has.
         */
        private static boolean needed(EventJson.Field f) {
            return f.required()
                    && !(f.kind() instanceof EventJson.Text t && t.values().isEmpty());
        }

        ConfigException wrong(String name, String expected) {
            return new ConfigException(
                    new Pos(file, line, columns.get(name)),
                    name + ": expected " + expected + ", found " + json(event.get(name)));
        }
    }

    private static String found(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return t == null ? "nothing" : t == JsonToken.START_ARRAY ? "a list" : "'" + p.getText() + "'";
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static Map<String, Map<String, EventJson.Field>> known() {
        Map<String, Map<String, EventJson.Field>> out = new TreeMap<>();
        for (String name : EventFields.typeNames()) {
            out.put(name, EventJson.fields(EventFields.type(name)));
        }
        for (Class<? extends Event> c : records(SimEvent.class)) {
            out.put(EventFields.typeName(c), EventJson.fields(c));
        }
        for (Class<? extends Event> c : records(ReplayEvent.class)) {
            out.put(EventFields.typeName(c), EventJson.fields(c));
        }
        return out;
    }

    /** The records a sealed event interface permits, through its sealed sub-interfaces. */
    @SuppressWarnings("unchecked")
    private static List<Class<? extends Event>> records(Class<?> sealed) {
        List<Class<? extends Event>> out = new ArrayList<>();
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isRecord()) {
                out.add((Class<? extends Event>) c);
            } else if (c.isSealed()) {
                out.addAll(records(c));
            }
        }
        return out;
    }
}
