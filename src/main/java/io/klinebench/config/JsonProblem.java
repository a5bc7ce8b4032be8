package io.klinebench.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with JSON a user gives us (a sweep's shard, a line of an events file), said in
 * words at its place: Jackson's message names its source as "[Source: REDACTED
 * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 401]", its
 * characters by code and its options by their Java names, none of which helps a user find
 * the mistake in their file.
 */
public final class JsonProblem {

    /** A rewording: Jackson's message matching {@code pattern} said as {@code words} ($1... its groups). */
    private record Rewording(Pattern pattern, String words) {}

    /** Where a list or object began, as Jackson adds it: " (start marker at [Source: ...; line: 1, column: 7])". */
    private static final Pattern START =
            Pattern.compile("\\s*\\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)\\]\\)");

    private static final Pattern SOURCE = Pattern.compile("\\s*(?:at )?\\[Source: [^\\]]*\\]");

    /** A list or object not closed before the end: Jackson names it "Array" or "Object". */
    private static final Pattern UNCLOSED =
            Pattern.compile("Unexpected end-of-input: expected close marker for (Array|Object).*");

    private static final List<Rewording> REWORDINGS = List.of(
            new Rewording(
                    Pattern.compile("Unexpected end-of-input(?:.*closing quote.*| in VALUE_STRING)"),
                    "the text ends inside a quoted text (cut short?)"),
            new Rewording(
                    Pattern.compile("Unexpected end-of-input in field name"),
                    "the text ends inside a field's name (cut short?)"),
            new Rewording(
                    Pattern.compile("Unexpected end-of-input within/between Array entries"),
                    "the text ends inside a list (cut short?)"),
            new Rewording(
                    Pattern.compile("Unexpected end-of-input within/between Object entries"),
                    "the text ends inside an object (cut short?)"),
            new Rewording(Pattern.compile("Unexpected end-of-input.*"), "the text ends too early (cut short?)"),
            new Rewording(
                    Pattern.compile("(?:Unrecognized|Non-standard) token '(.*?)'.*"),
                    "'$1' is not a JSON value (text in double quotes, a number, a list, an object, true, false or"
                            + " null)"),
            new Rewording(
                    Pattern.compile("Unexpected character \\('(.*)' \\(code \\d+\\)\\): was expecting a colon.*"),
                    "found '$1' where a ':' should follow a field's name"),
            new Rewording(
                    Pattern.compile("Unexpected character \\('(.*)' \\(code \\d+\\)\\): was expecting double-quote.*"),
                    "found '$1' where a field's name in double quotes should be"),
            new Rewording(
                    Pattern.compile("Unexpected character \\('(.*)' \\(code \\d+\\)\\): expected a valid value.*"),
                    "found '$1' where a value should be"),
            new Rewording(
                    Pattern.compile("Unexpected character \\('(.*)' \\(code \\d+\\)\\): was expecting (.*)"),
                    "found '$1' where $2 should be"),
            new Rewording(Pattern.compile("Unexpected character \\('(.*)' \\(code \\d+\\)\\).*"), "unexpected '$1'"),
            new Rewording(Pattern.compile("Duplicate field '(.*)'"), "field '$1' is given twice"),
            new Rewording(
                    Pattern.compile("Unrecognized character escape '(.*)' \\(code \\d+\\)"),
                    "'\\\\$1' is not an escape JSON knows"));

    private JsonProblem() {}

    /** The problem at its place in {@code file}: its line and column as the parser counted them. */
    public static ConfigException in(String file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return new ConfigException(
                at == null ? new Pos(file, 0, 0) : new Pos(file, at.getLineNr(), at.getColumnNr()), words(e));
    }

    /** The problem in one line of {@code file} (line {@code line}), parsed on its own: the column is the parser's. */
    public static ConfigException inLine(String file, int line, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return new ConfigException(new Pos(file, line, at == null ? 0 : at.getColumnNr()), words(e));
    }

    /** "not valid JSON: " and the problem in words. */
    static String words(JsonProcessingException e) {
        String message =
                e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip();
        Matcher start = START.matcher(message);
        String from = start.find() ? " that starts at " + start.group(1) + ":" + start.group(2) : "";
        Matcher unclosed = UNCLOSED.matcher(message);
        if (unclosed.matches()) {
            return "not valid JSON: the text ends inside "
                    + (unclosed.group(1).equals("Array") ? "a list" : "an object") + from + " (cut short?)";
        }
        message = SOURCE.matcher(START.matcher(message).replaceAll("")).replaceAll("");
        for (Rewording r : REWORDINGS) {
            Matcher m = r.pattern().matcher(message);
            if (m.matches()) {
                return "not valid JSON: " + m.replaceAll(r.words());
            }
        }
        // another of Jackson's problems: its own sentence, without the Java names of its options
        return "not valid JSON: " + message.replaceAll(":?\\s*enable `[^`]*` to allow", "");
    }
}
