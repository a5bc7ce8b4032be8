package io.klinebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** Typed reads say what was wrong with a value in words that fit it. */
class ValuesTest {

    private static Node scalar(String text) {
        return new Node.Scalar(new Pos("f.yaml", 3, 7), text);
    }

    private static String integerError(String text, long min, long max) {
        return catchThrowableOfType(ConfigException.class, () -> Values.integer(scalar(text), "seed", min, max))
                .getMessage();
    }

    @Test
    void aWholeNumberTooBigForALongIsCalledTooLargeNotNoWholeNumber() {
        assertThat(integerError("99999999999999999999999", Long.MIN_VALUE, Long.MAX_VALUE))
                .isEqualTo("f.yaml:3:7: seed: 99999999999999999999999 is too large; expected"
                        + " -9223372036854775808..9223372036854775807");
        assertThat(integerError("-99999999999999999999999", Long.MIN_VALUE, Long.MAX_VALUE))
                .isEqualTo("f.yaml:3:7: seed: -99999999999999999999999 is too small; expected"
                        + " -9223372036854775808..9223372036854775807");
        assertThat(integerError("0x1FFFFFFFFFFFFFFFF", 0, 100))
                .isEqualTo("f.yaml:3:7: seed: 0x1FFFFFFFFFFFFFFFF is too large; expected 0..100");
        assertThat(integerError("12abc", 0, 100)).isEqualTo("f.yaml:3:7: seed: expected a whole number, found '12abc'");
        assertThat(integerError("101", 0, 100)).isEqualTo("f.yaml:3:7: seed: expected 0..100, found 101");
    }

    @Test
    void aSwitchNamesEveryWordItTakesOnOffAmongThem() throws ConfigException {
        assertThat(Values.bool(scalar("on"), "echo")).isTrue();
        assertThat(Values.bool(scalar("Off"), "echo")).isFalse();
        assertThat(catchThrowableOfType(ConfigException.class, () -> Values.bool(scalar("of"), "echo"))
                        .getMessage())
                .isEqualTo("f.yaml:3:7: echo: expected true or false, on or off, yes or no; found 'of'");
    }
}
