package io.klinebench.bench;

import io.klinebench.car.CarEvent;
import io.klinebench.fob.Button;
import io.klinebench.fob.FobEvent;
import io.klinebench.fob.Transmission;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.TesterRequest;
import io.klinebench.line.Bytes;
import io.klinebench.time.Event;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Events as named fields, the one shape that expectations match and reports print: the
 * type in kebab case ("cycle-counted"), each record component in kebab case, nested records
 * flattened, enums in kebab case, serial numbers in hex beside the bench's remote name, line
 * bytes in hex ("61 01 03"). Events carry values; the text is made here, for people.
 */
public final class EventFields {

    private static final Map<String, Class<? extends Event>> TYPES = new TreeMap<>();
    private static final Pattern WORD_START = Pattern.compile("([a-z0-9])([A-Z])");

    /** A record component as flatten reads it: its kebab-case key and its accessor. */
    private record Component(String key, Method accessor) {}

    /**
     * Each record type's components with their keys, looked up once: a sim makes the fields of
     * every event it streams, and reflection copies the components on every call.
     */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            List<Component> out = new ArrayList<>();
            for (RecordComponent rc : type.getRecordComponents()) {
                Method accessor = rc.getAccessor();
                accessor.setAccessible(true);
                out.add(new Component(kebab(rc.getName()), accessor));
            }
            return List.copyOf(out);
        }
    };

    /** Each event type's name, looked up once. */
    private static final ClassValue<String> TYPE_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            for (Map.Entry<String, Class<? extends Event>> t : TYPES.entrySet()) {
                if (t.getValue() == type) {
                    return t.getKey();
                }
            }
            return kebab(type.getSimpleName());
        }
    };

    static {
        for (Class<?> c : CarEvent.class.getPermittedSubclasses()) {
            register(c);
        }
        for (Class<?> c : FobEvent.class.getPermittedSubclasses()) {
            register(c);
        }
        for (Class<?> c : LinkEvent.class.getPermittedSubclasses()) {
            register(c);
        }
    }

    private EventFields() {}

    @SuppressWarnings("unchecked")
    private static void register(Class<?> c) {
        String name = kebab(c.getSimpleName());
        if (c.getDeclaringClass() == FobEvent.class) {
            name = "remote-" + name;
        }
        TYPES.put(name, (Class<? extends Event>) c);
    }

    /** Every event type name an expectation may use. */
    public static List<String> typeNames() {
        return new ArrayList<>(TYPES.keySet());
    }

    public static Class<? extends Event> type(String name) {
        return TYPES.get(name);
    }

    public static String typeName(Event e) {
        return TYPE_NAMES.get(e.getClass());
    }

    /** The name an expectation uses for events of {@code type} ("remote-learned"). */
    public static String typeName(Class<? extends Event> type) {
        String name = TYPE_NAMES.get(type);
        return name != null ? name : type.getSimpleName();
    }

    /** The field names an event type has, for validating "where:". */
    public static List<String> fieldNames(Class<? extends Event> type) {
        List<String> names = new ArrayList<>();
        collectNames(type, names);
        if (names.contains("serial") && !names.contains("remote")) {
            names.add("remote");
        }
        names.remove("at");
        return names;
    }

    /** The event's fields (not its type or time), with remote names resolved by {@code names}. */
    public static Map<String, Object> of(Event e, IntFunction<String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten((Record) e, out, names);
        out.remove("at");
        return out;
    }

    private static void collectNames(Class<?> type, List<String> names) {
        for (RecordComponent rc : type.getRecordComponents()) {
            if (rc.getType() == Transmission.Code.class) {
                names.addAll(List.of("serial", "counter", "buttons", "low-battery"));
            } else if (rc.getType().isRecord()) {
                collectNames(rc.getType(), names);
            } else {
                names.add(kebab(rc.getName()));
            }
        }
    }

    private static void flatten(Record r, Map<String, Object> out, IntFunction<String> names) {
        for (Component c : COMPONENTS.get(r.getClass())) {
            Object v;
            try {
                v = c.accessor().invoke(r);
            } catch (IllegalAccessException | InvocationTargetException ex) {
                throw new IllegalStateException("cannot read " + c.accessor(), ex);
            }
            String key = c.key();
            if (v instanceof Bytes || v instanceof TesterRequest) {
                out.put(key, String.valueOf(v)); // bytes in hex, an init by name: as people write them
            } else if (v instanceof Record nested && !(v instanceof Transmission.Code)) {
                flatten(nested, out, names);
            } else if (v instanceof Transmission.Code code) {
                out.put("serial", hex(code.serial()));
                putName(out, code.serial(), names);
                out.put("counter", code.counter());
                out.put("buttons", Button.describe(code.buttons()).toLowerCase(Locale.ROOT));
                out.put("low-battery", code.lowBattery());
            } else if (key.equals("serial")) {
                int serial = (Integer) v;
                out.put("serial", hex(serial));
                putName(out, serial, names);
            } else if (key.equals("buttons")) {
                out.put(key, Button.describe((Integer) v).toLowerCase(Locale.ROOT));
            } else if (v instanceof Enum<?> en) {
                out.put(key, en.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            } else if (v instanceof List<?> list) {
                List<Object> items = new ArrayList<>();
                for (Object o : list) {
                    if (o instanceof Record rec) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        flatten(rec, m, names);
                        items.add(m);
                    } else {
                        items.add(o);
                    }
                }
                out.put(key, Collections.unmodifiableList(items));
            } else {
                out.put(key, v);
            }
        }
    }

    private static void putName(Map<String, Object> out, int serial, IntFunction<String> names) {
        String n = names.apply(serial);
        if (n != null) {
            out.put("remote", n);
        }
    }

    /** A remote serial as reports write it ("0x1A2B3C"). */
    public static String hex(int serial) {
        return String.format("%07X", serial);
    }

    static String kebab(String camel) {
        return WORD_START.matcher(camel).replaceAll("$1-$2").toLowerCase(Locale.ROOT);
    }
}
