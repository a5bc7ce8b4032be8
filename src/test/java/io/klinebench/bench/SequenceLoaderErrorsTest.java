package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Every kind of mistake in a sequence file is named with its file, line and column. */
class SequenceLoaderErrorsTest {

    static final String HEAD = """
            profile: r50-r53-2005-2008
            car:
              keys:
                A: {remote: 0x1A2B3C, slot: 0}
            """;
    static final String TAIL = """
            expect:
              - event: cycle-counted
            """;

    private final SequenceLoader loader = new SequenceLoader(ProfileCatalog.builtIn());

    private ConfigException error(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> loader.read("seq.yaml", new StringReader(yaml)));
    }

    @Test
    void unknownActionNamesLineColumnAndTheActionsThatExist() {
        ConfigException e = error(HEAD + """
                steps:
                  - {at: 0s, do: insert A}
                  - {after: 1s, do: ignitoin 2}
                """ + TAIL);
        assertThat(e.getMessage())
                .startsWith("seq.yaml:7:")
                .contains("unknown action 'ignitoin'")
                .contains("expected one of: insert, remove, ignition");
        assertThat(e.pos().column()).isEqualTo(21);
    }

    @Test
    void unknownProfileListsTheKnownOnes() {
        ConfigException e = error("profile: r60-2011\nsteps: []\n" + TAIL);
        assertThat(e.getMessage())
                .startsWith("seq.yaml:1:10")
                .contains("no such profile")
                .contains("r50-r53-2002-2004, r50-r53-2005-2008, r56-2007-2013");
    }

    @Test
    void malformedTimeSaysWhatADurationLooksLike() {
        ConfigException e = error(HEAD + """
                steps:
                  - {at: 2 seconds, do: insert A}
                """ + TAIL);
        assertThat(e.getMessage())
                .startsWith("seq.yaml:6:")
                .contains("'2 seconds' is not a duration")
                .contains("250ms, 1.5s");
    }

    @Test
    void yamlSyntaxErrorHasItsPlace() {
        ConfigException e = error(HEAD + """
                steps:
                  - {at: 0s, do: insert A
                  - {after: 1s, do: ignition 2}
                """ + TAIL);
        assertThat(e.getMessage()).startsWith("seq.yaml:").contains("YAML syntax error");
        assertThat(e.pos().line()).isBetween(6, 8);
        // The parser's problem at its place, then where the construct began; not its 'reader'
        // marks and code excerpts (the message ended on "in 'reader', line 6, column 5:").
        assertThat(e.getMessage())
                .isEqualTo("seq.yaml:7:5: YAML syntax error: expected ',' or '}', but got '{', in the flow mapping"
                        + " that starts at 6:5")
                .doesNotContain("reader");
    }

    @Test
    void unknownFieldListsTheFieldsThatExist() {
        ConfigException e = error(HEAD + """
                steps:
                  - {aftr: 1s, do: insert A}
                """ + TAIL);
        assertThat(e.getMessage())
                .startsWith("seq.yaml:6:")
                .contains(
                        "unknown field 'aftr' in a step; expected one of: after, at, do, jitter, label, repeat, steps");
    }

    @Test
    void unknownKeyInAnActionNamesTheKeysDefined() {
        ConfigException e = error(HEAD + """
                steps:
                  - {at: 0s, do: press B unlock}
                """ + TAIL);
        assertThat(e.getMessage())
                .startsWith("seq.yaml:6:")
                .contains("unknown key 'B'")
                .contains("defines A");
    }

    @Test
    void unknownDoorNamesTheProfilesDoors() {
        ConfigException e = error(HEAD + """
                steps:
                  - {at: 0s, do: door boot open}
                """ + TAIL);
        assertThat(e.getMessage()).contains("unknown door 'boot'").contains("driver, passenger, tailgate");
    }

    @Test
    void waitWithADurationIsRefusedWithItsPlaceNotRunAsABareWait() {
        ConfigException e = error(HEAD + """
                steps:
                  - {at: 0s, do: insert A}
                  - {after: 1s, do: wait 10s}
                """ + TAIL);
        assertThat(e.getMessage()).startsWith("seq.yaml:7:").contains("'wait' takes nothing after it");
    }

    @Test
    void unknownEventAndUnknownFieldInWhere() {
        ConfigException e = error(HEAD + "steps: [{at: 0s, do: wait}]\nexpect:\n  - event: cycle-count\n");
        assertThat(e.getMessage())
                .startsWith("seq.yaml:7:")
                .contains("unknown event 'cycle-count'")
                .contains("cycle-counted");

        ConfigException f =
                error(HEAD + "steps: [{at: 0s, do: wait}]\nexpect:\n  - {event: cycle-counted, where: {m: 1}}\n");
        assertThat(f.getMessage()).contains("event 'cycle-counted' has no field 'm'; its fields are: n, of");
    }

    @Test
    void stepsOutOfOrderAreRefused() {
        ConfigException e = error(HEAD + """
                steps:
                  - {at: 5s, do: insert A}
                  - {at: 2s, do: ignition 2}
                """ + TAIL);
        assertThat(e.getMessage()).startsWith("seq.yaml:7:").contains("before the previous step");
    }

    @Test
    void negativeTimesAreRefused() {
        ConfigException e = error(HEAD + """
                steps:
                  - {at: 5s, do: insert A}
                  - {after: -2s, do: ignition 2}
                """ + TAIL);
        assertThat(e.getMessage()).startsWith("seq.yaml:7:").contains("after: must not be negative");
    }

    @Test
    void aSequenceWithNothingToCheckIsRefused() {
        ConfigException e = error(HEAD + "steps: [{at: 0s, do: insert A}]\n");
        assertThat(e.getMessage()).contains("needs 'expect' or 'final'");
    }

    @Test
    void badSlotAndBadFinalValues() {
        assertThat(error(HEAD.replace("slot: 0", "slot: 4") + "steps: []\n" + TAIL)
                        .getMessage())
                .startsWith("seq.yaml:4:")
                .contains("key A.slot: expected 0..3, found 4");
        assertThat(error(HEAD + "steps: [{at: 0s, do: wait}]\nfinal: {engine-start: {A: maybe}}\n")
                        .getMessage())
                .contains("expected allowed or refused, found 'maybe'");
    }

    @Test
    void jitterIsDrawnFromTheSeedAndNeverReordersSteps() throws ConfigException {
        String yaml = HEAD
                + "seed: 7\nsteps:\n  - repeat: 50\n    steps:\n      - {after: 10ms, do: wait, jitter: 20ms}\n" + TAIL;
        Sequence a = loader.read("a.yaml", new StringReader(yaml));
        Sequence b = loader.read("b.yaml", new StringReader(yaml));
        assertThat(a.steps())
                .extracting(Sequence.Step::at)
                .isEqualTo(b.steps().stream().map(Sequence.Step::at).toList());
        assertThat(a.steps()).extracting(Sequence.Step::at).isSorted();
        assertThat(a.steps()).extracting(Sequence.Step::at).anyMatch(t -> t % 10_000_000 != 0);
        Sequence c = loader.read("c.yaml", new StringReader(yaml.replace("seed: 7", "seed: 8")));
        assertThat(c.steps().stream().map(Sequence.Step::at).toList())
                .isNotEqualTo(a.steps().stream().map(Sequence.Step::at).toList());
    }

    @Test
    void fromWithADurationTooLongSaysSoNotThatItIsNoDuration() {
        assertThat(error(HEAD + "steps: [{at: 0s, do: wait}]\nexpect:\n  - {event: cycle-counted, from: 99999999d}\n")
                        .getMessage())
                .isEqualTo("seq.yaml:7:34: from: '99999999d' is too long: a duration is at most 106751d (about 292"
                        + " years, what the clock counts in nanoseconds)");
        assertThat(error(HEAD + "steps: [{at: 0s, do: wait}]\nexpect:\n  - {event: cycle-counted, from: soon}\n")
                        .getMessage())
                .isEqualTo("seq.yaml:7:34: from: 'soon' is neither a step label (none defined) nor a duration"
                        + " (expected a number with a unit: ns, us, ms, s, min, h or d (for example 250ms, 1.5s, 2min,"
                        + " 30d))");
    }

    @Test
    void aRequestLongerThanItsFrameCanCarryIsRefusedAtItsStepNotMetMidRun() {
        String ds2 = "profile: r50-r53-2005-2008\nsteps:\n  - {at: 1s, do: tester send " + "21 ".repeat(253)
                + "}\nexpect: [{event: answered}]\n";
        assertThat(error(ds2).getMessage())
                .startsWith("seq.yaml:3:18: 'tester send' has 253 bytes, more than one request can carry:")
                .contains("speaks DS2")
                .contains("a DS2 telegram holds at most 252 data bytes");
        String kwp = "profile: r56-2007-2013\nsteps:\n  - {at: 1s, do: tester send " + "21 ".repeat(256)
                + "}\nexpect: [{event: answered}]\n";
        assertThat(error(kwp).getMessage())
                .startsWith("seq.yaml:3:18: 'tester send' has 256 bytes")
                .contains("a KWP2000 frame holds at most 255 data bytes");
        String dcan = kwp.replace("r56-2007-2013", "r56-2007-2013-dcan");
        assertThat(error(dcan).getMessage()).contains("a BMW-FAST telegram holds at most 255 data bytes");
        String sendTo = "profile: r50-r53-2005-2008\nsteps:\n  - {at: 0s, do: cable 7+8}\n"
                + "  - {at: 1s, do: tester send-to EMS2000 " + "21 ".repeat(256) + "}\nexpect: [{event: answered}]\n";
        assertThat(error(sendTo).getMessage())
                .startsWith("seq.yaml:4:18: 'tester send-to EMS2000' has 256 bytes")
                .contains("a KWP2000* telegram holds at most 255 data bytes");
    }

    @Test
    void aRequestOfTheLongestSizeItsFrameCarriesLoads() throws ConfigException {
        String ds2 = "profile: r50-r53-2005-2008\nsteps:\n  - {at: 1s, do: tester send " + "21 ".repeat(252)
                + "}\nexpect: [{event: answered}]\n";
        assertThat(loader.read("seq.yaml", new StringReader(ds2)).steps()).hasSize(1);
    }

    @Test
    void aNegativeTesterGapIsRefusedAtItsStepNotSentBackwards() {
        ConfigException e = error("profile: r56-2007-2013\nsteps:\n  - {at: 0s, do: tester inter-byte -5ms}\n"
                + "  - {after: 1s, do: tester fast-init}\nexpect: [{event: session-started}]\n");
        assertThat(e.getMessage()).startsWith("seq.yaml:3:18: 'tester inter-byte' takes a gap from 0s to 1s, not -5ms");
    }

    @Test
    void anEmptyFinalOrNoStepsIsRefusedAsAnEmptyExpectIs() {
        assertThat(error(HEAD + "steps: [{at: 0s, do: wait}]\nfinal: {}\n").getMessage())
                .isEqualTo("seq.yaml:6:8: final: {} checks nothing, and a run with nothing to check proves nothing;"
                        + " name what to check (cycle-count, engine-start, learn-window-open, locked, slots, sync) or"
                        + " leave it out");
        // beside expectations too: it still checks nothing, and says it does
        assertThat(error(HEAD + "steps: [{at: 0s, do: wait}]\n" + TAIL + "final: {}\n")
                        .getMessage())
                .startsWith("seq.yaml:8:8: final: {} checks nothing");
        assertThat(error(HEAD + "steps: [{at: 0s, do: wait}]\nfinal: {slots: {}}\n")
                        .getMessage())
                .isEqualTo("seq.yaml:6:16: final.slots: {} checks nothing; name what to check or leave it out");
        assertThat(error(HEAD + "steps: [{at: 0s, do: wait}]\nfinal: {locked: true, sync: {}}\n")
                        .getMessage())
                .startsWith("seq.yaml:6:29: final.sync: {} checks nothing");
        assertThat(error(HEAD + "steps: []\n" + TAIL).getMessage())
                .isEqualTo("seq.yaml:5:8: steps: a sequence needs at least one step: a run that does nothing proves"
                        + " nothing");
    }

    @Test
    void aSeedTooLargeIsCalledTooLargeWithItsRange() {
        assertThat(error(HEAD + "seed: 99999999999999999999999\nsteps: [{at: 0s, do: wait}]\n" + TAIL)
                        .getMessage())
                .isEqualTo("seq.yaml:5:7: seed: 99999999999999999999999 is too large; expected"
                        + " -9223372036854775808..9223372036854775807");
    }
}
