package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.fob.Button;
import java.util.List;
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

    @Test
    void aTestersGapBetweenBytesIsNeverNegativeNorAbsurd() {
        assertThat(ActionParser.parse("tester inter-byte 0s")).isEqualTo(new Action.TesterInterByte(0));
        assertThat(ActionParser.parse("tester inter-byte 1s")).isEqualTo(new Action.TesterInterByte(1_000_000_000L));
        for (String gap : new String[] {"-5ms", "-1ns", "1.000000001s", "30d"}) {
            assertThatThrownBy(() -> ActionParser.parse("tester inter-byte " + gap))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'tester inter-byte' takes a gap from 0s to 1s, not " + gap
                            + " (the shipped profiles' modules drop a request after 10 to 20 ms of silence inside"
                            + " it)");
        }
    }

    @Test
    void aPressForATimeSaysHowItIsWrittenNotThatForIsAButton() {
        assertThat(ActionParser.parse("press A lock for 2s"))
                .isEqualTo(new Action.Press("A", List.of(Button.LOCK), 2_000_000_000L));
        assertThatThrownBy(() -> ActionParser.parse("press A lock for 2 s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'press KEY BUTTON... [for DURATION]': 'for' takes one duration, written without a space"
                        + " (for 2s), not '2 s'");
        assertThatThrownBy(() -> ActionParser.parse("press A lock for"))
                .hasMessageEndingWith("'for' takes one duration, written without a space (for 2s), and none follows");
        assertThatThrownBy(() -> ActionParser.parse("hold A lock for 2s"))
                .hasMessageStartingWith(
                        "'hold KEY BUTTON...' takes no 'for': it keeps the buttons down until a" + " 'release' step");
        assertThatThrownBy(() -> ActionParser.parse("press A lcok"))
                .hasMessage("unknown button 'lcok' in 'press KEY BUTTON... [for DURATION]'; the buttons are lock"
                        + " and unlock");
    }
}
