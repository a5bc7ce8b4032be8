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

    // ---- power dip, end of session, collision, echo ---------------------------------------

    private BenchResult runSteps(String profile, String steps) throws ConfigException {
        String yaml = "profile: " + profile + "\nsteps:\n" + steps + """
                expect:
                  - event: fault-injected
                """;
        return SequenceRunner.run(loader.read("fault.yaml", new StringReader(yaml)));
    }

    private static List<String> received(BenchResult r) {
        return r.timeline().events().stream()
                .filter(e -> e instanceof LinkEvent.TesterReceived)
                .map(e -> ((LinkEvent.TesterReceived) e).data().toString())
                .toList();
    }

    private static List<String> why(BenchResult r, Class<? extends Event> type) {
        return r.timeline().events().stream()
                .filter(type::isInstance)
                .map(e -> e instanceof LinkEvent.Ignored i
                        ? i.what() + ": " + i.why()
                        : ((LinkEvent.SessionEnded) e).why())
                .toList();
    }

    /**
     * The request 21 01 sent at 2.010 s ends at 2.035 s (5 bytes, 5 ms apart); its answer was due
     * at 2.065 s (ecu-p2 30 ms): the module is without power until 3.065 s, then needs the
     * profile's idle-after-power-on of 300 ms before a wake-up: one at 3.365 s opens a session,
     * one 1 ns sooner does not.
     */
    private BenchResult powerDipThenFastInitAt(String when) throws ConfigException {
        return runSteps("r56-2007-2013", """
                  - {at: 1s, do: tester fast-init}
                  - {at: 2s, do: fault power-dip 1s at 21 01}
                  - {at: 2010ms, do: tester send 21 01}
                  - {at: 2500ms, do: tester send 21 01}
                  - {at: %s, do: tester fast-init}
                  - {after: 300ms, do: tester send 21 01}
                """.formatted(when));
    }

    @Test
    void aPowerDipEndsTheSessionHearsNothingAndNeedsAnInitAfterThePowerOnIdle() throws Exception {
        BenchResult back = powerDipThenFastInitAt("3365ms");
        assertThat(of(back, LinkEvent.FaultInjected.class)).singleElement().satisfies(e -> {
            LinkEvent.FaultInjected f = (LinkEvent.FaultInjected) e;
            assertThat(f.at()).isEqualTo(2_065_000_000L);
            assertThat(f.until()).as("when the power is back").isEqualTo(3_065_000_000L);
        });
        assertThat(why(back, LinkEvent.SessionEnded.class))
                .first()
                .isEqualTo("the module lost power (fault power-dip 1s)");
        assertThat(why(back, LinkEvent.Ignored.class))
                .contains("6 line event(s): they came while the module was without power (fault power-dip 1s)");
        assertThat(received(back))
                .as("the first init, no answer in the dip, the init after it and its request")
                .containsExactly("C1 EF 8F", "C1 EF 8F", "61 01 00 00 00 03");

        BenchResult tooSoon = powerDipThenFastInitAt("3364999999ns");
        assertThat(received(tooSoon)).containsExactly("C1 EF 8F");
        assertThat(why(tooSoon, LinkEvent.Ignored.class))
                .contains("wake-up pattern: only 299.999999ms idle before it; 300ms needed");
    }

    @Test
    void aDs2ModuleWithoutPowerAnswersAgainWhenItIsBack() throws Exception {
        // 0B 01 sent at 1.010 s ends at 1.010 s + 4 gaps; its answer was due 10 ms after: dark for 500 ms
        BenchResult r = runSteps("r50-r53-2005-2008", """
                  - {at: 1s, do: fault power-dip 500ms}
                  - {at: 1010ms, do: tester send 0B 01}
                  - {at: 1300ms, do: tester send 0B 01}
                  - {at: 1700ms, do: tester send 0B 01}
                """);
        assertThat(received(r))
                .as("only the request after the dip")
                .singleElement()
                .asString()
                .startsWith("A0 ");
        assertThat(why(r, LinkEvent.Ignored.class))
                .anySatisfy(
                        w -> assertThat(w).endsWith("came while the module was without power (fault power-dip 500ms)"));
    }

    @Test
    void anEarlyEndOfSessionLeavesTheRequestUnansweredAndTheNextOneNeedsAnInit() throws Exception {
        BenchResult r = runSteps("r56-2007-2013", """
                  - {at: 1s, do: tester fast-init}
                  - {at: 2s, do: fault end-session at 21 01}
                  - {at: 2010ms, do: tester send 21 01}
                  - {at: 3s, do: tester send 21 01}
                """);
        assertThat(received(r)).containsExactly("C1 EF 8F");
        assertThat(why(r, LinkEvent.SessionEnded.class))
                .containsExactly("ended early by the module (fault end-session); a new init is needed");
        assertThat(why(r, LinkEvent.Ignored.class)).containsExactly("82 40 F1 21 01 D5: no session: initialise first");
    }

    @Test
    void aFaultTheProtocolCannotMakeIsAnErrorAtItsPlace() {
        for (String fault : List.of("end-session", "pending 2")) {
            ConfigException e = catchThrowableOfType(
                    ConfigException.class,
                    () -> runSteps("r50-r53-2005-2008", "  - {at: 1s, do: fault " + fault + "}\n"));
            assertThat(e.getMessage())
                    .contains("fault.yaml:3:18")
                    .contains("'fault " + fault + "' cannot be made: profile r50-r53-2005-2008 speaks");
        }
        ConfigException at = catchThrowableOfType(
                ConfigException.class, () -> runSteps("r56-2007-2013", "  - {at: 1s, do: fault no-echo at 21 01}\n"));
        assertThat(at.getMessage()).contains("fault.yaml:3:18").contains("cannot wait for a named request");
    }

    /**
     * Another node talks over the answer's third byte (the target, 40) with 0F: the line carries
     * 40 AND 0F = 00, the module stops there; the tester gets a cut-off frame and drops it.
     */
    @Test
    void aCollisionGarblesTheByteAndCutsTheAnswerThere() throws Exception {
        BenchResult r = run("fault collision 3 0F at 21 01");
        assertThat(r.timeline().events().stream()
                        .filter(e -> e instanceof LinkEvent.FrameSent s && s.from() == io.klinebench.line.Direction.ECU)
                        .map(e -> ((LinkEvent.FrameSent) e).hex().toString()))
                .containsExactly("83 F1 40 C1 EF 8F F3", "86 F1 00");
        assertThat(received(r)).containsExactly("C1 EF 8F");
        assertThat(of(r, LinkEvent.FrameDropped.class))
                .singleElement()
                .satisfies(e -> assertThat(((LinkEvent.FrameDropped) e).hex().toString())
                        .isEqualTo("86 F1 00"));

        BenchResult atLastByte = run("fault collision 10 FF at 21 01");
        assertThat(received(atLastByte)).as("AND with FF changes nothing").endsWith("61 01 00 00 00 03");
    }

    @Test
    void aGarbledEchoIsHeardByTheTesterAsACollisionOnThatByte() throws Exception {
        BenchResult r = run("fault garble-echo 2 01");
        assertThat(of(r, LinkEvent.Collision.class)).singleElement().satisfies(e -> {
            LinkEvent.Collision c = (LinkEvent.Collision) e;
            assertThat(c.sent()).as("the request's second byte, the target").hasToString("40");
            assertThat(c.heard()).hasToString("41");
        });
        assertThat(of(r, LinkEvent.FaultInjected.class))
                .singleElement()
                .satisfies(
                        e -> assertThat(((LinkEvent.FaultInjected) e).fault()).isEqualTo("garble-echo 2 01"));
        assertThat(received(r))
                .as("the module heard the request whole and answered")
                .endsWith("61 01 00 00 00 03");
    }

    @Test
    void withoutItsEchoATesterThatWaitsForItTakesTheAnswerForAWrongEcho() throws Exception {
        BenchResult r = run("fault no-echo");
        assertThat(of(r, LinkEvent.FaultInjected.class))
                .singleElement()
                .satisfies(
                        e -> assertThat(((LinkEvent.FaultInjected) e).fault()).isEqualTo("no-echo"));
        // the six echoes it waits for are matched against the answer's first six bytes: five differ
        // (collisions), one (01) happens to be the echo it waited for and is swallowed
        assertThat(of(r, LinkEvent.Collision.class)).hasSize(5);
        assertThat(received(r)).containsExactly("C1 EF 8F");

        BenchResult later = run("fault no-echo after 1");
        assertThat(of(later, LinkEvent.FaultInjected.class))
                .as("after the one answer there is")
                .isEmpty();
    }

    /**
     * On D-CAN the faults a K-line has and CAN has not (byte faults of the answer, echo faults, a
     * collision, an early end of session) are refused at the step's place with the reason, and
     * so are D-CAN's CAN frame faults on a K-line profile.
     */
    @Test
    void onDCanWhatHasNoMeaningThereIsRefusedAtItsPlaceWithTheReason() {
        for (String fault : List.of(
                "stall 2 10ms",
                "drop-byte 2",
                "flip-byte 2 01",
                "insert-byte 2 00",
                "twice",
                "wrong-source 12",
                "collision 2 00",
                "end-session",
                "no-echo",
                "garble-echo 1 01")) {
            ConfigException e = catchThrowableOfType(
                    ConfigException.class,
                    () -> runSteps("r56-2007-2013-dcan", "  - {at: 1s, do: fault " + fault + "}\n"));
            assertThat(e.getMessage())
                    .as(fault)
                    .contains("fault.yaml:3:18")
                    .contains("'fault " + fault + "' cannot be made: profile r56-2007-2013-dcan speaks dcan, and ");
        }
        ConfigException echo = catchThrowableOfType(
                ConfigException.class,
                () -> runSteps("r56-2007-2013-dcan", "  - {at: 1s, do: fault no-echo after 1}\n"));
        assertThat(echo.getMessage())
                .endsWith("D-CAN has no echo to garble: a K+DCAN cable in D-CAN mode writes only answers");
        for (String fault : List.of(
                "lose-frame 2",
                "late-frame 2 10ms",
                "wrong-sequence 2",
                "lose-flow-control",
                "late-flow-control 10ms")) {
            for (String kLine : List.of("r56-2007-2013", "r50-r53-2005-2008")) {
                ConfigException e = catchThrowableOfType(
                        ConfigException.class, () -> runSteps(kLine, "  - {at: 1s, do: fault " + fault + "}\n"));
                assertThat(e.getMessage())
                        .as(fault + " on " + kLine)
                        .contains("fault.yaml:3:18")
                        .endsWith("a K-line carries no CAN frames (a fault of D-CAN)");
            }
        }
    }

    /**
     * D-CAN's P2 (50 ms) on the serial side: the request's SF, the module's 10 ms, the answer's SF
     * make 10.54 ms; an answer 39.46 ms late keeps P2 exactly, 1 ns more breaks it, named as injected.
     */
    @Test
    void onDCanALateAnswerOnP2IsOnTimeAndOneNanosecondMoreBreaksItAsInjected() throws Exception {
        BenchResult atLimit = runSteps("r56-2007-2013-dcan", """
                  - {at: 1s, do: fault late 39460000ns at 21 01}
                  - {at: 2s, do: tester send 21 01}
                """);
        assertThat(p2Violations(atLimit)).isEmpty();
        assertThat(received(atLimit)).containsExactly("61 01 00 00 00 03");

        BenchResult beyond = runSteps("r56-2007-2013-dcan", """
                  - {at: 1s, do: fault late 39460001ns at 21 01}
                  - {at: 2s, do: tester send 21 01}
                """);
        assertThat(p2Violations(beyond)).singleElement().satisfies(v -> {
            assertThat(v.measuredNanos() - v.limitNanos()).isEqualTo(1);
            assertThat(v.injected()).isEqualTo("late 39.460001ms at 21 01");
        });
    }

    @Test
    void dCansFrameFaultWordsReadBackAsTheyAreWritten() throws Exception {
        for (String fault : List.of(
                "lose-frame 2", "late-frame 3 1s", "wrong-sequence 2", "lose-flow-control", "late-flow-control 20ms")) {
            BenchResult r = runSteps(
                    "r56-2007-2013-dcan",
                    "  - {at: 1s, do: fault " + fault + " at 21 41}\n" + "  - {at: 2s, do: tester send 21 41}\n");
            assertThat(of(r, LinkEvent.FaultInjected.class))
                    .singleElement()
                    .satisfies(e ->
                            assertThat(((LinkEvent.FaultInjected) e).fault()).isEqualTo(fault));
        }
    }
}
