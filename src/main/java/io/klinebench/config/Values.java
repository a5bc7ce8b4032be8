package io.klinebench.config;

import io.klinebench.time.Durations;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Typed reads from {@link Node}s; every failure names the place and what was expected. */
public final class Values {

    /** A whole number as {@link #integer} reads one, whatever its size: decimal digits or 0x and hex digits. */
    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d+|0[xX][0-9a-fA-F]+");

    private Values() {}

    public static Node.Mapping map(Node n, String what) throws ConfigException {
        if (n instanceof Node.Mapping m) {
            return m;
        }
        throw new ConfigException(n.pos(), what + ": expected a map of fields, found " + n.kind());
    }

    public static Node.Seq list(Node n, String what) throws ConfigException {
        if (n instanceof Node.Seq s) {
            return s;
        }
        throw new ConfigException(n.pos(), what + ": expected a list, found " + n.kind());
    }

    public static String text(Node n, String what) throws ConfigException {
        if (n instanceof Node.Scalar s && !s.text().isBlank()) {
            return s.text().trim();
        }
        throw new ConfigException(
                n.pos(), what + ": expected a value, found " + (n instanceof Node.Scalar ? "nothing" : n.kind()));
    }

    public static long integer(Node n, String what, long min, long max) throws ConfigException {
        String t = text(n, what);
        long v;
        try {
            v = t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            if (WHOLE.matcher(t).matches()) { // digits enough, but more than a long holds
                throw new ConfigException(
                        n.pos(),
                        what + ": " + t + " is too " + (t.startsWith("-") ? "small" : "large") + "; expected " + min
                                + ".." + max);
            }
            throw new ConfigException(n.pos(), what + ": expected a whole number, found '" + t + "'");
        }
        if (v < min || v > max) {
            throw new ConfigException(n.pos(), what + ": expected " + min + ".." + max + ", found " + t);
        }
        return v;
    }

    public static double fraction(Node n, String what) throws ConfigException {
        String t = text(n, what);
        try {
            double v = Double.parseDouble(t);
            if (v >= 0 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new ConfigException(n.pos(), what + ": expected a fraction from 0 to 1, found '" + t + "'");
    }

    public static boolean bool(Node n, String what) throws ConfigException {
        String t = text(n, what).toLowerCase(Locale.ROOT);
        return switch (t) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default ->
                throw new ConfigException(
                        n.pos(), what + ": expected true or false, on or off, yes or no; found '" + t + "'");
        };
    }

    /** Nanoseconds from "300ms", "1.5s", "2min", "30d". */
    public static long duration(Node n, String what) throws ConfigException {
        String t = text(n, what);
        try {
            return Durations.parse(t);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(n.pos(), what + ": " + e.getMessage());
        }
    }

    /** A duration that must not be negative (times, spans, tolerances). */
    public static long nonNegativeDuration(Node n, String what) throws ConfigException {
        long v = duration(n, what);
        if (v < 0) {
            throw new ConfigException(n.pos(), what + ": must not be negative, found " + Durations.format(v));
        }
        return v;
    }

    /** A duration that must be more than zero (a deadline, a window). */
    public static long positiveDuration(Node n, String what) throws ConfigException {
        long v = nonNegativeDuration(n, what);
        if (v == 0) {
            throw new ConfigException(n.pos(), what + ": must be more than 0s, found " + text(n, what));
        }
        return v;
    }

    /**
     * The error for two fields out of order: {@code high} is not above {@code low}. It stands
     * at {@code high}'s value and names where {@code low} stands, not at the start of the map
     * that holds them both.
     */
    public static ConfigException notAbove(Node high, String highWhat, Node low, String lowWhat) {
        return new ConfigException(
                high.pos(),
                highWhat + ": " + show(high) + " must be above " + lowWhat + " (" + show(low) + " at "
                        + low.pos().line() + ":" + low.pos().column() + ")");
    }

    private static String show(Node n) {
        return n instanceof Node.Scalar s ? s.text().strip() : n.kind();
    }

    /** An enum constant written in kebab case ("remote-gesture" for REMOTE_GESTURE). */
    public static <E extends Enum<E>> E choice(Node n, String what, Class<E> type) throws ConfigException {
        String t = text(n, what);
        for (E e : type.getEnumConstants()) {
            if (kebab(e).equals(t.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new ConfigException(
                n.pos(),
                what + ": '" + t + "' is not one of: "
                        + Arrays.stream(type.getEnumConstants())
                                .map(Values::kebab)
                                .collect(Collectors.joining(", ")));
    }

    public static String kebab(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
