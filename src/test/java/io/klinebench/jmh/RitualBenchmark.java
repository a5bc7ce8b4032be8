package io.klinebench.jmh;

import io.klinebench.bench.Action;
import io.klinebench.bench.ActionParser;
import io.klinebench.bench.CarSetup;
import io.klinebench.bench.KeySpec;
import io.klinebench.bench.Rig;
import io.klinebench.car.CarEvent;
import io.klinebench.car.Profile;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.time.Durations;
import io.klinebench.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Simulation speed in virtual time, one thread: complete 2005-2008 rituals per second (a
 * new car each time, every step, every event recorded), and 30 parked days with a draining
 * key and a daily unlock/lock. Run: {@code ./mvnw -Pjmh verify} (see BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class RitualBenchmark {

    /** One timed step: when, and what. */
    record Timed(long at, Action action) {}

    /** A key at 60 %: at 2 % a day it falls below the 10 % operating level in the fourth week. */
    static final CarSetup PARKED_KEY =
            CarSetup.of(KeySpec.remoteKey("A", 0x1A2B3C, 0).battery(0.6));

    private Profile lateR53;
    private CarSetup oneRemoteOutOfSync;
    private List<Timed> ritual;
    private List<Timed> parkedMonth;

    @Setup
    public void setUp() throws Exception {
        lateR53 = ProfileCatalog.builtIn().load("r50-r53-2005-2008");
        oneRemoteOutOfSync = CarSetup.of(KeySpec.remoteKey("A", 0x1A2B3C, 0).counter(40_000, 100));
        ritual = new ArrayList<>();
        long t = 0;
        t = add(ritual, t, 0, "console unlock");
        t = add(ritual, t, 1000, "insert A");
        for (int i = 0; i < 4; i++) {
            t = add(ritual, t, 1000, "ignition 2");
            t = add(ritual, t, 1000, "ignition 0");
        }
        t = add(ritual, t, 1000, "remove key");
        t = add(ritual, t, 1000, "hold A unlock");
        t = add(ritual, t, 500, "press A lock");
        t = add(ritual, t, 500, "press A lock");
        t = add(ritual, t, 500, "hold A lock");
        add(ritual, t, 200, "release A lock unlock");

        parkedMonth = new ArrayList<>();
        long dayMs = Durations.D / Durations.MS;
        long eightAm = 8 * Durations.H / Durations.MS;
        for (int d = 0; d < 30; d++) {
            add(parkedMonth, d * dayMs + eightAm, 0, "press A unlock");
            add(parkedMonth, d * dayMs + eightAm, 60_000, "press A lock");
        }
    }

    private static long add(List<Timed> list, long tMs, long afterMs, String words) {
        long at = tMs + afterMs;
        list.add(new Timed(at * Durations.MS, ActionParser.parse(words)));
        return at;
    }

    @Benchmark
    public int completeRitual() {
        Rig rig = run(lateR53, oneRemoteOutOfSync, ritual);
        return rig.timeline().of(CarEvent.RemoteLearned.class).size();
    }

    @Benchmark
    public int thirtyParkedDays() {
        Rig rig = run(lateR53, PARKED_KEY, parkedMonth);
        return rig.timeline().events().size();
    }

    Rig parkedMonthRig() {
        return run(lateR53, PARKED_KEY, parkedMonth);
    }

    static Rig run(Profile profile, CarSetup setup, List<Timed> steps) {
        VirtualClock clock = new VirtualClock();
        Rig rig = new Rig(profile, setup, clock);
        for (Timed s : steps) {
            clock.advanceTo(s.at());
            rig.perform(s.action());
        }
        clock.runUntilIdle(Long.MAX_VALUE);
        return rig;
    }
}
