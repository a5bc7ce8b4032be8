package io.klinebench.bench;

import io.klinebench.car.Slot;
import io.klinebench.fob.Key;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/** Judges a finished run against its sequence's expectations and final state. */
final class Judge {

    private Judge() {}

    static List<Verdict> judge(Sequence seq, Rig rig, long end) {
        List<Verdict> out = new ArrayList<>();
        for (Sequence.Expectation x : seq.expectations()) {
            out.add(expectation(x, rig, end));
        }
        if (seq.finalState() != null) {
            out.addAll(finalState(seq.finalState(), rig));
        }
        return out;
    }

    /**
     * Whether a finished run meets every expectation and its final state, as {@link #judge} would
     * say, without putting a verdict into words: a sweep's point needs only that. One pass over
     * the events for all the expectations, then the final state read from the car, no verdict made.
     */
    static boolean holds(Sequence seq, Rig rig, long end) {
        return holds(seq, ExpectationPlan.of(seq.expectations()), rig, end);
    }

    /**
     * As {@link #holds(Sequence, Rig, long)}, with the expectations already made ready by {@code
     * plan} (which must {@link ExpectationPlan#plans plan} them): a template's points share one.
     */
    static boolean holds(Sequence seq, ExpectationPlan plan, Rig rig, long end) {
        List<Sequence.Expectation> xs = seq.expectations();
        int n = plan.size();
        long[] until = new long[n];
        for (int k = 0; k < n; k++) {
            until[k] = until(xs.get(k), end);
        }
        IntFunction<String> names = s -> rig.remoteName(s).orElse(null);
        int[] matches = new int[n];
        // An event is held only against the expectations of its type: most of a run's events
        // are of a type no expectation names, and comparing each with every expectation's type
        // was a fifth of a sweep's point.
        for (Event e : rig.timeline().events()) {
            int[] ofType = plan.expectationsOf(e);
            if (ofType.length == 0) {
                continue;
            }
            long at = e.at();
            for (int k : ofType) {
                Sequence.Expectation x = xs.get(k);
                if (at < x.from() || at > until[k]) {
                    continue;
                }
                if (fieldsMatch(e, plan.keys(k), plan.readers(k, e), plan.expected(k), names)) {
                    if (x.absent()) {
                        return false;
                    }
                    matches[k]++;
                }
            }
        }
        for (int k = 0; k < n; k++) {
            Sequence.Expectation x = xs.get(k);
            if (!x.absent() && !(x.count() >= 0 ? matches[k] == x.count() : matches[k] > 0)) {
                return false;
            }
        }
        return seq.finalState() == null || finalStateHolds(seq.finalState(), rig);
    }

    /** The end of an expectation's span. Saturating: 'within: 200000d' from a late step means "until the end", not an overflow. */
    private static long until(Sequence.Expectation x, long end) {
        return x.within() < 0 ? end : x.within() > Long.MAX_VALUE - x.from() ? Long.MAX_VALUE : x.from() + x.within();
    }

    static Verdict expectation(Sequence.Expectation x, Rig rig, long end) {
        long until = until(x, end);
        List<Event> ofType = new ArrayList<>();
        List<Event> matches = new ArrayList<>();
        List<Event> fieldsMatchOutside = new ArrayList<>();
        for (Event e : rig.timeline().events()) {
            if (!EventFields.typeName(e).equals(x.event())) {
                continue;
            }
            ofType.add(e);
            if (!fieldsMatch(e, x.where(), rig)) {
                continue;
            }
            if (e.at() >= x.from() && e.at() <= until) {
                matches.add(e);
            } else {
                fieldsMatchOutside.add(e);
            }
        }
        String span = "between " + Durations.clock(x.from()) + " and " + Durations.clock(until);
        if (x.absent()) {
            return matches.isEmpty()
                    ? new Verdict(x.name(), x.pos(), true, "did not happen " + span)
                    : new Verdict(
                            x.name(),
                            x.pos(),
                            false,
                            "happened at " + at(matches.get(0)) + describe(matches.get(0), rig));
        }
        if (x.count() >= 0) {
            boolean ok = matches.size() == x.count();
            return new Verdict(
                    x.name(),
                    x.pos(),
                    ok,
                    "happened " + matches.size() + " times " + span
                            + (matches.isEmpty() ? "" : ", first at " + at(matches.get(0))));
        }
        if (!matches.isEmpty()) {
            return new Verdict(x.name(), x.pos(), true, "at " + at(matches.get(0)));
        }
        String why = "did not happen " + span;
        if (!fieldsMatchOutside.isEmpty()) {
            why += "; it happened at " + at(fieldsMatchOutside.get(0)) + ", outside that span";
        } else if (!ofType.isEmpty()) {
            why += "; " + x.event() + " happened with other fields: "
                    + describe(ofType.get(0), rig).trim();
        }
        return new Verdict(x.name(), x.pos(), false, why);
    }

