package io.klinebench.bench;

import io.klinebench.fob.Transmission;
import io.klinebench.kline.TesterRequest;
import io.klinebench.line.Bytes;
import io.klinebench.time.Event;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One field of an event read straight from its record, the value {@link EventFields#of} would
 * put under that name, without flattening every field into a map: what an expectation's
 * {@code where} compares, for every event of its type, at every point of a sweep. Worked out
 * once per event type from its record components, in {@link EventFields#of}'s order; where a
 * later component writes a name again, the later one wins, as in the map. A field whose value
 * is not a plain one (a list, a component of an open type) has no reader here: ask {@link
 * EventFields#of}.
 */
final class FieldReaders {

    /** What a reader returns when this event cannot be read here (a nested record that is null): use the map. */
    static final Object UNREADABLE = new Object();

    private static final Set<Class<?>> PLAIN = Set.of(
            String.class,
            Integer.class,
            Long.class,
            Boolean.class,
            Double.class,
            Float.class,
            Short.class,
            Byte.class,
            Character.class);

    private static final Set<How> OF_CODE = EnumSet.of(
            How.CODE_SERIAL_HEX, How.CODE_REMOTE_NAME, How.CODE_COUNTER, How.CODE_BUTTONS, How.CODE_LOW_BATTERY);

    /** Each event type's readers by field name; a name without a reader is absent. */
    private static final ClassValue<Map<String, Reader>> READERS = new ClassValue<>() {
        @Override
        protected Map<String, Reader> computeValue(Class<?> type) {
            Map<String, List<Writer>> writers = new HashMap<>();
            collect(type, List.of(), writers);
            writers.remove("at");
            Map<String, Reader> out = new HashMap<>();
            writers.forEach((name, list) -> {
                if (list.stream().noneMatch(w -> w.how() == How.OTHER)) {
                    out.put(name, new Reader(List.copyOf(list)));
                }
            });
            return Map.copyOf(out);
        }
    };

    private FieldReaders() {}

    /** How a component becomes the field's value, as {@link EventFields#of} makes it. */
    private enum How {
        AS_IS,
        TEXT,
        ENUM,
        BUTTONS,
        SERIAL_HEX,
        /** The bench's name of a serial, only when it has one: the field may keep an earlier value. */
        REMOTE_NAME,
        CODE_SERIAL_HEX,
        CODE_REMOTE_NAME,
        CODE_COUNTER,
        CODE_BUTTONS,
        CODE_LOW_BATTERY,
        /** Not a plain value: no reader. */
        OTHER
    }

    /** One component that writes a field: the accessors from the event down to it, and how. */
    private record Writer(List<Function<Object, Object>> path, How how) {}

    /** Reads one field of events of one type. */
    record Reader(List<Writer> writers) {

        /** The field's value, null when the event has none, or {@link #UNREADABLE}. */
        Object read(Event e, IntFunction<String> names) {
            // The last writer wins, unless it is a name the bench does not know: then the one before.
            for (int i = writers.size() - 1; i >= 0; i--) {
                Writer w = writers.get(i);
                Object v = component(e, w.path());
                if (v == UNREADABLE || v == null && OF_CODE.contains(w.how())) {
                    return UNREADABLE; // EventFields.of writes a null remote code under its own name
                }
                if (w.how() == How.REMOTE_NAME || w.how() == How.CODE_REMOTE_NAME) {
                    int serial = w.how() == How.REMOTE_NAME ? (Integer) v : ((Transmission.Code) v).serial();
                    String name = names.apply(serial);
                    if (name != null) {
                        return name;
                    }
                    continue;
                }
                return value(v, w.how());
            }
            return null;
        }
    }

    /** The reader of field {@code name} of events like {@code e}, or null when there is none. */
    static Reader of(Event e, String name) {
        return READERS.get(e.getClass()).get(name);
    }

    private static Object value(Object v, How how) {
        return switch (how) {
            case TEXT -> v == null ? null : String.valueOf(v);
            case ENUM -> v == null ? null : EventFields.enumText((Enum<?>) v);
            case BUTTONS -> EventFields.buttonText((Integer) v);
            case SERIAL_HEX -> EventFields.hex((Integer) v);
            case CODE_SERIAL_HEX -> EventFields.hex(((Transmission.Code) v).serial());
            case CODE_COUNTER -> ((Transmission.Code) v).counter();
            case CODE_BUTTONS -> EventFields.buttonText(((Transmission.Code) v).buttons());
            case CODE_LOW_BATTERY -> ((Transmission.Code) v).lowBattery();
            default -> v;
        };
    }

    private static Object component(Object record, List<Function<Object, Object>> path) {
        Object v = record;
        for (int i = 0; i < path.size(); i++) {
            if (v == null) {
                return UNREADABLE; // EventFields.of writes a null nested record differently
            }
            v = path.get(i).apply(v);
        }
        return v;
    }

    /** The writers of every field of {@code type}, in {@link EventFields#of}'s order, by the declared types. */
    private static void collect(Class<?> type, List<Method> path, Map<String, List<Writer>> out) {
        for (EventFields.Component c : EventFields.COMPONENTS.get(type)) {
            List<Method> to = new ArrayList<>(path);
            to.add(c.accessor());
            Class<?> t = c.accessor().getReturnType();
            String key = c.key();
            if (t == Bytes.class || t == TesterRequest.class) {
                add(out, key, to, How.TEXT);
            } else if (t == Transmission.Code.class) {
                add(out, "serial", to, How.CODE_SERIAL_HEX);
                add(out, "remote", to, How.CODE_REMOTE_NAME);
                add(out, "counter", to, How.CODE_COUNTER);
                add(out, "buttons", to, How.CODE_BUTTONS);
                add(out, "low-battery", to, How.CODE_LOW_BATTERY);
            } else if (t.isRecord()) {
                collect(t, to, out);
            } else if (key.equals("serial")) {
                add(out, "serial", to, t == int.class ? How.SERIAL_HEX : How.OTHER);
                add(out, "remote", to, t == int.class ? How.REMOTE_NAME : How.OTHER);
            } else if (key.equals("buttons")) {
                add(out, key, to, t == int.class ? How.BUTTONS : How.OTHER);
            } else if (t.isEnum()) {
                add(out, key, to, How.ENUM);
            } else if (t.isPrimitive() || PLAIN.contains(t)) {
                add(out, key, to, How.AS_IS);
            } else {
                add(out, key, to, How.OTHER); // a list, an interface, Object: its runtime class decides
            }
        }
    }

    private static void add(Map<String, List<Writer>> out, String key, List<Method> path, How how) {
        List<Function<Object, Object>> accessors = new ArrayList<>();
        if (how != How.OTHER) { // a field without a reader needs no accessors
            for (Method m : path) {
                accessors.add(ComponentAccessor.of(m));
            }
        }
        out.computeIfAbsent(key, k -> new ArrayList<>()).add(new Writer(List.copyOf(accessors), how));
    }
}
