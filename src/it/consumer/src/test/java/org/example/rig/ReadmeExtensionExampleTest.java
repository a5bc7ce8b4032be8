package org.example.rig;

import static io.klinebench.junit.RunAssertions.assertThatBench;
import static io.klinebench.junit.RunAssertions.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fazecast.jSerialComm.SerialPort;
import io.klinebench.bench.Bench;
import io.klinebench.car.CarEvent;
import io.klinebench.junit.Remote;
import io.klinebench.junit.SequenceCase;
import io.klinebench.junit.SequenceSource;
import io.klinebench.junit.WithCar;
import io.klinebench.sim.VirtualCar;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

// The README's JUnit extension example, as a user writes it in their own project.
@WithCar(profile = "r50-r53-2005-2008", remotes = @Remote(name = "A", serial = 0x1A2B3C, outOfSync = true))
class ReadmeExtensionExampleTest {

    @Test // a fresh car in virtual time, as @WithCar describes it
    void theRitualTeachesTheRemote(Bench bench) {
        bench.perform("console unlock").after("1s", "insert A");
        for (int i = 0; i < 4; i++) {
            bench.after("3s", "ignition 2").after("1s", "ignition 0");
        }
        bench.after("1s", "remove key").after("1s", "hold A unlock")
                .after("500ms", "press A lock").after("500ms", "press A lock")
                .after("500ms", "hold A lock").after("200ms", "release A lock unlock").settle();

        assertThatBench(bench)
                .windowMet("cycles.max-off-time").withMarginAtLeast("2s")
                .and().hasEventWithin(CarEvent.RemoteLearned.class, "15s", "25s")
                .slotsHold("A", "empty", "empty", "empty");
    }

    @ParameterizedTest // one test per sequence and seed (the seed draws the steps' jitter)
    @SequenceSource(value = "r50-r53-2002-2004-ritual", files = "src/test/resources/my-ritual.yaml", seeds = {1, 2, 3})
    void everyRitualPasses(SequenceCase ritual) throws Exception {
        assertThatRun(ritual.run()).passed();
    }

    @Test // the car in real time on a virtual serial pair: your tester opens car.port()
    void myTesterReadsTheIdentification(VirtualCar car) {
        SerialPort port = SerialPort.getCommPort(car.port());
        port.setComPortParameters(car.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.EVEN_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_BLOCKING, 10_000, 0);
        assertThat(port.openPort()).isTrue();
        byte[] ident = HexFormat.of().parseHex("00040004"), got = new byte[4 + 16];
        port.writeBytes(ident, ident.length);
        int read = port.readBytes(got, got.length); // the K-line's echo of the request, then the answer
        port.closePort();
        assertThat(HexFormat.of().formatHex(got, 0, read)).startsWith("00040004" + "0010a0");
    }
}
