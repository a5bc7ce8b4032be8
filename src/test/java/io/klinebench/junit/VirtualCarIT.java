package io.klinebench.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fazecast.jSerialComm.SerialPort;
import io.klinebench.car.CarEvent;
import io.klinebench.line.Direction;
import io.klinebench.sim.VirtualCar;
import io.klinebench.testsupport.KernelWorkersRaised;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A test as a tester's developer writes it: the extension starts the car in real time on a
 * virtual serial pair, the test's own code opens the port with jSerialComm, as it would open
 * the interface cable's, and talks DS2 to the body module. Nothing here is timed: the reads wait
 * for bytes (at most 10 s, on a busy machine) and the assertions are on what came.
 */
@WithCar(profile = "r50-r53-2005-2008", remotes = @Remote(name = "A", serial = 0x1A2B3C))
class VirtualCarIT {

    @Test
    void aTesterOnTheVirtualPortGetsTheModulesIdentification(VirtualCar car) {
        SerialPort port = open(car);
        try {
            byte[] identify = HexFormat.of().parseHex("00040004"); // DS2: to 0x00, length 4, ident, checksum
            port.writeBytes(identify, identify.length);
            byte[] got = readAtLeast(port, 4 + 16); // our request echoed by the line, then the answer

            assertThat(HexFormat.of().formatHex(got, 0, 4)).isEqualTo("00040004");
            assertThat(HexFormat.of().formatHex(got, 4, 7))
                    .as("address, length 16, A0 OK")
                    .isEqualTo("0010a0");
        } finally {
            port.closePort();
        }
        assertThat(car.trace()).filteredOn(t -> t.from() == Direction.TESTER).hasSize(4);
    }

    @Test
    void theTestDrivesTheCarAsAPersonWould(VirtualCar car) {
        assertThat(car.perform("console unlock"))
                .anySatisfy(e -> assertThat(e).isInstanceOf(CarEvent.LockActuated.class));
        car.perform("insert A");
        car.perform("ignition 2");

        assertThat(car.events(CarEvent.IgnitionChanged.class))
                .extracting(CarEvent.IgnitionChanged::to)
                .containsExactly(2);
    }

    @ExtendWith(OnlyInTestKit.class)
    @WithCar(profile = "r50-r53-2005-2008")
    static class FailingTesterExample {
        @Test
        void aTesterWhoseCheckFails(VirtualCar car) {
            SerialPort port = SerialPort.getCommPort(car.port());
            port.setComPortParameters(car.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.EVEN_PARITY);
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 10_000, 0);
            port.openPort();
            try {
                port.writeBytes(HexFormat.of().parseHex("00040004"), 4);
                readAtLeast(port, 4 + 16);
            } finally {
                port.closePort();
            }
            throw new AssertionError("the tester under test expected another answer");
        }
    }

    @Test
    void aFailedTestGetsThePageOfItsKLine(@TempDir Path reports) throws Exception {
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FailingTesterExample.class))
                .configurationParameter(OnlyInTestKit.KEY, "true")
                .outputDirectoryCreator(new TempOutputDirectory(reports))
                .execute();

        r.testEvents().assertStatistics(s -> s.failed(1));
        List<FileEntry> files = r.allEvents().fileEntryPublished().stream()
                .map(e -> e.getRequiredPayload(FileEntry.class))
                .toList();
        assertThat(files).hasSize(1);
        assertThat(Files.readString(files.get(0).getPath()))
                .startsWith("<!DOCTYPE html>")
                .contains("Tester bytes", "Module bytes", "timing, stamps");
    }

    @ExtendWith(OnlyInTestKit.class)
    @WithCar(profile = "r50-r53-2005-2008", raised = true)
    static class RaisedExample {
        @Test
        void aTesterTalksToARaisedCar(VirtualCar car) {
            SerialPort port = open(car);
            try {
                port.writeBytes(HexFormat.of().parseHex("00040004"), 4);
                assertThat(HexFormat.of().formatHex(readAtLeast(port, 4 + 16), 4, 7))
                        .isEqualTo("0010a0");
            } finally {
                port.closePort();
            }
        }
    }

    @Test
    void aCarAskedRaisedRunsAsTheSimDoesAndSaysSoInTheReport() {
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(RaisedExample.class))
                .configurationParameter(OnlyInTestKit.KEY, "true")
                .execute();

        r.testEvents().assertStatistics(s -> s.succeeded(1));
        List<String> said = r.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .filter(kv -> kv.containsKey("kline-bench timing"))
                .map(kv -> kv.get("kline-bench timing"))
                .toList();
        assertThat(said).hasSize(1);
        if (KernelWorkersRaised.raised()) { // this machine lets the test run raise them: the car did too
            // real-time where the machine permits it (root here), else nice -20 and why not
            assertThat(said.get(0))
                    .matches(
                            "timing threads running (real-time \\(SCHED_FIFO, priority 1\\)|at nice -20 \\(not real-time: .+\\));"
                                    + " the kernel's serial-line workers \\(kworker/u\\*\\) at nice -20 while it runs");
        } else {
            assertThat(said.get(0)).startsWith("timing threads running at normal priority: ");
        }
    }

    /** The car's port opened as a tester opens the cable's: its baud, 8E1, reads waiting up to 10 s. */
    private static SerialPort open(VirtualCar car) {
        SerialPort port = SerialPort.getCommPort(car.port());
        port.setComPortParameters(car.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.EVEN_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 10_000, 0);
        assertThat(port.openPort()).as("open " + car.port()).isTrue();
        return port;
    }

    private static byte[] readAtLeast(SerialPort port, int n) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[64];
        while (got.size() < n) {
            int r = port.readBytes(buf, buf.length);
            if (r <= 0) {
                break; // 10 s without a byte: the assertion below says what came
            }
            got.write(buf, 0, r);
        }
        assertThat(got.size())
                .as("bytes read: " + HexFormat.of().formatHex(got.toByteArray()))
                .isGreaterThanOrEqualTo(n);
        return got.toByteArray();
    }
}
