package io.klinebench.bench;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The texts one event field can show, as {@link EventFields#of} writes them. The judge
 * compares an expectation's {@code where} values with those texts (ignoring case, and "..."
 * at the end matching any text that starts with what comes before it), so a value outside
 * them is a check that can never match: the loader refuses it with {@link #describe}.
 */
sealed interface FieldText {

    /** Whether {@code value}, as written in a {@code where}, can match some text of this field. */
    boolean canMatch(String value);

    /** What the field shows, for "expected ..." in an error message. */
    String describe();

    /** The part before a trailing "...", as the judge reads it; null when there is none. */
    static String prefix(String value) {
        return value.endsWith("...")
                ? value.substring(0, value.length() - 3).strip().toLowerCase(Locale.ROOT)
                : null;
    }

    /** Enum constants, booleans, button sets, key and door names: a closed list. */
    record OneOf(List<String> values, String what) implements FieldText {
        public OneOf {
            values = List.copyOf(values);
        }

        OneOf(List<String> values) {
            this(values, "one of");
        }

        @Override
        public boolean canMatch(String value) {
            String p = prefix(value);
            return values.stream()
                    .map(v -> v.toLowerCase(Locale.ROOT))
                    .anyMatch(v -> p == null ? v.equals(value.toLowerCase(Locale.ROOT)) : v.startsWith(p));
        }

        @Override
        public String describe() {
            return values.isEmpty() ? what + ": there are none" : what + ": " + String.join(", ", values);
        }
    }

    /** An int or a long, written by {@code String.valueOf}: decimal digits, no sign for positives. */
    record WholeNumber(long min, long max, String note) implements FieldText {
        WholeNumber(long min, long max) {
            this(min, max, "");
        }

        @Override
        public boolean canMatch(String value) {
            String p = prefix(value);
            if (p != null) {
                return p.matches("-?\\d*");
            }
            try {
                long v = Long.parseLong(value);
                // "+4", "04" parse but never equal the "4" an event shows.
                return v >= min && v <= max && Long.toString(v).equals(value);
            } catch (NumberFormatException e) {
                return false;
            }
        }

        @Override
        public String describe() {
            boolean typeBounds = (min == Integer.MIN_VALUE && max == Integer.MAX_VALUE)
                    || (min == Long.MIN_VALUE && max == Long.MAX_VALUE);
            return (typeBounds ? "a whole number in decimal digits (like 42)" : min + ".." + max) + note;
        }
    }

    /** A remote's serial number as {@link EventFields#hex} writes it: seven hex digits. */
    record Serial(String example) implements FieldText {
        private static final Pattern HEX = Pattern.compile("[0-9a-f]{0,7}");

        @Override
        public boolean canMatch(String value) {
            String p = prefix(value);
            return p != null
                    ? HEX.matcher(p).matches()
                    : value.length() == 7
                            && HEX.matcher(value.toLowerCase(Locale.ROOT)).matches();
        }

        @Override
        public String describe() {
            return "a serial number of 7 hex digits (like " + example + ")";
        }
    }

    /** Line bytes in hex, one space apart ("61 01 03"), or for a tester request also an init's name. */
    record HexBytes(List<String> words) implements FieldText {
        private static final Pattern BYTES = Pattern.compile("[0-9a-f]{2}( [0-9a-f]{2})*");

        public HexBytes {
            words = List.copyOf(words);
        }

        @Override
        public boolean canMatch(String value) {
            String p = prefix(value);
            String v = p == null ? value.toLowerCase(Locale.ROOT) : p;
            return BYTES.matcher(v).matches()
                    || words.stream()
                            .map(w -> w.toLowerCase(Locale.ROOT))
                            .anyMatch(w -> p == null ? w.equals(v) : w.startsWith(v));
        }

        @Override
        public String describe() {
            return "hex bytes one space apart (like 61 01 03, or 61 01 ... for any that start so)"
                    + (words.isEmpty() ? "" : " or one of: " + String.join(", ", words));
        }
    }

    /** A sentence or a collection written for people: anything may be compared with it. */
    record AnyText() implements FieldText {
        @Override
        public boolean canMatch(String value) {
            return true;
        }

        @Override
        public String describe() {
            return "any text";
        }
    }
}
