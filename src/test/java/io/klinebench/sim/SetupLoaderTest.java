package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.klinebench.bench.Action;
import io.klinebench.bench.KeySpec;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.serial.ModemLines;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped setup files load; every mistake in one is named with file, line and column. */
class SetupLoaderTest {

    private static ConfigException error(String yaml) {
        return catchThrowableOfType(
                ConfigException.class,
                () -> SetupLoader.read(
                        "setup.yaml", new StringReader(yaml), ProfileCatalog.builtIn(), SetupLoader.DEFAULT_PROFILE));
    }

    @Test
    void theShippedSetupsLoad() throws Exception {
        BenchSetup rig = SetupLoader.load(Path.of("bench-config/setups/kkl-relay-rig.yaml"), ProfileCatalog.builtIn());
        assertThat(rig.port()).contains("/dev/ttyUSB0");
        assertThat(rig.echo()).isFalse();
        assertThat(rig.modemLines().debounceNanos()).isEqualTo(10_000_000L);
        assertThat(rig.modemLines().inputs().get(ModemLines.Input.DSR).on()).isEqualTo(new Action.Ignition(2));
        assertThat(rig.modemLines().outputs().get(ModemLines.Output.RTS))
                .isEqualTo(new ModemMapping.DoorLocked("driver"));
        assertThat(rig.modemLines().outputs().get(ModemLines.Output.DTR)).isEqualTo(new ModemMapping.IgnitionOn());

        BenchSetup virtual = SetupLoader.load(Path.of("bench-config/setups/virtual.yaml"), ProfileCatalog.builtIn());
        assertThat(virtual.echo()).isTrue();
        assertThat(virtual.port()).isEmpty();
        assertThat(virtual.modemLines().isEmpty()).isTrue();
        assertThat(virtual.car().keys()).extracting(KeySpec::id).containsExactly("A");
    }

    @Test
    void aSetupWithoutProfileGetsTheFallback() throws Exception {
        BenchSetup s =
                SetupLoader.read("s.yaml", new StringReader("echo: on\n"), ProfileCatalog.builtIn(), "r56-2007-2013");
        assertThat(s.profile().name()).isEqualTo("r56-2007-2013");
        assertThat(s.profileGiven()).isFalse();
    }

    @Test
    void anUnknownLineIsNamedWithTheLinesThatExist() {
        assertThat(error("modem-lines:\n  inputs:\n    CD: {on: ignition 2}\n").getMessage())
                .startsWith("setup.yaml:3:5")
                .contains("unknown input line 'CD'")
                .contains("CTS, DSR, DCD, RI");
        assertThat(error("modem-lines:\n  outputs:\n    CTS: chime\n").getMessage())
                .startsWith("setup.yaml:3:5")
                .contains("unknown output line 'CTS'")
                .contains("RTS, DTR");
    }

    @Test
    void faultsAreReadAsFaultStepsAndAMisspeltOneIsPlaced() throws Exception {
        BenchSetup setup = SetupLoader.read(
                "s.yaml",
                new StringReader("faults: [\"late 25ms at 21 01\", \"bad-checksum chance 0.05 seed 3\"]\n"),
                ProfileCatalog.builtIn(),
                "r56-2007-2013");
        assertThat(setup.faults())
                .extracting(Action.InjectFault::text)
                .containsExactly("fault late 25ms at 21 01", "fault bad-checksum chance 0.05 seed 3");
        assertThat(error("faults:\n  - late 25ms\n  - stal 2 40ms\n").getMessage())
                .startsWith("setup.yaml:3:")
                .contains("unknown fault 'stal'");
    }

