package io.klinebench.bench;

import io.klinebench.car.CarEvent;
import io.klinebench.fob.Button;
import io.klinebench.fob.FobEvent;
import io.klinebench.fob.Transmission;
import io.klinebench.kline.Init;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.TesterRequest;
import io.klinebench.line.Bytes;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
    /** The fields of a remote's code that {@link #flatten} shows (not its MAC). */
    static final List<String> CODE_FIELDS = List.of("serial", "counter", "buttons", "low-battery");

    private static final Pattern WORD_START = Pattern.compile("([a-z0-9])([A-Z])");

    /** A record component as flatten reads it: its kebab-case key and its accessor. */
    record Component(String key, Method accessor) {}

    /**
     * Each record type's components with their keys, looked up once: a sim makes the fields of
     * every event it streams, and reflection copies the components on every call.
     */
    static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
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

    /** Fields of events that are instants on the clock (not durations): counted from the origin like "at-ns". */
    public static final Set<String> INSTANT_FIELDS = Set.of("closes-at", "first-at", "until", "since");

    /** Fields of events that are durations in nanoseconds (besides those named "...-nanos"). */
    public static final Set<String> DURATION_FIELDS = Set.of("p2");

    private EventFields() {}

    /**
     * Fields as a person reads them, "{name=completion.key-out-deadline, actual=8s}": a duration
     * in nanoseconds (a field named "...-nanos", or {@link #DURATION_FIELDS}) under its name
     * without the unit, an instant ({@link #INSTANT_FIELDS}) as a time column shows it. The
     * values are an event's ({@link #of}) or an expectation's "where:" as written; a value that
     * is not a whole number stays as it is.
     *
     * @param exact durations as {@link Durations#format} writes them ("850.000001ms": what an
     *              expectation compares exactly), else rounded as {@link Durations#human} does
     *              (as the report's event lines show them)
     */
    public static String readable(Map<String, ?> fields, boolean exact) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, ?> f : fields.entrySet()) {
            String key = f.getKey();
            Object value = f.getValue();
            boolean nanos = key.endsWith("-nanos");
            boolean instant = INSTANT_FIELDS.contains(key);
            Long n = nanos || instant || DURATION_FIELDS.contains(key) ? wholeNumber(value) : null;
            if (n != null) {
                key = nanos ? key.substring(0, key.length() - "-nanos".length()) : key;
                value = instant ? Durations.clock(n) : exact ? Durations.format(n) : Durations.human(n);
            }
            sb.append(sb.length() == 1 ? "" : ", ").append(key).append('=').append(value);
        }
        return sb.append('}').toString();
    }

    private static Long wholeNumber(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof String text && text.strip().matches("-?\\d{1,18}")) {
            return Long.parseLong(text.strip());
        }
        return null;
    }

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
        if (e instanceof ModuleEvent m) {
            return typeName(m.event()); // an event of another module reads as what it wraps
        }
        return TYPE_NAMES.get(e.getClass());
    }

    /** The name an expectation uses for events of {@code type} ("remote-learned"). */
    public static String typeName(Class<? extends Event> type) {
        String name = TYPE_NAMES.get(type);
        return name != null ? name : type.getSimpleName();
    }

    /** The field names an event type has, for validating "where:". */
    public static List<String> fieldNames(Class<? extends Event> type) {
        return new ArrayList<>(fieldTexts(type).keySet());
    }

    /**
     * Each field of an event type with the texts {@link #of} can write for it, derived from
     * the record component types the way {@link #flatten} renders them. Names of the bench
     * (keys, remotes, doors) and slot numbers depend on the car: {@link WhereReader} narrows them.
     */
    static Map<String, FieldText> fieldTexts(Class<? extends Event> type) {
        Map<String, FieldText> texts = new LinkedHashMap<>();
        collectTexts(type, texts);
        if (texts.containsKey("serial") && !texts.containsKey("remote")) {
            texts.put("remote", new FieldText.AnyText());
        }
        if (LinkEvent.class.isAssignableFrom(type) && !texts.containsKey("module")) {
            // another module of the car's lines says it as a ModuleEvent, with its name
            texts.put("module", new FieldText.AnyText());
        }
        texts.remove("at");
        return texts;
    }

    /** The event's fields (not its type or time), with remote names resolved by {@code names}. */
    public static Map<String, Object> of(Event e, IntFunction<String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten((Record) e, out, names);
        out.remove("at");
        return out;
    }

    private static void collectTexts(Class<?> type, Map<String, FieldText> out) {
        for (RecordComponent rc : type.getRecordComponents()) {
            Class<?> t = rc.getType();
            String key = kebab(rc.getName());
            if (t == Bytes.class) {
                out.put(key, new FieldText.HexBytes(List.of()));
            } else if (t == TesterRequest.class) {
                out.put(
                        key,
                        new FieldText.HexBytes(
                                Arrays.stream(Init.values()).map(Init::text).toList()));
            } else if (t == Transmission.Code.class) {
                Map<String, FieldText> code = new LinkedHashMap<>();
                collectTexts(t, code);
                code.keySet().retainAll(CODE_FIELDS);
                out.putAll(code);
            } else if (t.isRecord()) {
                collectTexts(t, out);
            } else if (key.equals("serial")) {
                out.put(key, new FieldText.Serial(hex(0x1A2B3C)));
            } else if (key.equals("buttons")) {
                out.put(key, new FieldText.OneOf(buttonTexts()));
            } else if (t.isEnum()) {
                out.put(
                        key,
                        new FieldText.OneOf(Arrays.stream(t.getEnumConstants())
                                .map(c -> enumText((Enum<?>) c))
                                .toList()));
            } else if (t == boolean.class) {
                out.put(key, new FieldText.OneOf(List.of("true", "false")));
            } else if (t == int.class) {
                out.put(key, new FieldText.WholeNumber(Integer.MIN_VALUE, Integer.MAX_VALUE));
            } else if (t == long.class) {
                out.put(key, new FieldText.WholeNumber(Long.MIN_VALUE, Long.MAX_VALUE));
            } else {
                out.put(key, new FieldText.AnyText()); // sentences, names, lists and maps written for people
            }
        }
    }

    /** Every set of buttons as {@link #flatten} writes it: "none", "lock", "unlock", "lock+unlock". */
    static List<String> buttonTexts() {
        int all = 0;
        for (Button b : Button.values()) {
            all |= b.bit();
        }
        List<String> texts = new ArrayList<>();
        for (int mask = 0; mask <= all; mask++) {
            if ((mask & ~all) == 0) {
                texts.add(buttonText(mask));
            }
        }
        return texts;
    }

    static String buttonText(int mask) {
        return Button.describe(mask).toLowerCase(Locale.ROOT);
    }

    static String enumText(Enum<?> e) {
        return ENUM_TEXTS.get(e.getDeclaringClass())[e.ordinal()];
    }

    /** Each enum's constants as written ("key-out-too-late"), made once: a sweep reads them at every point. */
    private static final ClassValue<String[]> ENUM_TEXTS = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            String[] texts = new String[constants.length];
            for (int i = 0; i < texts.length; i++) {
                texts[i] =
                        ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
            return texts;
        }
    };

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
                out.put("buttons", buttonText(code.buttons()));
                out.put("low-battery", code.lowBattery());
            } else if (key.equals("serial")) {
                int serial = (Integer) v;
                out.put("serial", hex(serial));
                putName(out, serial, names);
            } else if (key.equals("buttons")) {
                out.put(key, buttonText((Integer) v));
            } else if (v instanceof Enum<?> en) {
                out.put(key, enumText(en));
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
        // As String.format("%07X", serial) writes it, without parsing a format for every event.
        String digits = Integer.toHexString(serial).toUpperCase(Locale.ROOT);
        return digits.length() >= 7 ? digits : "0".repeat(7 - digits.length()) + digits;
    }

    static String kebab(String camel) {
        return WORD_START.matcher(camel).replaceAll("$1-$2").toLowerCase(Locale.ROOT);
    }
}
