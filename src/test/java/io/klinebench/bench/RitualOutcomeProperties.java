package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.car.CarEvent;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every ritual that teaches the car nothing says why: over random rituals whose timings
 * straddle every limit of the three profiles (run and off times, key-out delay, first-remote
 * delay, LOCK presses, how far apart the buttons come up), with the car left locked or a door
 * opened now and then, "no remote learned, and no cause" never happens.
 */
class RitualOutcomeProperties {

    /** One ritual as a person does it, in the words of sequence steps with the time before each. */
    record Ritual(String profile, boolean remoteInStep, List<String> steps) {
        Ritual(String profile, List<String> steps) {
            this(profile, false, steps);
        }

        Bench run() throws Exception {
            KeySpec a = KeySpec.remoteKey("A", 0x1A2B3C, 0);
            Bench bench = Bench.of(profile, CarSetup.of(remoteInStep ? a : a.outOfSync()));
            for (String s : steps) {
                String[] at = s.split(" ", 2);
                bench.after(at[0], at[1]);
            }
            return bench.settle();
        }
    }

    @Property(tries = 1500)
    void aRitualThatTeachesNothingAlwaysNamesACause(@ForAll("rituals") Ritual ritual) throws Exception {
        Bench bench = ritual.run();
        RitualOutcome outcome = RitualOutcome.of(bench.rig());

        assertThat(outcome.attempted())
                .as("every ritual here turns the ignition")
                .isTrue();

        if (outcome.failed()) {
            assertThat(outcome.firstCause())
                    .as(
                            "%s: nothing learned, so there must be a cause; events:%n%s",
                            ritual, bench.timeline().events())
                    .isPresent();
        }
    }

    @Provide
    Arbitrary<Ritual> rituals() {
        Arbitrary<String> profile = Arbitraries.of("r50-r53-2005-2008", "r50-r53-2002-2004", "r56-2007-2013");
        Arbitrary<Boolean> unlocks = Arbitraries.of(true, true, true, false);
        Arbitrary<Integer> cycles = Arbitraries.integers().between(1, 5);
        Arbitrary<Integer> runMs = Arbitraries.integers().between(100, 6_500);
        Arbitrary<Integer> offMs = Arbitraries.integers().between(100, 6_500);
        Arbitrary<Integer> keyOutMs = Arbitraries.integers().between(100, 7_000);
        Arbitrary<Integer> gestureMs = Arbitraries.integers().between(100, 40_000);
        Arbitrary<Integer> presses = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> releaseApartMs = Arbitraries.integers().between(0, 1_000);
        // 1: a door opened; 2: LOCK again after; 3: the remote in step (its codes work as commands)
        Arbitrary<Integer> extra = Arbitraries.integers().between(0, 3);
        return Combinators.combine(profile, unlocks, cycles, runMs, offMs, keyOutMs, gestureMs, presses)
                .as((p, unlock, n, run, off, keyOut, gesture, lockPresses) ->
                        new Object[] {p, unlock, n, run, off, keyOut, gesture, lockPresses})
                .flatMap(a -> Combinators.combine(releaseApartMs, extra).as((apart, x) -> steps(a, apart, x)));
    }

    private static Ritual steps(Object[] a, int apart, int extra) {
        String profile = (String) a[0];
        boolean unlock = (Boolean) a[1];
        int cycles = (Integer) a[2];
        int run = (Integer) a[3];
        int off = (Integer) a[4];
        List<String> s = new ArrayList<>();
        if (unlock) {
            s.add("1s console unlock");
        }
        s.add("1s insert A");
        for (int i = 0; i < cycles; i++) {
            s.add((i == 0 ? 1000 : off) + "ms ignition 2");
            if (extra == 1 && i == 1) {
                s.add("100ms door driver open");
                s.add("100ms door driver close");
            }
            s.add(run + "ms ignition 0");
        }
        s.add(a[5] + "ms remove key");
        s.add(a[6] + "ms hold A unlock");
        int presses = (Integer) a[7];
        for (int i = 0; i < presses - 1; i++) {
            s.add("500ms press A lock");
        }
        s.add("500ms hold A lock");
        s.add("200ms release A lock");
        s.add(apart + "ms release A unlock");
        if (extra == 2) {
            s.add("1s press A lock");
        }
        return new Ritual(profile, extra == 3, s);
    }

    @Property(tries = 1)
    void theIssuesThreeSilentFailuresNowSayWhy() throws Exception {
        // a first run of 5.001 s at count 0: taken as driving, judged as the missed window
        RitualOutcome first = RitualOutcome.of(new Ritual(
                        "r50-r53-2005-2008",
                        List.of("1s console unlock", "1s insert A", "1s ignition 2", "5001ms ignition 0"))
                .run()
                .rig());
        assertThat(first.firstCause().orElseThrow().what())
                .startsWith("cycles.max-run-time missed: 5.001s, at most 5s, margin -1ms")
                .contains("taken as driving");

        // four cycles with the car locked (no console unlock): each run not counted, and why
        List<String> locked = new ArrayList<>(List.of("1s insert A"));
        for (int i = 0; i < 4; i++) {
            locked.add("1s ignition 2");
            locked.add("1s ignition 0");
        }
        Bench lockedBench = new Ritual("r50-r53-2005-2008", locked).run();
        assertThat(lockedBench.events(CarEvent.CycleNotCounted.class))
                .hasSize(4)
                .allSatisfy(n -> assertThat(n.reason()).isEqualTo(CarEvent.CountReset.CAR_LOCKED));
        assertThat(RitualOutcome.of(lockedBench.rig())
                        .firstCause()
                        .orElseThrow()
                        .what())
                .isEqualTo("ignition run not counted: car-locked");

        // a just-learned remote's LOCK while the learn window is still open: the car says it ignored it
        List<String> learned = new ArrayList<>(List.of("1s console unlock", "1s insert A"));
        for (int i = 0; i < 4; i++) {
            learned.add("1s ignition 2");
            learned.add("1s ignition 0");
        }
        learned.addAll(List.of(
                "1s remove key",
                "1s hold A unlock",
                "500ms press A lock",
                "500ms press A lock",
                "500ms hold A lock",
                "200ms release A lock unlock",
                "2s press A lock"));
        Bench learnedBench = new Ritual("r50-r53-2005-2008", learned).run();
        assertThat(learnedBench.events(CarEvent.RemoteLearned.class)).hasSize(1);
        assertThat(learnedBench.events(CarEvent.RemoteCodeIgnored.class))
                .singleElement()
                .satisfies(i -> assertThat(i.why()).startsWith("LOCK without UNLOCK held first"));
    }
}
