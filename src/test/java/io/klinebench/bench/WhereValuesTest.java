package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.time.Event;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An expectation's {@code where} values and the final state's names are checked at load
 * time against what the event can show (issue 10): a value that can never match is a check
 * that cannot pass, or with {@code absent: true} cannot fail.
 */
class WhereValuesTest {

    /** Lines 1-5; the expectation starts at line 6, its {@code where} is on line 8. */
    static final String HEAD = """
            profile: r50-r53-2005-2008
            car:
              keys: {A: {remote: 0x1A2B3C, slot: 0}, P: {}}
            steps: [{at: 0s, do: wait}]
            expect:
            """;

    private final SequenceLoader loader = new SequenceLoader(ProfileCatalog.builtIn());

    private String error(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> loader.read("seq.yaml", new StringReader(yaml)))
                .getMessage();
    }

    private Sequence load(String yaml) throws ConfigException {
        return loader.read("seq.yaml", new StringReader(yaml));
    }

    @Test
    void aMisspeltReasonListsTheReasonsOfTheEvent() {
        assertThat(error(HEAD + "  - event: remote-code-rejected\n    where: {remote: A, reason: key-in-ignitoin}\n"))
                .isEqualTo("seq.yaml:7:32: where.reason: 'key-in-ignitoin' never matches: the reason of"
                        + " remote-code-rejected is one of: unknown-remote, outside-window, replayed,"
                        + " waiting-for-second-code, not-synchronised, battery-too-low, key-in-ignition, invalid-code,"
                        + " receiver-not-coded");
    }

    @Test
    void aMisspeltButtonListsTheButtonSetsAsEventsShowThem() {
        assertThat(error(HEAD + "  - event: remote-sent\n    where: {remote: A, buttons: lok}\n"))
                .isEqualTo("seq.yaml:7:33: where.buttons: 'lok' never matches: the buttons of remote-sent is one of:"
                        + " none, lock, unlock, lock+unlock");
    }

    @Test
    void aSlotBeyondTheProfilesSlotsIsRefused() {
        assertThat(error(HEAD + "  - event: remote-learned\n    where: {slot: 9}\n"))
                .isEqualTo("seq.yaml:7:19: where.slot: '9' never matches: the slot of remote-learned is 0..3"
                        + " (profile r50-r53-2005-2008 has 4 slots, from 0)");
    }

    @Test
    void anAbsentExpectationWithATypoIsRefusedNotPassedSilently() {
        assertThat(error(HEAD
                        + "  - event: remote-code-rejected\n    absent: true\n    where: {reason: key-in-ignitoin}\n"))
                .startsWith("seq.yaml:8:21: where.reason: 'key-in-ignitoin' never matches: the reason of"
                        + " remote-code-rejected is one of: ");
    }

    @Test
    void namesOfTheCarAreChecked() {
        assertThat(error(HEAD + "  - {event: remote-sent, where: {remote: P}}\n"))
                .isEqualTo("seq.yaml:6:42: where.remote: 'P' never matches: the remote of remote-sent is one of the"
                        + " keys with a remote in the car section: A");
        assertThat(error(HEAD + "  - {event: key-inserted, where: {key: B}}\n"))
                .isEqualTo("seq.yaml:6:40: where.key: 'B' never matches: the key of key-inserted is one of the keys"
                        + " in the car section: A, P");
        assertThat(error(HEAD + "  - {event: lock-actuated, where: {door: boot}}\n"))
                .isEqualTo("seq.yaml:6:42: where.door: 'boot' never matches: the door of lock-actuated is one of the"
                        + " doors of profile r50-r53-2005-2008: driver, passenger, tailgate");
    }

    @Test
    void numbersFlagsSerialsAndBytesAreCheckedAsEventsWriteThem() {
        assertThat(error(HEAD + "  - {event: cycle-counted, where: {n: 0x4}}\n"))
                .isEqualTo("seq.yaml:6:39: where.n: '0x4' never matches: the n of cycle-counted is a whole number"
                        + " in decimal digits (like 42)");
        assertThat(error(HEAD + "  - {event: window-judged, where: {met: yes}}\n"))
                .isEqualTo("seq.yaml:6:41: where.met: 'yes' never matches: the met of window-judged is one of: true,"
                        + " false");
        assertThat(error(HEAD + "  - {event: remote-sent, where: {serial: 1A2B3C}}\n"))
                .isEqualTo("seq.yaml:6:42: where.serial: '1A2B3C' never matches: the serial of remote-sent is a"
                        + " serial number of 7 hex digits (like 01A2B3C)");
        assertThat(error(HEAD + "  - {event: answered, where: {data: 7F2712}}\n"))
                .isEqualTo("seq.yaml:6:37: where.data: '7F2712' never matches: the data of answered is hex bytes one"
                        + " space apart (like 61 01 03, or 61 01 ... for any that start so)");
        assertThat(error(HEAD + "  - {event: remote-code-rejected, where: {reason: key-out...}}\n"))
                .contains("where.reason: 'key-out...' never matches");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{event: remote-code-rejected, where: {remote: a, reason: KEY-IN-IGNITION}}",
                "{event: remote-code-rejected, where: {reason: key-in-..., detail: anything at all}}",
                "{event: remote-sent, where: {serial: 01a2b3c, buttons: lock+unlock, low-battery: false, counter: 7}}",
                "{event: tester-received, where: {request: 5-baud init, data: \"A0 ...\"}}",
                "{event: answered, where: {request: \"27 02 ...\", data: \"7F 27 36\", negative: true}}",
                "{event: remote-learned, where: {slot: 3, resynchronised: false}}",
                "{event: timing-violation, where: {by: tester, bound: above-max, measured-nanos: -5}}",
                "{event: diagnostic-learn-ended, where: {outcome: timed-out, slot: 0}}"
            })
    void valuesEventsCanShowAreAccepted(String expectation) throws ConfigException {
        assertThat(load(HEAD + "  - " + expectation + "\n").expectations()).hasSize(1);
    }

    @Test
    void finalStateNamesListWhatExists() {
        String head = HEAD.replace("expect:\n", "");
        assertThat(error(head + "final: {slots: {9: A}}\n"))
                .isEqualTo("seq.yaml:5:17: final.slots: slot 9 does not exist (0..3)");
        assertThat(error(head + "final: {slots: {0: P}}\n"))
                .isEqualTo("seq.yaml:5:20: final.slots.0: 'P' is not a key with a remote in the car section; expected"
                        + " one of: A, empty");
        assertThat(error(head + "final: {engine-start: {B: allowed}}\n"))
                .isEqualTo("seq.yaml:5:24: final.engine-start: unknown key 'B'; expected one of the keys in the car"
                        + " section: A, P");
        assertThat(error(head + "final: {sync: {P: in-sync}}\n"))
                .isEqualTo("seq.yaml:5:16: final.sync: 'P' is not a key with a remote; expected one of: A");
    }

    /**
     * The texts allowed are derived from the record types; this holds them to the texts
     * {@link EventFields#of} really writes, over every event of runs that make most kinds.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "r53-2005-2008-ritual",
                "r53-2005-2008-kline-read-cycles",
                "r56-2007-2013-kline-security-lockout",
                "r53-2005-2008-receiver-replaced",
                "r50-r53-2002-2004-coin-cell"
            })
    void everyFieldAnEventWritesIsAllowedByItsType(String sequence) throws Exception {
        BenchResult run = Bench.run(Path.of("bench-config/sequences/" + sequence + ".yaml"));
        assertThat(run.timeline().events()).isNotEmpty();
        for (Event e : run.timeline().events()) {
            Map<String, FieldText> texts = EventFields.fieldTexts(e.getClass());
            for (Map.Entry<String, Object> f : EventFields.of(e, s -> "A").entrySet()) {
                assertThat(texts).as(EventFields.typeName(e)).containsKey(f.getKey());
                String shown = String.valueOf(f.getValue());
                if (!shown.isBlank()) {
                    assertThat(texts.get(f.getKey()).canMatch(shown))
                            .as(EventFields.typeName(e) + "." + f.getKey() + " = " + shown)
                            .isTrue();
                }
            }
        }
    }
}
