package io.klinebench.sim;

import static io.klinebench.serial.ModemLines.Input.CTS;
import static io.klinebench.serial.ModemLines.Input.DCD;
import static io.klinebench.serial.ModemLines.Input.DSR;
import static io.klinebench.serial.ModemLines.Input.RI;
import static io.klinebench.serial.ModemLines.Output.DTR;
import static io.klinebench.serial.ModemLines.Output.RTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.bench.ActionParser;
import io.klinebench.bench.Rig;
import io.klinebench.car.CarEvent;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.serial.FakeModemLines;
import io.klinebench.serial.ModemLines;
import io.klinebench.time.VirtualClock;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The modem lines drive the car and show its state, exactly, on the virtual clock. */
class ModemWiringTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private final VirtualClock clock = new VirtualClock();
    private final FakeModemLines lines = new FakeModemLines();

    private BenchSetup setup(String yaml) throws Exception {
        return SetupLoader.read(
                "setup.yaml", new StringReader(yaml), ProfileCatalog.builtIn(), SetupLoader.DEFAULT_PROFILE);
    }

    private Rig rig(BenchSetup s) {
        return new Rig(s.profile(), s.diagnostics(), s.car(), clock);
    }

    private void driveAt(long at, ModemLines.Input line, boolean level) {
        clock.schedule(at, () -> lines.drive(line, level));
    }

    @Test
    void aDsrEdgeTurnsTheIgnitionAfterTheDebounceExactly() throws Exception {
        BenchSetup s = setup("""
                keys: {A: {remote: 0x1A2B3C, slot: 0}}
                modem-lines:
                  debounce: 10ms
                  inputs:
                    RI: {on: insert A}
                    DSR: {on: ignition 2, off: ignition 0}
                """);
        Rig rig = rig(s);
        ModemWiring.start(rig, lines, s.modemLines());
        driveAt(2 * MS, RI, true);
        driveAt(100 * MS, DSR, true);
        driveAt(300 * MS, DSR, false);
        clock.advanceTo(S);

        assertThat(rig.timeline().of(CarEvent.KeyInserted.class))
                .singleElement()
                .extracting(CarEvent.KeyInserted::at)
                .isEqualTo(12 * MS);
        assertThat(rig.timeline().of(CarEvent.IgnitionChanged.class))
                .extracting(CarEvent.IgnitionChanged::at, CarEvent.IgnitionChanged::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(110 * MS, 2),
                        org.assertj.core.groups.Tuple.tuple(310 * MS, 0));
    }

    @Test
    void aBounceShorterThanTheDebounceDoesNothing() throws Exception {
        BenchSetup s = setup("""
                keys: {A: {remote: 0x1A2B3C, slot: 0}}
                modem-lines:
                  debounce: 10ms
                  inputs:
                    RI: {on: insert A, off: remove key}
                """);
        Rig rig = rig(s);
        ModemWiring.start(rig, lines, s.modemLines());
        driveAt(5 * MS, RI, true);
        driveAt(9 * MS, RI, false);
        driveAt(20 * MS, RI, true);
        driveAt(24 * MS, RI, false);
        driveAt(25 * MS, RI, true);
        clock.advanceTo(S);

        assertThat(rig.timeline().of(CarEvent.KeyInserted.class))
                .singleElement()
                .extracting(CarEvent.KeyInserted::at)
                .isEqualTo(35 * MS);
        assertThat(rig.timeline().of(CarEvent.KeyRemoved.class)).isEmpty();
    }

    @Test
    void theRelayRigDoesTheRitualWithItsLinesAndTheRemoteIsLearned() throws Exception {
        BenchSetup s = SetupLoader.load(Path.of("bench-config/setups/kkl-relay-rig.yaml"), ProfileCatalog.builtIn());
        Rig rig = rig(s);
        ModemWiring.start(rig, lines, s.modemLines());
        long t = S;
        driveAt(t, RI, true); // key in
        for (int i = 0; i < 4; i++) { // four ignition cycles, 1 s on, 1 s off
            driveAt(t += S, DSR, true);
            driveAt(t += S, DSR, false);
        }
        driveAt(t += S, RI, false); // key out
        driveAt(t += S, CTS, true); // UNLOCK held
        for (int i = 0; i < 3; i++) { // LOCK pressed three times
            driveAt(t += 500 * MS, DCD, true);
            driveAt(t + 50 * MS, DCD, false);
        }
        driveAt(t + 300 * MS, CTS, false); // UNLOCK let go 150 ms after LOCK
        clock.advanceTo(t + 5 * S);

        assertThat(rig.timeline().of(CarEvent.CycleCounted.class)).hasSize(4);
        assertThat(rig.timeline().of(CarEvent.RemoteLearned.class))
                .singleElement()
                .satisfies(l -> assertThat(l.slot()).isZero());
        // DTR showed the ignition on, once per cycle, RTS the driver's door lock.
        assertThat(lines.changes().stream().filter(c -> c.line() == DTR && c.asserted()))
                .hasSize(4);
        assertThat(lines.output(DTR)).isFalse();
        assertThat(lines.output(RTS)).isEqualTo(rig.car().status().lockState("driver") == CarEvent.LockState.LOCKED);
    }

    @Test
    void rtsFollowsTheDriversDoorLock() throws Exception {
        BenchSetup s = setup("""
                locked: true
                modem-lines:
                  outputs:
                    RTS: lock driver
                    DTR: locked
                """);
        Rig rig = rig(s);
        ModemWiring.start(rig, lines, s.modemLines());
        clock.advanceTo(MS);
        assertThat(lines.output(RTS)).isTrue();
        assertThat(lines.output(DTR)).isTrue();

        clock.schedule(10 * MS, () -> rig.perform(ActionParser.parse("console unlock")));
        clock.advanceTo(S);
        assertThat(lines.output(RTS)).isFalse();
        assertThat(lines.output(DTR)).isFalse();

        clock.schedule(2 * S, () -> rig.perform(ActionParser.parse("console lock")));
        clock.advanceTo(3 * S);
        assertThat(lines.output(RTS)).isTrue();
        assertThat(lines.changes())
                .containsExactly(
                        new FakeModemLines.Change(RTS, true), new FakeModemLines.Change(DTR, true),
                        new FakeModemLines.Change(RTS, false), new FakeModemLines.Change(DTR, false),
                        new FakeModemLines.Change(RTS, true), new FakeModemLines.Change(DTR, true));
    }

    @Test
    void aChimePulsesDtrForThePulse() throws Exception {
        BenchSetup s = setup("""
                modem-lines:
                  outputs:
                    DTR: {output: chime, pulse: 300ms}
                """);
        Rig rig = rig(s);
        ModemWiring.start(rig, lines, s.modemLines());
        clock.schedule(100 * MS, () -> rig.car().diagnostics().ioControlChime());
        clock.advanceTo(399 * MS);
        assertThat(lines.output(DTR)).isTrue();
        clock.advanceTo(400 * MS);
        assertThat(lines.output(DTR)).isFalse();
        // A second chime inside a pulse restarts it.
        clock.schedule(S, () -> rig.car().diagnostics().ioControlChime());
        clock.schedule(S + 200 * MS, () -> rig.car().diagnostics().ioControlChime());
        clock.advanceTo(S + 499 * MS);
        assertThat(lines.output(DTR)).isTrue();
        clock.advanceTo(S + 500 * MS);
        assertThat(lines.output(DTR)).isFalse();
        assertThat(lines.changes()).hasSize(4);
    }

    @Test
    void stopEndsPollingAndClearsTheOutputs() throws Exception {
        BenchSetup s = setup("""
                keys: {A: {remote: 0x1A2B3C, slot: 0}}
                locked: true
                modem-lines:
                  inputs:
                    RI: {on: insert A}
                  outputs:
                    RTS: locked
                """);
        Rig rig = rig(s);
        ModemWiring w = ModemWiring.start(rig, lines, s.modemLines());
        clock.advanceTo(10 * MS);
        assertThat(lines.output(RTS)).isTrue();
        w.stop();
        assertThat(lines.output(RTS)).isFalse();
        lines.drive(RI, true);
        clock.advanceTo(S);
        assertThat(rig.timeline().of(CarEvent.KeyInserted.class)).isEmpty();
        assertThat(clock.pending()).isZero();
    }
}
