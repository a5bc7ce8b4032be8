package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Words that are not quite an action are refused, never read as a different action. */
class ActionParserTest {

    @Test
    void waitTakesNoDurationTheStepsTimeIsTheTime() {
        assertThat(ActionParser.parse("wait")).isEqualTo(new Action.Wait());
        assertThatThrownBy(() -> ActionParser.parse("wait 10s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'wait' takes nothing after it")
                .hasMessageContaining("'10s'");
    }

    @Test
    void removeIsRemoveKeyAndNothingElse() {
        assertThat(ActionParser.parse("remove key")).isEqualTo(new Action.RemoveKey());
        assertThat(ActionParser.parse("REMOVE Key")).isEqualTo(new Action.RemoveKey());
        assertThatThrownBy(() -> ActionParser.parse("remove A"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 'remove key'");
        assertThatThrownBy(() -> ActionParser.parse("remove"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 'remove key'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "insert A B",
                "ignition 2 3",
                "door driver open now",
                "console lock twice",
                "door-lock unlock x",
                "car-battery connect x",
                "remote-battery A remove x",
                "replace receiver twice",
                "tester fast-init x",
                "tester inter-byte 5ms 6ms"
            })
    void wordsLeftOverAreAnErrorNotIgnored(String words) {
        assertThatThrownBy(() -> ActionParser.parse(words))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes nothing after")
                .hasMessageContaining("'" + words.substring(words.lastIndexOf(' ') + 1) + "'");
    }
}
