package io.klinebench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.bench.Rig;
import io.klinebench.car.CarEvent;
import io.klinebench.kline.LinkEvent;
import io.klinebench.sweep.PointResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmarks measure what they claim: a ritual that learns, a month that drains. */
class BenchmarkScenariosTest {

    @Test
    void theBenchmarkedRitualLearnsTheRemote() throws Exception {
        RitualBenchmark b = new RitualBenchmark();
        b.setUp();
        assertThat(b.completeRitual()).isEqualTo(1);
    }

    @Test
    void theParkedMonthEndsWithTheKeyTooLowToUnlock() throws Exception {
        RitualBenchmark b = new RitualBenchmark();
        b.setUp();
        Rig rig = b.parkedMonthRig();
        List<CarEvent.RemoteCodeAccepted> accepted = rig.timeline().of(CarEvent.RemoteCodeAccepted.class);
        List<CarEvent.RemoteCodeRejected> rejected = rig.timeline().of(CarEvent.RemoteCodeRejected.class);
        assertThat(accepted).hasSizeBetween(40, 56);
        assertThat(rejected).isNotEmpty().allMatch(r -> r.reason() == CarEvent.CodeReject.BATTERY_TOO_LOW);
        assertThat(rejected.get(0).at())
                .isGreaterThan(accepted.get(accepted.size() - 1).at());
    }

    @Test
    void theBenchmarkedKwpSessionGetsAnAnswerToEveryRequest() throws Exception {
        KwpSessionBenchmark b = new KwpSessionBenchmark();
        b.setUp();
        Rig rig = b.run();
        // StartCommunication, 20 requests, StopCommunication: 22 answers, the session ended by the stop.
        assertThat(rig.timeline().of(LinkEvent.TesterReceived.class)).hasSize(22);
        assertThat(rig.timeline().of(LinkEvent.SessionEnded.class))
                .extracting(LinkEvent.SessionEnded::why)
                .containsExactly("StopCommunication");
    }

    @Test
    void theBenchmarkedSweepPointsAreTheGridsPointsInTurn() throws Exception {
        SweepPointBenchmark b = new SweepPointBenchmark();
        b.setUp();
        Set<String> outcomes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            PointResult p = b.point();
            assertThat(p.index()).isEqualTo(i);
            assertThat(p.valid()).isTrue();
            outcomes.add(p.outcome());
        }
        assertThat(outcomes)
                .as("the first ten rows: run times below and above cycles.min-run-time")
                .hasSizeGreaterThan(1);
    }
}
