package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.LinkEvent;
import io.klinebench.time.Event;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fault steps in a sequence, in virtual time, at their boundaries: the R56 module answers at
 * its ecu-p2 of 30 ms, inside P2 25..50 ms; told to answer 20 ms late it answers at P2max
 * exactly (no violation), 20 ms + 1 ns late it breaks P2 by 1 ns, and the injection is said.
 */
class FaultStepTest {

    private final SequenceLoader loader = new SequenceLoader(ProfileCatalog.builtIn());

    private BenchResult run(String faultStep) throws ConfigException {
        String yaml = """
                profile: r56-2007-2013
                steps:
                  - {at: 1s, do: tester fast-init}
                  - {after: 1s, do: %s}
                  - {after: 10ms, do: tester send 21 01, label: read}
                expect:
                  - event: fault-injected
                    from: read
                    within: 1s
                """.formatted(faultStep);
        return SequenceRunner.run(loader.read("fault.yaml", new StringReader(yaml)));
    }

    private static List<LinkEvent.TimingViolation> p2Violations(BenchResult r) {
        return r.timeline().events().stream()
                .filter(e -> e instanceof LinkEvent.TimingViolation)
                .map(e -> (LinkEvent.TimingViolation) e)
                .filter(v -> v.parameter().startsWith("P2"))
                .toList();
    }

    private static List<Event> of(BenchResult r, Class<?> type) {
        return r.timeline().events().stream().filter(type::isInstance).toList();
    }

    @Test
    void lateToP2maxIsOnTimeAndOneNanosecondMoreBreaksIt() throws Exception {
        BenchResult atLimit = run("fault late 20ms at 21 01");
        assertThat(atLimit.passed()).isTrue();
        assertThat(of(atLimit, LinkEvent.FaultInjected.class)).singleElement().satisfies(e -> {
            LinkEvent.FaultInjected f = (LinkEvent.FaultInjected) e;
            assertThat(f.fault()).isEqualTo("late 20ms");
            assertThat(f.trigger()).isEqualTo("at 21 01");
            assertThat(f.request()).hasToString("21 01");
        });
        assertThat(p2Violations(atLimit)).isEmpty();
        assertThat(of(atLimit, LinkEvent.FaultArmed.class))
                .singleElement()
                .hasToString("FaultArmed[at=2000000000, fault=late 20ms, trigger=at 21 01]");

        BenchResult beyond = run("fault late 20000001ns at 21 01");
        assertThat(p2Violations(beyond)).singleElement().satisfies(v -> {
            assertThat(v.measuredNanos() - v.limitNanos()).isEqualTo(1);
            assertThat(v.bound()).isEqualTo("above-max");
            assertThat(v.injected()).as("named as injected").isEqualTo("late 20.000001ms at 21 01");
        });
    }

    @Test
    void aStallInsideTheAnswerBreaksP1AndIsNamedAsInjected() throws Exception {
        BenchResult r = run("fault stall 3 40ms at 21 01");
        assertThat(r.timeline().events().stream()
                        .filter(e -> e instanceof LinkEvent.TimingViolation)
                        .map(e -> (LinkEvent.TimingViolation) e))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.parameter()).isEqualTo("P1");
                    assertThat(v.injected()).isEqualTo("stall 3 40ms at 21 01");
                });
    }

    @Test
    void aResponsePendingStormComesBeforeTheAnswerWithinTheRules() throws Exception {
        BenchResult r = run("fault pending 3 at 21 01");
        assertThat(r.timeline().events().stream()
                        .filter(e -> e instanceof LinkEvent.TesterReceived)
                        .map(e -> ((LinkEvent.TesterReceived) e).data().toString()))
                .containsExactly("C1 EF 8F", "7F 21 78", "7F 21 78", "7F 21 78", "61 01 00 00 00 03");
        assertThat(r.timeline().events()).noneMatch(e -> e instanceof LinkEvent.TimingViolation);
        assertThat(of(r, LinkEvent.FaultInjected.class)).hasSize(1);
    }

    @Test
    void anAnswerFromAnotherSourceIsNotTakenAsTheModulesAnswer() throws Exception {
        BenchResult r = run("fault wrong-source 12 at 21 01");
        assertThat(of(r, LinkEvent.FaultInjected.class)).hasSize(1);
        assertThat(r.timeline().events().stream()
                        .filter(e -> e instanceof LinkEvent.TesterReceived)
                        .map(e -> ((LinkEvent.TesterReceived) e).data().toString()))
                .as("the init's answer only")
                .containsExactly("C1 EF 8F");
        assertThat(of(r, LinkEvent.Ignored.class))
                .anySatisfy(e -> assertThat(((LinkEvent.Ignored) e).why())
                        .isEqualTo("an answer from 12; this tester talks to 40"));
    }

    @Test
    void aSilentModuleLeavesTheTesterWithoutAnAnswerAndSaysWhy() throws Exception {
        BenchResult r = run("fault silent");
        assertThat(of(r, LinkEvent.FaultInjected.class)).hasSize(1);
        assertThat(of(r, LinkEvent.TesterReceived.class))
                .as("the init's answer only")
                .hasSize(1);
    }

    @Test
    void aBadChecksumIsDroppedByTheTester() throws Exception {
        BenchResult r = run("fault bad-checksum after 0");
        // the tester's decoder then resynchronises on the rest, byte by byte (each said)
        assertThat(of(r, LinkEvent.FrameDropped.class)).first().satisfies(e -> {
            LinkEvent.FrameDropped d = (LinkEvent.FrameDropped) e;
            assertThat(d.reason()).isEqualTo("bad_checksum");
        });
        assertThat(of(r, LinkEvent.TesterReceived.class))
                .as("the init's answer only")
                .hasSize(1);
    }

    @Test
    void aMisspeltFaultIsAnErrorAtItsPlace() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> run("fault lat 20ms"));
        assertThat(e.getMessage()).contains("fault.yaml:4").contains("unknown fault 'lat'");
    }
}
