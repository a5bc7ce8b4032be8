package io.klinebench.bench;

import io.klinebench.time.Event;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sequence's expectations made ready to judge many runs with (a sweep's points): each
 * {@code where} split into its field names and its values in lower case, the expectations by
 * event type, and each one's field readers for the event class it last read. A run's spans
 * ({@code from}, {@code within}) are not in it: they are the run's own. Building this at every
 * point was a tenth of the point, for the same answer each time.
 *
 * <p>It keeps what it has looked up (event classes, readers), so one thread uses it at a time:
 * a sweep gives each of its threads its own template, and so its own plan.
 */
final class ExpectationPlan {

    private static final int[] NONE = new int[0];

    private final List<Sequence.Expectation> planned;
    private final String[][] keys;
    private final String[][] expected;
    private final Map<String, int[]> byTypeName = new HashMap<>();
    /** The expectations for events of each class met so far ({@link #NONE} for a class none names). */
    private final Map<Class<?>, int[]> byClass = new HashMap<>();
    /** Per expectation, the class its readers were looked up for, and those readers. */
    private final Class<?>[] readFor;

    private final FieldReaders.Reader[][] readers;

    private ExpectationPlan(List<Sequence.Expectation> xs) {
        this.planned = List.copyOf(xs);
        int n = xs.size();
        this.keys = new String[n][];
        this.expected = new String[n][];
        this.readFor = new Class<?>[n];
        this.readers = new FieldReaders.Reader[n][];
        for (int k = 0; k < n; k++) {
            Sequence.Expectation x = xs.get(k);
            int w = x.where().size();
            keys[k] = new String[w];
            expected[k] = new String[w];
            int i = 0;
            for (Map.Entry<String, String> entry : x.where().entrySet()) {
                keys[k][i] = entry.getKey();
                expected[k][i] = entry.getValue().toLowerCase(Locale.ROOT);
                i++;
            }
            int[] before = byTypeName.getOrDefault(x.event(), NONE);
            int[] now = Arrays.copyOf(before, before.length + 1);
            now[before.length] = k;
            byTypeName.put(x.event(), now);
        }
    }

    static ExpectationPlan of(List<Sequence.Expectation> xs) {
        return new ExpectationPlan(xs);
    }

    /**
     * Whether this plan judges {@code xs}: the same expectations but for where their spans
     * start (a template's points differ only in that).
     */
    boolean plans(List<Sequence.Expectation> xs) {
        if (xs.size() != planned.size()) {
            return false;
        }
        for (int k = 0; k < xs.size(); k++) {
            Sequence.Expectation a = xs.get(k);
            Sequence.Expectation b = planned.get(k);
            if (!a.event().equals(b.event())
                    || !a.where().equals(b.where())
                    || a.absent() != b.absent()
                    || a.count() != b.count()) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return planned.size();
    }

    /**
     * The indices of the expectations of {@code e}'s type, in order; empty for a type none
     * names. An event of another module reads as what it wraps, so it is looked up by name.
     */
    int[] expectationsOf(Event e) {
        if (e instanceof ModuleEvent) {
            return byTypeName.getOrDefault(EventFields.typeName(e), NONE);
        }
        int[] known = byClass.get(e.getClass());
        if (known == null) {
            known = byTypeName.getOrDefault(EventFields.typeName(e), NONE);
            byClass.put(e.getClass(), known);
        }
        return known;
    }

    String[] keys(int k) {
        return keys[k];
    }

    /** Expectation {@code k}'s values, in lower case, in {@link #keys}' order. */
    String[] expected(int k) {
        return expected[k];
    }

    /** Expectation {@code k}'s field readers for events of {@code e}'s class (null for a field none can read). */
    FieldReaders.Reader[] readers(int k, Event e) {
        if (readFor[k] != e.getClass()) {
            readFor[k] = e.getClass();
            FieldReaders.Reader[] r = new FieldReaders.Reader[keys[k].length];
            for (int i = 0; i < r.length; i++) {
                r[i] = FieldReaders.of(e, keys[k][i]);
            }
            readers[k] = r;
        }
        return readers[k];
    }
}
