package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A where value matches a field as it did when the field was put in lower case first: the
 * judge now compares an ASCII value letter by letter, and lowers any other.
 */
class JudgeFieldMatchProperties {

    private static boolean asBefore(String actual, String expected) {
        String a = actual.toLowerCase(Locale.ROOT);
        return expected.endsWith("...")
                ? a.startsWith(expected.substring(0, expected.length() - 3).strip())
                : a.equals(expected);
    }

    @Property
    void anyValueAgainstAnyExpected(@ForAll String actual, @ForAll String expected) {
        String lowered = expected.toLowerCase(Locale.ROOT);
        assertThat(Judge.matchesLowered(actual, lowered)).isEqualTo(asBefore(actual, lowered));
    }

    @Property
    void anyValueAgainstItselfLowered(@ForAll String actual) {
        String lowered = actual.toLowerCase(Locale.ROOT);
        assertThat(Judge.matchesLowered(actual, lowered)).isTrue().isEqualTo(asBefore(actual, lowered));
    }

    @Example
    void namesEnumsAndOddLetters() {
        String[][] pairs = {
            {"A", "a"},
            {"A", "b"},
            {"outside-window", "outside-window"},
            {"Tailgate", "tailgate"},
            {"AB", "a"},
            {"", ""},
            {"İ", "i̇"},
            {"İ", "i"},
            {"K", "k"},
            {"61 01 03", "61 01 ..."},
            {"ß", "ß"},
            {"Σ", "σ"}
        };
        for (String[] p : pairs) {
            assertThat(Judge.matchesLowered(p[0], p[1]))
                    .as("%s ~ %s", p[0], p[1])
                    .isEqualTo(asBefore(p[0], p[1]));
        }
    }
}
