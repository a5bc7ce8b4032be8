package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.config.ProfileCatalog;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An expectation's name and verdict as people read them: a field in nanoseconds, as a sequence
 * must write it to match an event, is shown as a duration ("actual=850ms", not
 * "actual-nanos=850000000").
 */
class ExpectationTextTest {

    /** Exact where an expectation's value is shown (it compares exactly), rounded where an event's is. */
    @Test
    void durationsAndInstantsAmongFieldsReadAsDurationsAndTimes() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "completion.key-out-deadline");
        fields.put("limit-nanos", 5_000_000_000L);
        fields.put("actual-nanos", "8000000001");
        fields.put("p2", 30_000_000);
        fields.put("closes-at", 47_000_000_000L);
        fields.put("counter", 40121);
        fields.put("measured-nanos", "a lot");

        assertThat(EventFields.readable(fields, true))
                .isEqualTo("{name=completion.key-out-deadline, limit=5s, actual=8.000000001s, p2=30ms,"
                        + " closes-at=47.000s, counter=40121, measured-nanos=a lot}");
        assertThat(EventFields.readable(fields, false)).contains("actual=8s,");
    }

    @Test
    void anExpectationsNameAndAFailedOnesDetailShowDurations() throws Exception {
        Sequence seq = new SequenceLoader(ProfileCatalog.builtIn()).read("seq.yaml", new StringReader("""
                profile: r50-r53-2005-2008
                car:
                  keys:
                    A: {remote: 0x1A2B3C, slot: 0}
                steps:
                  - {at: 0s, do: console unlock}
                  - {after: 1s, do: insert A}
                  - {after: 1s, do: ignition 2}
                  - {after: 1s, do: ignition 0}
                  - {after: 1s, do: remove key}
                expect:
                  - event: window-judged
                    where: {name: cycles.min-run-time, actual-nanos: 850000000}
                """));

        assertThat(seq.expectations().get(0).name())
                .isEqualTo("window-judged {name=cycles.min-run-time, actual=850ms} happens");
        Verdict v = SequenceRunner.run(seq).verdicts().get(0);
        assertThat(v.passed()).isFalse();
        assertThat(v.detail())
                .contains("happened with other fields: {name=cycles.min-run-time,")
                .contains("limit=500ms, actual=1s,")
                .doesNotContain("nanos");
    }
}
