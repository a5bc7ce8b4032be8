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
     * say, without putting a verdict into words: a sweep's point needs only that. Stops at the
     * first that fails.
     */
    static boolean holds(Sequence seq, Rig rig, long end) {
        for (Sequence.Expectation x : seq.expectations()) {
            if (!holds(x, rig, end)) {
                return false;
            }
        }
        return seq.finalState() == null
                || finalState(seq.finalState(), rig).stream().allMatch(Verdict::passed);
    }

    /** Whether {@code x} holds, as {@link #expectation} would say. */
    private static boolean holds(Sequence.Expectation x, Rig rig, long end) {
        long until = until(x, end);
        int matches = 0;
        for (Event e : rig.timeline().events()) {
            if (EventFields.typeName(e).equals(x.event())
                    && e.at() >= x.from()
                    && e.at() <= until
                    && fieldsMatch(e, x.where(), rig)) {
                if (x.absent()) {
                    return false;
                }
                matches++;
            }
        }
        return x.absent() || (x.count() >= 0 ? matches == x.count() : matches > 0);
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

    private static String at(Event e) {
        return Durations.clock(e.at());
    }

    private static String describe(Event e, Rig rig) {
        return " "
                + EventFields.readable(EventFields.of(e, s -> rig.remoteName(s).orElse(null)), false);
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