    @Test
    void theCableSwitchIsReadAndABadOneIsPlacedAndExplained() throws Exception {
        BenchSetup pin7 = SetupLoader.load(Path.of("bench-config/setups/r50-pin7.yaml"), ProfileCatalog.builtIn());
        assertThat(pin7.cable()).contains(new Action.Cable(false));
        assertThat(SetupLoader.read(
                                "s.yaml",
                                new StringReader("cable: 7+8\n"),
                                ProfileCatalog.builtIn(),
                                SetupLoader.DEFAULT_PROFILE)
                        .cable())
                .contains(new Action.Cable(true));
        assertThat(SetupLoader.load(Path.of("bench-config/setups/virtual.yaml"), ProfileCatalog.builtIn())
                        .cable())
                .as("no cable: the profile's default, said by the sim")
                .isEmpty();
        assertThat(error("echo: on\ncable: 8\n").getMessage())
                .startsWith("setup.yaml:2:8")
                .contains("cable: expected 7+8 (pins 7 and 8 bridged) or 7 (pin 7 alone), not '8'");
        assertThat(catchThrowableOfType(
                                ConfigException.class,
                                () -> SetupLoader.read(
                                        "r56.yaml",
                                        new StringReader("profile: r56-2007-2013\ncable: 7\n"),
                                        ProfileCatalog.builtIn(),
                                        SetupLoader.DEFAULT_PROFILE))
                        .getMessage())
                .startsWith("r56.yaml:2:8")
                .contains("profile r56-2007-2013 has one K-line (no diagnostics.lines)");
    }

    @Test
    void aBadActionIsPlacedAndExplained() {
        assertThat(error("modem-lines:\n  inputs:\n    DSR: {on: ignitoin 2}\n").getMessage())
                .startsWith("setup.yaml:3:15")
                .contains("modem-lines.inputs.DSR.on")
                .contains("unknown action 'ignitoin'");
        assertThat(error("modem-lines:\n  inputs:\n    DSR: {on: ignition 9}\n").getMessage())
                .startsWith("setup.yaml:3:15")
                .contains("unknown ignition position '9'");
    }

    @Test
    void anActionOnAKeyTheSetupDoesNotDefineIsRefused() {
        assertThat(error(
                                "keys:\n  A: {remote: 0x1A2B3C, slot: 0}\nmodem-lines:\n  inputs:\n    CTS: {on: hold B unlock}\n")
                        .getMessage())
                .startsWith("setup.yaml:5:15")
                .contains("unknown key 'B'")
                .contains("defines A");
        assertThat(error("keys:\n  P: {}\nmodem-lines:\n  inputs:\n    CTS: {on: hold P unlock}\n")
                        .getMessage())
                .startsWith("setup.yaml:5:15")
                .contains("key 'P' has no remote");
    }

    @Test
    void badOutputsAreNamed() {
        assertThat(error("modem-lines:\n  outputs:\n    RTS: lock boot\n").getMessage())
                .startsWith("setup.yaml:3:10")
                .contains("unknown door 'boot'")
                .contains("driver, passenger, tailgate");
        assertThat(error("modem-lines:\n  outputs:\n    RTS: horn\n").getMessage())
                .startsWith("setup.yaml:3:10")
                .contains("unknown output 'horn'")
                .contains("lock DOOR, chime, ignition-on or locked");
        assertThat(error("modem-lines:\n  outputs:\n    RTS: {output: locked, pulse: 1s}\n")
                        .getMessage())
                .startsWith("setup.yaml:3:")
                .contains("'pulse' goes only with 'chime'");
    }

    @Test
    void otherMistakesArePlaced() {
        assertThat(error("echo: maybe\n").getMessage())
                .startsWith("setup.yaml:1:7")
                .contains("echo: expected true or false");
        assertThat(error("baud: fast\n").getMessage())
                .startsWith("setup.yaml:1:7")
                .contains("expected a whole number");
        assertThat(error("modem-lines:\n  debounce: soon\n").getMessage())
                .startsWith("setup.yaml:2:13")
                .contains("not a duration");
        assertThat(error("modem-lines:\n  inputs:\n    DSR: {}\n").getMessage())
                .startsWith("setup.yaml:3:")
                .contains("expected 'on: ACTION', 'off: ACTION' or both");
        assertThat(error("profile: r99\n").getMessage())
                .startsWith("setup.yaml:1:10")
                .contains("no such profile");
        assertThat(error("modem_lines: {}\n").getMessage())
                .startsWith("setup.yaml:1:1")
                .contains("unknown field 'modem_lines'");
    }
}
