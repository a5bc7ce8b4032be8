package io.klinebench.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guard against raw nanoseconds in text a person reads (issue 9: "nanoseconds only in JSON
 * and traces"): {@link #offences} names every line of a text that breaks one of these rules.
 *
 * <ol>
 *   <li><b>A whole number of seven or more digits</b> ({@code 180000000000}, {@code 25000000}):
 *       no count a person reads on this bench reaches a million (rolling counters stop at
 *       65535, steps and trace entries are counted in thousands at most), but every instant or
 *       duration above a millisecond does in nanoseconds. Only a whole token counts: digits
 *       inside a word (a VIN {@code WBARE71060TZ12345}, a hex serial {@code 01A2B3C} or {@code
 *       0x1A2B3C}) are not numbers, and hex byte lists ({@code 86 F1 40 61}) are two digits a
 *       token. A remote's serial ({@code serial=0123456}, seven hex digits that may all be
 *       decimal ones) is exempt by its key, and text in single quotes is exempt as the user's
 *       own input echoed back ({@code got '5000000 tester 33'}).
 *   <li><b>Nanoseconds of a thousand or more</b> ({@code 1500ns}, {@code 25000000 ns}): a
 *       duration of a microsecond or more is written in us, ms, s ({@code Durations.human});
 *       {@code 999ns} and the honest {@code 1ns over} of a limit missed by one nanosecond pass.
 *   <li><b>A field named in nanoseconds</b> ({@code actual-nanos=}, {@code limit-ns=}): the JSON
 *       and event-file names; text for people drops the unit from the name and writes the value
 *       as a duration ({@code actual=3min}).
 *   <li><b>Scientific notation</b> ({@code 1.8E11}, {@code 1.8E+11}, {@code 5e-3}): what a
 *       {@code double} or a {@code BigDecimal} prints when nobody formatted it. A whole token
 *       only, so a hex serial like {@code 01E2345} under its key is not taken for it.
 *   <li><b>A duration with more than four decimals</b> ({@code 1.234567891s}, {@code
 *       12.5001ms}): the exact form of {@code Durations.format}, for files, not the rounded
 *       one a report shows.
 *   <li><b>An escape code</b> (ESC): colour is for a terminal, and these texts are not.
 * </ol>
 */
public final class HumanText {

    /** The rules in a few words, for a failure message. */
    public static final String RULES = "7+ digit numbers, ns values of 1000 or more, fields named -nanos/-ns, "
            + "E notation, durations with more than 4 decimals, escape codes; see HumanText";

    private static final Pattern QUOTED = Pattern.compile("'[^'\\n]*'");
    private static final Pattern SERIAL = Pattern.compile("\\bserial=[0-9A-Fa-f]+");
    private static final List<Rule> RULE_LIST = List.of(
            new Rule("a number of 7+ digits", Pattern.compile("(?<![\\p{Alnum}.])\\d{7,}(?![\\p{Alnum}])")),
            new Rule(
                    "nanoseconds of 1000 or more",
                    Pattern.compile("(?<![\\p{Alnum}.])-?(?:\\d{4,}|\\d{1,3}(?:[,_ ]\\d{3})+)(?:\\.\\d+)? ?ns\\b")),
            new Rule("a field named in nanoseconds", Pattern.compile("\\b[\\w-]+(?:-nanos|-ns|Nanos|_ns)\\s*[=:]")),
            new Rule(
                    "E notation",
                    Pattern.compile(
                            "(?<![\\p{Alnum}.])\\d+(?:\\.\\d+)?[eE][+-]?\\d+(?:ns|us|ms|s|min|h|d)?(?![\\p{Alnum}])")),
            new Rule(
                    "a duration with more than 4 decimals",
                    Pattern.compile("(?<![\\p{Alnum}.])\\d+\\.\\d{5,}(?:ns|us|ms|s|min|h|d)\\b")),
            new Rule("an escape code", Pattern.compile("\u001B")));

    private record Rule(String what, Pattern pattern) {}

    private HumanText() {}

    /**
     * Every line of {@code text} that breaks a rule, as {@code "line N: <what> '<match>' in: <the
     * line>"}; empty when the text reads as people read numbers.
     */
    public static List<String> offences(String text) {
        List<String> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String checked =
                    SERIAL.matcher(QUOTED.matcher(line).replaceAll("''")).replaceAll("serial=");
            for (Rule r : RULE_LIST) {
                // The escape code is looked for in the quoted text too: nothing excuses it.
                Matcher m = r.pattern().matcher(r.what().equals("an escape code") ? line : checked);
                if (m.find()) {
                    out.add("line " + (n + 1) + ": " + r.what() + " '"
                            + m.group().replace("\u001B", "ESC") + "' in: " + line.replace("\u001B", "ESC"));
                }
            }
        }
        return out;
    }
}
