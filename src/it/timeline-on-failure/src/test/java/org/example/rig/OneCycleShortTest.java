package org.example.rig;

import static io.klinebench.junit.RunAssertions.assertThatBench;

import io.klinebench.bench.Bench;
import io.klinebench.car.CarEvent;
import io.klinebench.junit.Remote;
import io.klinebench.junit.WithCar;
import org.junit.jupiter.api.Test;

/** Fails on purpose: three ignition cycles where the car wants four. */
@WithCar(remotes = @Remote(name = "A", serial = 0x1A2B3C, outOfSync = true))
class OneCycleShortTest {

    @Test
    void threeCyclesTeachNothing(Bench bench) {
        bench.perform("console unlock").after("1s", "insert A");
        for (int i = 0; i < 3; i++) {
            bench.after("1s", "ignition 2").after("1s", "ignition 0");
        }
        bench.after("1s", "remove key").after("1s", "hold A unlock").after("500ms", "press A lock").settle();

        assertThatBench(bench).hasEventWithin(CarEvent.RemoteLearned.class, "0s", "1min");
    }
}
