package io.klinebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** A YAML syntax error keeps the parser's cause and stands where the parser found it. */
class YamlReaderTest {

    private static String error(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> YamlReader.read("f.yaml", new StringReader(yaml)))
                .getMessage();
    }

    @Test
    void aSyntaxErrorInsideAFlowMappingSaysWhatTheParserExpected() {
        assertThat(error("a: 1\nb: {x: A: 1}\n"))
                .isEqualTo("f.yaml:2:9: YAML syntax error: expected ',' or '}', but got ':', in the flow mapping that"
                        + " starts at 2:4");
    }

    @Test
    void anUnclosedFlowSequenceNamesWhereItStarts() {
        assertThat(error("a: [1, 2\nb: 3\n"))
                .isEqualTo("f.yaml:2:2: YAML syntax error: expected ',' or ']', but got ':', in the flow sequence that"
                        + " starts at 1:4");
    }

    @Test
    void aTabIsReportedAtTheTabNotAtTheEndOfTheLineBefore() {
        assertThat(error("a: 1\nb:\n  c: 2\n\t d: 3\n"))
                .isEqualTo("f.yaml:4:1: YAML syntax error: a tab where YAML expects spaces; indent with spaces, not"
                        + " tabs");
        assertThat(error("a:\n  b: 1\n  \tc: 2\n"))
                .isEqualTo("f.yaml:3:3: YAML syntax error: a tab where YAML expects spaces; indent with spaces, not"
                        + " tabs");
    }

    @Test
    void anErrorWithoutAContextIsTheProblemAlone() {
        assertThat(error("a: 1\n a: 2\n"))
                .isEqualTo("f.yaml:2:3: YAML syntax error: mapping values are not allowed here");
    }

    @Test
    void nestingTooDeepIsSaidAtItsPlaceWithoutTheParsersInternals() {
        String deep = "a: " + "[".repeat(1001) + "]".repeat(1001) + "\n";
        assertThat(error(deep))
                .isEqualTo("f.yaml:1:103: lists and maps nested more than 100 deep; a configuration file needs a few"
                        + " levels, not this many");
        // what the shipped files need reads as it is
        assertThat(catchThrowable(
                        () -> YamlReader.read("f.yaml", new StringReader("a: " + "[".repeat(99) + "]".repeat(99)))))
                .isNull();
    }

    @Test
    void aComplexKeyIsSaidAsAKeyThatIsNotAWord() {
        assertThat(error("profile: x\n? [a, b]\n: 1\n"))
                .isEqualTo("f.yaml:2:4: a key must be a word or a quoted text, not a list or a map (a '? ...' complex"
                        + " key)");
    }

    @Test
    void anAliasIsSaidAsNotSupportedAtItsLineNotAsTheWrongKindOfValue() {
        assertThat(error("A: &k {remote: 0x1A2B3C}\nB: *k\n"))
                .isEqualTo("f.yaml:2:4: '*k' is a YAML alias, and aliases are not supported: write the value of &k"
                        + " out in full here");
    }

    @Test
    void aFileOfCommentsIsSaidToHoldNoDocumentNotToBeEmpty() {
        assertThat(error("# only a comment\n\n"))
                .isEqualTo("f.yaml:1:1: the file holds no YAML document, only comments" + " and blank lines");
        assertThat(error("")).isEqualTo("f.yaml:1:1: the file is empty");
    }
}