    private static boolean fieldsMatch(Event e, Map<String, String> where, Rig rig) {
        if (where.isEmpty()) {
            return true;
        }
        IntFunction<String> names = s -> rig.remoteName(s).orElse(null);
        Map<String, Object> fields = null; // every field, made only for one no reader can read
        for (Map.Entry<String, String> w : where.entrySet()) {
            FieldReaders.Reader reader = FieldReaders.of(e, w.getKey());
            Object v = reader == null ? FieldReaders.UNREADABLE : reader.read(e, names);
            if (v == FieldReaders.UNREADABLE) {
                fields = fields == null ? EventFields.of(e, names) : fields;
                v = fields.get(w.getKey());
            }
            if (v == null) {
                return false;
            }
            String actual = String.valueOf(v).toLowerCase(Locale.ROOT);
            String expected = w.getValue().toLowerCase(Locale.ROOT);
            // "61 01 ..." matches any value that starts with "61 01".
            boolean ok = expected.endsWith("...")
                    ? actual.startsWith(
                            expected.substring(0, expected.length() - 3).strip())
                    : actual.equals(expected);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * As {@link #fieldsMatch(Event, Map, Rig)}, for a where already split into its names, their
     * readers for this event's class ({@link FieldReaders#of}) and its expected values in lower case.
     */
    private static boolean fieldsMatch(
            Event e, String[] keys, FieldReaders.Reader[] readers, String[] expected, IntFunction<String> names) {
        Map<String, Object> fields = null; // every field, made only for one no reader can read
        for (int i = 0; i < keys.length; i++) {
            FieldReaders.Reader reader = readers[i];
            Object v = reader == null ? FieldReaders.UNREADABLE : reader.read(e, names);
            if (v == FieldReaders.UNREADABLE) {
                fields = fields == null ? EventFields.of(e, names) : fields;
                v = fields.get(keys[i]);
            }
            if (v == null || !matchesLowered(String.valueOf(v), expected[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code actual} in lower case (Locale.ROOT) matches {@code expected}, as {@link
     * #matches} says; an ASCII value is compared letter by letter without making its lower-case
     * copy (a remote's name, "A", is upper case), any other is put in lower case first.
     */
    static boolean matchesLowered(String actual, String expected) {
        if (expected.endsWith("...")) {
            return matches(actual.toLowerCase(Locale.ROOT), expected);
        }
        int n = actual.length();
        boolean sameLength = n == expected.length();
        for (int i = 0; i < n; i++) {
            char c = actual.charAt(i);
            if (c >= 0x80) {
                return actual.toLowerCase(Locale.ROOT).equals(expected);
            }
            if (sameLength) {
                char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
                sameLength = lower == expected.charAt(i);
            }
        }
        return sameLength; // an ASCII value keeps its length in lower case
    }

    /** Whether a field's value in lower case is the expected one; "61 01 ..." matches any value that starts with "61 01". */
    private static boolean matches(String actual, String expected) {
        return expected.endsWith("...")
                ? actual.startsWith(expected.substring(0, expected.length() - 3).strip())
                : actual.equals(expected);
    }

    private static String at(Event e) {
        return Durations.clock(e.at());
    }

    private static String describe(Event e, Rig rig) {
        return " "
                + EventFields.readable(EventFields.of(e, s -> rig.remoteName(s).orElse(null)), false);
    }

    /** Whether every verdict {@link #finalState} gives passes, without making them. */
    private static boolean finalStateHolds(Sequence.FinalState f, Rig rig) {
        var car = rig.car();
        if (f.slots() != null) {
            for (Map.Entry<Integer, String> s : f.slots().entrySet()) {
                Optional<Slot> slot = car.receiver().slots().get(s.getKey());
                String actual = slot.map(sl -> rig.remoteName(sl.serial()).orElse(EventFields.hex(sl.serial())))
                        .orElse("empty");
                if (!actual.equals(s.getValue())) {
                    return false;
                }
            }
        }
        if (f.locked() != null && car.status().allLocked() != f.locked()) {
            return false;
        }
        if (f.engineStart() != null) {
            for (Map.Entry<String, Boolean> e : f.engineStart().entrySet()) {
                if (car.status().engineStartAllowed(rig.key(e.getKey())) != e.getValue()) {
                    return false;
                }
            }
        }
        if (f.sync() != null) {
            for (Map.Entry<String, String> e : f.sync().entrySet()) {
                Key k = rig.key(e.getKey());
                String actual = car.receiver()
                        .slotOf(k.remote().serial())
                        .map(s -> s.sync().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .orElse("no-slot");
                if (!actual.equals(e.getValue())) {
                    return false;
                }
            }
        }
        if (f.cycleCount() != null && car.status().cycleCount() != f.cycleCount()) {
            return false;
        }
        return f.learnWindowOpen() == null || car.status().learnWindowOpen() == f.learnWindowOpen();
    }

    static List<Verdict> finalState(Sequence.FinalState f, Rig rig) {
        List<Verdict> out = new ArrayList<>();
        var car = rig.car();
        if (f.slots() != null) {
            for (Map.Entry<Integer, String> s : f.slots().entrySet()) {
                Optional<Slot> slot = car.receiver().slots().get(s.getKey());
                String actual = slot.map(sl -> rig.remoteName(sl.serial()).orElse(EventFields.hex(sl.serial())))
                        .orElse("empty");
                out.add(new Verdict(
                        "slot " + s.getKey() + " holds " + s.getValue(),
                        f.pos(),
                        actual.equals(s.getValue()),
                        "holds " + actual));
            }
        }
        if (f.locked() != null) {
            boolean locked = car.status().allLocked();
            out.add(new Verdict(
                    f.locked() ? "car locked" : "car not locked",
                    f.pos(),
                    locked == f.locked(),
                    locked ? "every door locked" : "not every door locked"));
        }
        if (f.engineStart() != null) {
            for (Map.Entry<String, Boolean> e : f.engineStart().entrySet()) {
                Key k = rig.key(e.getKey());
                boolean allowed = car.status().engineStartAllowed(k);
                out.add(new Verdict(
                        "engine start " + (e.getValue() ? "allowed" : "refused") + " for key " + e.getKey(),
                        f.pos(),
                        allowed == e.getValue(),
                        allowed ? "allowed" : "refused"));
            }
        }
        if (f.sync() != null) {
            for (Map.Entry<String, String> e : f.sync().entrySet()) {
                Key k = rig.key(e.getKey());
                String actual = car.receiver()
                        .slotOf(k.remote().serial())
                        .map(s -> s.sync().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .orElse("no-slot");
                out.add(new Verdict(
                        "remote " + e.getKey() + " " + e.getValue(), f.pos(), actual.equals(e.getValue()), actual));
            }
        }
        if (f.cycleCount() != null) {
            out.add(new Verdict(
                    "cycle count " + f.cycleCount(),
                    f.pos(),
                    car.status().cycleCount() == f.cycleCount(),
                    "cycle count " + car.status().cycleCount()));
        }
        if (f.learnWindowOpen() != null) {
            boolean open = car.status().learnWindowOpen();
            out.add(new Verdict(
                    "learn window " + (f.learnWindowOpen() ? "open" : "closed"),
                    f.pos(),
                    open == f.learnWindowOpen(),
                    open ? "open" : "closed"));
        }
        return out;
    }
}
