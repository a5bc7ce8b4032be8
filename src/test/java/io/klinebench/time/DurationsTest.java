package io.klinebench.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "250ns,250",
        "3us,3000",
        "300ms,300000000",
        "1.5s,1500000000",
        "0.1s,100000000",
        "2min,120000000000",
        "1h,3600000000000",
        "30d,2592000000000000",
        "-2s,-2000000000"
    })
    void parsesEveryUnitExactly(String text, long nanos) {
        assertThat(Durations.parse(text)).isEqualTo(nanos);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"300ms", "1.5s", "2min", "3h", "30d", "7us", "12ns", "0s", "-500ms", "1.234567891s", "12.5001ms"
            })
    void formatsBackToTheSameValue(String text) {
        long n = Durations.parse(text);
        assertThat(Durations.parse(Durations.format(n))).isEqualTo(n);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 sec", "s", "1,5s", "fast"})
    void rejectsWhatIsNotADurationSayingWhatItExpects(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a number with a unit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999d", "106752d", "0.5ns"})
    void aDurationThatDoesNotFitIsStillWrittenAsOne(String text) {
        assertThat(Durations.isWritten(text)).isTrue();
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOverflowSaysItIsTooLongAndTheMaximum() {
        assertThatThrownBy(() -> Durations.parse("99999999d"))
                .hasMessage("'99999999d' is too long: a duration is at most 106751d (about 292 years, what the clock"
                        + " counts in nanoseconds)");
        assertThat(Durations.MAX_DAYS).isEqualTo(106_751);
        assertThat(Durations.isWritten("soon")).isFalse();
    }
}
