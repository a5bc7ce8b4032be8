package io.klinebench.jmh;

import io.klinebench.bench.Action;
import io.klinebench.bench.ActionParser;
import io.klinebench.bench.CarSetup;
import io.klinebench.bench.KeySpec;
import io.klinebench.bench.Rig;
import io.klinebench.car.Profile;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.LinkEvent;
import io.klinebench.protocol.DiagnosticProfile;
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
 * Complete KWP2000 sessions in virtual time, one thread: a new R56 with its K-line, fast
 * init, 20 requests 150 ms apart (P3min is 55 ms after each answer), StopCommunication, every byte scheduled on the clock and
 * traced. Run: {@code ./mvnw -Pjmh verify -Djmh.args="... KwpSessionBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class KwpSessionBenchmark {

    record Timed(long at, Action action) {}

    private Profile r56;
    private DiagnosticProfile r56Diagnostics;
    private CarSetup setup;
    private List<Timed> session;

    @Setup
    public void setUp() throws Exception {
        ProfileCatalog builtIn = ProfileCatalog.builtIn();
        r56 = builtIn.load("r56-2007-2013");
        r56Diagnostics = builtIn.loadDiagnostics("r56-2007-2013");
        setup = CarSetup.of(KeySpec.remoteKey("A", 0x1A2B3C, 0));
        session = new ArrayList<>();
        long t = Durations.S;
        session.add(new Timed(t, ActionParser.parse("tester fast-init")));
        t += 200 * Durations.MS;
        String[] requests = {"21 01", "21 02", "1A 80", "3E", "18 02 FF 00"};
        for (int i = 0; i < 20; i++) {
            session.add(new Timed(t, ActionParser.parse("tester send " + requests[i % requests.length])));
            t += 150 * Durations.MS;
        }
        session.add(new Timed(t, ActionParser.parse("tester send 82")));
    }

    @Benchmark
    public int completeSession() {
        return run().timeline().of(LinkEvent.TesterReceived.class).size();
    }

    Rig run() {
        VirtualClock clock = new VirtualClock();
        Rig rig = new Rig(r56, r56Diagnostics, setup, clock);
        for (Timed s : session) {
            clock.advanceTo(s.at());
            rig.perform(s.action());
        }
        clock.runUntilIdle(clock.nanos() + Durations.D);
        return rig;
    }
}
