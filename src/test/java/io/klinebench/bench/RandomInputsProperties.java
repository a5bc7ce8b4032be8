package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.car.CarEvent;
import io.klinebench.car.Profile;
import io.klinebench.car.Slot;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.VirtualClock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever a person (or a broken rig) does to the car, in any order and at any pace, the
 * model never throws, time only moves forward, and the slot table stays consistent.
 */
class RandomInputsProperties {

    record Timed(long afterNanos, String action) {}

    @Property(tries = 300)
    void anyInputSequenceKeepsTheModelConsistent(
            @ForAll("profiles") String profileName, @ForAll @Size(max = 80) List<@From("steps") Timed> steps)
            throws ConfigException {
        Profile profile = ProfileCatalog.builtIn().load(profileName);
        VirtualClock clock = new VirtualClock();
        Rig rig = new Rig(
                profile,
                CarSetup.of(
                        KeySpec.remoteKey("A", 0x1A2B3C, 0),
                        KeySpec.remoteKey("B", 0x2B3C4D, 1).counter(40_000, 10),
                        KeySpec.remoteKey("C", 0x3C4D5E, -1).notLearned().transponder("T-foreign", false),
                        KeySpec.plainKey("V")),
                clock);
        for (Timed t : steps) {
            clock.advanceBy(t.afterNanos());
            rig.perform(ActionParser.parse(t.action()));
        }
        clock.runUntilIdle(clock.nanos() + Durations.D);

        List<Event> events = rig.timeline().events();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).at())
                    .isGreaterThanOrEqualTo(events.get(i - 1).at());
        }
        List<Optional<Slot>> slots = rig.car().receiver().slots();
        assertThat(slots).hasSize(profile.slots());
        Set<Integer> serials = new HashSet<>();
        for (int i = 0; i < slots.size(); i++) {
            int index = i;
            slots.get(i).ifPresent(s -> {
                assertThat(s.index()).isEqualTo(index);
                assertThat(serials.add(s.serial()))
                        .as("serial %07X in two slots", s.serial())
                        .isTrue();
            });
        }
        // A learned remote never authorises a transponder.
        assertThat(rig.car().immobilizer().authorises("T-foreign")).isFalse();
        for (CarEvent.EngineStart e : rig.timeline().of(CarEvent.EngineStart.class)) {
            assertThat(e.allowed()).isEqualTo(!e.key().equals("C"));
        }
        assertThat(rig.car().status().learnWindowOpen()).isFalse();
    }

    @Provide
    Arbitrary<String> profiles() {
        return Arbitraries.of("r50-r53-2002-2004", "r50-r53-2005-2008", "r56-2007-2013");
    }

    @Provide
    Arbitrary<Timed> steps() {
        Arbitrary<Long> after = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(0, 2 * Durations.S)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(0, 60 * Durations.S)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 3 * Durations.D)));
        Arbitrary<String> key = Arbitraries.of("A", "B", "C", "V");
        Arbitrary<String> remote = Arbitraries.of("A", "B", "C");
        Arbitrary<String> button = Arbitraries.of("lock", "unlock", "lock unlock");
        Arbitrary<String> action = Arbitraries.oneOf(
                key.map(k -> "insert " + k),
                Arbitraries.just("remove key"),
                Arbitraries.integers().between(0, 3).map(p -> "ignition " + p),
                Arbitraries.of("driver", "passenger", "tailgate")
                        .flatMap(d -> Arbitraries.of("open", "close").map(o -> "door " + d + " " + o)),
                Arbitraries.of("console lock", "console unlock", "door-lock lock", "door-lock unlock"),
                Combinators.combine(remote, button).as((r, b) -> "press " + r + " " + b),
                Combinators.combine(remote, button).as((r, b) -> "hold " + r + " " + b),
                Combinators.combine(remote, button).as((r, b) -> "release " + r + " " + b),
                Arbitraries.of(
                        "car-battery disconnect",
                        "car-battery connect",
                        "replace receiver",
                        "wait",
                        "setting audio cd",
                        "setting audio radio"),
                remote.flatMap(r -> Arbitraries.of("remove", "insert").map(x -> "remote-battery " + r + " " + x)));
        return Combinators.combine(after, action).as(Timed::new);
    }
}
