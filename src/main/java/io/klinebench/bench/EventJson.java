package io.klinebench.bench;

import io.klinebench.fob.Transmission;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.TesterRequest;
import io.klinebench.line.Bytes;
import io.klinebench.time.Event;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields an event's JSON holds (a line of the sim's events file, an entry of the report's
 * events), each of the kind {@link EventFields#of} writes and Jackson reads back: what a
 * reader of those lines checks them against. Derived from the record components as {@link
 * EventFields#of} flattens them, so that a new event type or field needs nothing here.
 */
public final class EventJson {

    /** What one field holds, and whether every event of its type has it. */
    public record Field(Kind kind, boolean required) {}

    /** A field's kind of JSON value. */
    public sealed interface Kind {
        /** Whether {@code value} (as Jackson reads JSON into Java: String, Integer, Long, Boolean, List, Map, null) is one. */
        boolean accepts(Object value);

        /** What the field holds, for "expected ...". */
        String expected();
    }

    /** A JSON whole number within a long: an int or long component, or a count of nanoseconds. */
    public record WholeNumber() implements Kind {
        @Override
        public boolean accepts(Object value) {
            return value instanceof Integer
                    || value instanceof Long
                    || value instanceof BigInteger b && b.bitLength() < 64;
        }

        @Override
        public String expected() {
            return "a whole number";
        }
    }

    /** A JSON true or false. */
    public record TrueOrFalse() implements Kind {
        @Override
        public boolean accepts(Object value) {
            return value instanceof Boolean;
        }

        @Override
        public String expected() {
            return "true or false";
        }
    }

    /** A JSON string, any or one of {@code values}; {@code orNull} when the component may be null. */
    public record Text(List<String> values, boolean orNull) implements Kind {
        public Text {
            values = List.copyOf(values);
        }

        @Override
        public boolean accepts(Object value) {
            return value == null ? orNull : value instanceof String s && (values.isEmpty() || values.contains(s));
        }

        @Override
        public String expected() {
            return values.isEmpty() ? "a text in double quotes" : "one of: " + String.join(", ", values);
        }
    }

    /** A JSON list or object, or null: collections written for people. */
    public record Collection(boolean list) implements Kind {
        @Override
        public boolean accepts(Object value) {
            return value == null || (list ? value instanceof List<?> : value instanceof Map<?, ?>);
        }

        @Override
        public String expected() {
            return list ? "a list" : "an object";
        }
    }

    /** The fields of events of {@code type} (not its at-ns, t and type), by name, in the order they are written. */
    public static Map<String, Field> fields(Class<? extends Event> type) {
        Map<String, Field> out = new LinkedHashMap<>();
        collect(type, out);
        out.remove("at");
        if (LinkEvent.class.isAssignableFrom(type)) {
            // another module of the car's lines says its link's events with its name (ModuleEvent)
            out.putIfAbsent("module", new Field(new Text(List.of(), false), false));
        }
        return Collections.unmodifiableMap(out);
    }

    private static void collect(Class<?> type, Map<String, Field> out) {
        for (RecordComponent rc : type.getRecordComponents()) {
            Class<?> t = rc.getType();
            String key = EventFields.kebab(rc.getName());
            if (t == Transmission.Code.class) {
                out.put("serial", required(new Text(List.of(), false)));
                out.put("remote", new Field(new Text(List.of(), false), false)); // when the bench names it
                out.put("counter", required(new WholeNumber()));
                out.put("buttons", required(new Text(EventFields.buttonTexts(), false)));
                out.put("low-battery", required(new TrueOrFalse()));
            } else if (t.isRecord()) {
                collect(t, out);
            } else if (key.equals("serial")) {
                out.put(key, required(new Text(List.of(), false)));
                out.put("remote", new Field(new Text(List.of(), false), false));
            } else if (key.equals("buttons")) {
                out.put(key, required(new Text(EventFields.buttonTexts(), false)));
            } else if (t.isEnum()) {
                out.put(
                        key,
                        required(new Text(
                                Arrays.stream(t.getEnumConstants())
                                        .map(c -> EventFields.enumText((Enum<?>) c))
                                        .toList(),
                                false)));
            } else if (t == boolean.class) {
                out.put(key, required(new TrueOrFalse()));
            } else if (t == int.class || t == long.class) {
                out.put(key, required(new WholeNumber()));
            } else if (t == Bytes.class || t == TesterRequest.class) {
                out.put(key, required(new Text(List.of(), false)));
            } else if (List.class.isAssignableFrom(t)) {
                out.put(key, required(new Collection(true)));
            } else if (Map.class.isAssignableFrom(t)) {
                out.put(key, required(new Collection(false)));
            } else {
                out.put(key, required(new Text(List.of(), true))); // a sentence, a name: null when there is none
            }
        }
    }

    private static Field required(Kind kind) {
        return new Field(kind, true);
    }

    private EventJson() {}
}
