package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A fault's count is read as what it is: a word, a negative number or one too large are each said as such. */
class FaultWordsTest {

    @Test
    void aCountTooLargeOrNegativeIsSaidSoNotCalledNoWholeNumber() {
        assertThatThrownBy(() -> FaultWords.parse("fault pending 99999999999".split(" ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is 0..2147483647, not 99999999999 (too large)");
        assertThatThrownBy(() -> FaultWords.parse("fault pending 99999999999999999999999".split(" ")))
                .hasMessageContaining("not 99999999999999999999999 (too large)");
        assertThatThrownBy(() -> FaultWords.parse("fault pending -1".split(" ")))
                .hasMessageContaining("is 0..2147483647, not -1 (negative)");
        assertThatThrownBy(() -> FaultWords.parse("fault pending two".split(" ")))
                .hasMessageContaining("is a whole number, not 'two'");
        assertThat(FaultWords.parse("fault pending 5".split(" ")).fault().toString())
                .contains("5");
    }
}
