package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.bench.Bench;
import io.klinebench.bench.CarSetup;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import io.klinebench.car.FaultMemory;
import io.klinebench.car.Nvm;
import io.klinebench.car.Profile;
import io.klinebench.car.Slot;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sim's --state file: the module's non-volatile memory kept between runs. */
class StateFileTest {

    private static final String R56 = "r56-2007-2013";
    private static final String R53 = "r50-r53-2005-2008";
    private static final int SERIAL_N = 0x0ABCDEF;
    private static final int SERIAL_X = 0x0123456;
    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    private static Profile profile(String name) throws ConfigException {
        return ProfileCatalog.builtIn().load(name);
    }

    /** A car that learned remote N by the dealer's diagnostic learn, used it once, and saw a stranger. */
    private static Bench usedCar() throws ConfigException {
        Bench b = Bench.of(
                profile(R56),
                CarSetup.of(
                        KeySpec.remoteKey("N", SERIAL_N, 0).notLearned(),
                        KeySpec.remoteKey("X", SERIAL_X, 0).notLearned()));
        b.car().setVin("WMWMF31000TJ12345");
        assertThat(b.car().diagnostics().startDiagnosticLearn(2, 30 * S)).isTrue();
        b.after("1s", "press N unlock").settle();
        b.after("1s", "press N lock").settle();
        b.after("1s", "press X unlock").settle();
        b.car().diagnostics().securityMemory().recordFailure();
        return b;
    }

    @Test
    void aLearnedRemoteStillWorksInANewCarLoadedFromTheFileAndItsCounterIsKept() throws Exception {
        Bench before = usedCar();
        assertThat(before.car().receiver().slots().get(2)).map(Slot::counter).contains(102);
        Nvm saved = before.car().memory().snapshot();
        Path file = dir.resolve("bcm.json");

        StateFile.save(saved, file);
        Bench after = Bench.of(
                profile(R56),
                CarSetup.of(KeySpec.remoteKey("N", SERIAL_N, 0).notLearned().counter(102, 0)));
        after.car().memory().restore(StateFile.load(file, profile(R56)));

        assertThat(after.car().memory().snapshot()).isEqualTo(saved);
        assertThat(after.car().diagnostics().vin()).contains("WMWMF31000TJ12345");
        assertThat(after.car().diagnostics().faults().entry(FaultMemory.Fault.UNKNOWN_REMOTE))
                .isPresent();
        assertThat(after.car().diagnostics().securityMemory().failedAttempts()).isEqualTo(1);
        after.perform("press N lock").settle();
        assertThat(after.rejections()).isEmpty();
        assertThat(after.events(CarEvent.RemoteCodeAccepted.class))
                .singleElement()
                .satisfies(a -> assertThat(a.serial()).isEqualTo(SERIAL_N));
        assertThat(after.car().receiver().slots().get(2)).map(Slot::counter).contains(103);
        assertThat(after.car().status().allLocked()).isTrue();
    }

    @Test
    void theFileIsReadableJsonAndSavingAgainReplacesItLeavingNoTemporaryFile() throws Exception {
        Path file = dir.resolve("bcm.json");
        Nvm first = usedCar().car().memory().snapshot();
        StateFile.save(first, file);
        String json = Files.readString(file);
        assertThat(json)
                .contains(
                        "\"format\" : \"kline-bench-state\"",
                        "\"profile\" : \"r56-2007-2013\"",
                        "\"serial\" : \"0ABCDEF\"",
                        "\"counter\" : 102",
                        "\"fault\" : \"UNKNOWN_REMOTE\"");

        Nvm empty = new Nvm(R56, 10, List.of(), true, null, List.of(), new Nvm.Security(0, false, 0, 0, 0));
        StateFile.save(empty, file);

        assertThat(StateFile.read(file)).isEqualTo(empty);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aRunningLockoutIsPendingAgainAfterTheRestore() throws Exception {
        Bench b = usedCar();
        b.car().diagnostics().securityMemory().startDelay(b.now(), 10 * S, 3 * S);
        b.advance("4s");
        Nvm saved = b.car().memory().snapshot();
        assertThat(saved.security()).isEqualTo(new Nvm.Security(0, true, 6 * S, 3 * S, 0));
        Path file = dir.resolve("bcm.json");
        StateFile.save(saved, file);

        Bench after = Bench.of(profile(R56), CarSetup.of());
        after.advance("100s");
        after.car().memory().restore(StateFile.load(file, profile(R56)));

        assertThat(after.car().diagnostics().securityMemory().delayRunning(after.now() + 6 * S - 1))
                .isTrue();
        assertThat(after.car().diagnostics().securityMemory().delayRunning(after.now() + 6 * S))
                .isFalse();
    }

    @Test
    void aFileOfAnotherProfileIsRefusedNamingBoth() throws Exception {
        Path file = dir.resolve("r56.json");
        StateFile.save(usedCar().car().memory().snapshot(), file);

        assertThatThrownBy(() -> StateFile.load(file, profile(R53)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file.toString() + ": ")
                .hasMessageContaining("for profile 'r56-2007-2013', not 'r50-r53-2005-2008'");
    }

    @Test
    void restoringAnotherProfilesMemoryIntoTheModuleIsRefused() throws Exception {
        Nvm r56 = usedCar().car().memory().snapshot();
        Bench r53 = Bench.of(profile(R53), CarSetup.of());

        assertThatThrownBy(() -> r53.car().memory().restore(r56))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("r56-2007-2013");
    }

    @Test
    void aTruncatedFileIsCorrupt() throws Exception {
        Path file = dir.resolve("bcm.json");
        StateFile.save(usedCar().car().memory().snapshot(), file);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> StateFile.load(file, profile(R56)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file.toString() + ":")
                .hasMessageContaining("corrupt or truncated");
    }

    @Test
    void anEmptyOrForeignFileIsNotAStateFile() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        Path other = Files.writeString(dir.resolve("other.json"), "{\"name\": \"x\"}");
        Path garbage = Files.write(dir.resolve("garbage.json"), new byte[] {0, (byte) 0xFF, 0x13, 0x37});

        assertThatThrownBy(() -> StateFile.read(empty)).hasMessageContaining("not a kline-bench state file");
        assertThatThrownBy(() -> StateFile.read(other)).hasMessageContaining("format: expected \"kline-bench-state\"");
        assertThatThrownBy(() -> StateFile.read(garbage)).hasMessageContaining("corrupt");
        assertThatThrownBy(() -> StateFile.read(dir.resolve("missing.json")))
                .hasMessageEndingWith("missing.json: no such file");
    }

    @Test
    void aBadFieldIsNamedWithWhatWasExpected() throws Exception {
        Path file = dir.resolve("bcm.json");
        StateFile.save(usedCar().car().memory().snapshot(), file);
        String json = Files.readString(file, StandardCharsets.UTF_8);

        Files.writeString(file, json.replace("\"counter\" : 102", "\"counter\" : 70000"));
        assertThatThrownBy(() -> StateFile.read(file))
                .hasMessageContaining("slots[0].counter: expected a whole number 0..65535, found 70000");

        Files.writeString(file, json.replace("\"sync\" : \"IN_SYNC\"", "\"sync\" : \"SOMETIMES\""));
        assertThatThrownBy(() -> StateFile.read(file))
                .hasMessageContaining("slots[0].sync: expected one of IN_SYNC, RESYNC_PENDING, LOST");

        Files.writeString(file, json.replace("\"index\" : 2", "\"index\" : 12"));
        assertThatThrownBy(() -> StateFile.read(file)).hasMessageContaining("slot 12 does not exist");

        Files.writeString(file, json.replace("\"version\" : 1", "\"version\" : 2"));
        assertThatThrownBy(() -> StateFile.read(file)).hasMessageContaining("version 2 is not known");
    }

    // ---- values the model cannot hold ---------------------------------------------------------

    private String savedJson(Path file) throws Exception {
        StateFile.save(usedCar().car().memory().snapshot(), file);
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void securityValuesTheModelCannotHoldAreRefusedNamingFieldAndRange() throws Exception {
        Path file = dir.resolve("bcm.json");
        String json = savedJson(file);
        String max = String.valueOf(Long.MAX_VALUE);

        // Long.MAX_VALUE added to the clock time overflowed: the lockout ended before it began.
        for (String field : List.of("delayRemainingNanos", "restartNanos", "seedsIssued")) {
            Files.writeString(file, json.replaceFirst("\"" + field + "\" : \\d+", "\"" + field + "\" : " + max));
            assertThatThrownBy(() -> StateFile.read(file))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(file + ": ")
                    .hasMessageContaining(
                            "security." + field + ": expected a whole number 0..9007199254740991, found " + max);
        }
    }

    @Test
    void aVinTheCodingRecordCannotCarryIsRefused() throws Exception {
        Path file = dir.resolve("bcm.json");
        String json = savedJson(file);

        // 17 UTF-16 units, 16 characters: record 06 has room for 17 ASCII bytes
        String emoji = "WMWMF31000TJ1234".substring(0, 15) + "\uD83D\uDE97";
        assertThat(emoji).hasSize(17);
        for (String vin : List.of(emoji, "wmwmf31000tj12345", "WMWMF31000TJ1234", "WMWMF31000TJ1234O")) {
            Files.writeString(file, json.replace("\"WMWMF31000TJ12345\"", "\"" + vin + "\""), StandardCharsets.UTF_8);
            assertThatThrownBy(() -> StateFile.read(file))
                    .as(vin)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(file + ": vin: expected 17 letters and digits (no I, O, Q)");
        }
    }

    // ---- nothing the user wrote is dropped ----------------------------------------------------

    @Test
    void unknownFieldsAreRefusedNamingThem() throws Exception {
        Path file = dir.resolve("bcm.json");
        String json = savedJson(file);

        Files.writeString(file, json.replace("\"version\" : 1,", "\"version\" : 1, \"note\" : \"my car\","));
        assertThatThrownBy(() -> StateFile.read(file)).hasMessageStartingWith(file + ": note: unknown field");
        Files.writeString(file, json.replace("\"lowBattery\" : false", "\"lowBattery\" : false, \"colour\" : 1"));
        assertThatThrownBy(() -> StateFile.read(file))
                .hasMessageStartingWith(file + ": slots[0].colour: unknown field");
        Files.writeString(file, json.replace("\"age\" :", "\"agee\" : 0, \"age\" :"));
        assertThatThrownBy(() -> StateFile.read(file)).hasMessageStartingWith(file + ": faults[0].agee: unknown field");
        Files.writeString(file, json.replace("\"seedsIssued\"", "\"seeds\" : 0, \"seedsIssued\""));
        assertThatThrownBy(() -> StateFile.read(file)).hasMessageStartingWith(file + ": security.seeds: unknown field");
        Files.writeString(file, json.replace("\"vin\" :", "\"vin\" : null, \"vin\" :"));
        assertThatThrownBy(() -> StateFile.read(file))
                .hasMessageStartingWith(file + ":")
                .hasMessageContaining("duplicate field 'vin': given twice");
    }

    @Test
    void trailingGarbageAndASecondDocumentAreRefusedNamingThePlace() throws Exception {
        Path file = dir.resolve("bcm.json");
        String json = savedJson(file);
        int lines = (int) json.lines().count();

        Files.writeString(file, json + "garbage\n");
        assertThatThrownBy(() -> StateFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":" + (lines + 1) + ":1: ")
                .hasMessageContaining("after the state's JSON object");
        Files.writeString(file, json + json);
        assertThatThrownBy(() -> StateFile.read(file))
                .hasMessageStartingWith(file + ":" + (lines + 1) + ":1: ")
                .hasMessageContaining("a second JSON document");
        Files.writeString(file, json.trim() + "}\n");
        assertThatThrownBy(() -> StateFile.read(file))
                .hasMessageStartingWith(file + ":" + lines + ":2: ")
                .hasMessageContaining("after the state's JSON object");
        Files.writeString(file, json + "\n \t\n");
        assertThat(StateFile.read(file)).isNotNull();
    }

    // ---- a rewrite keeps what the user set ----------------------------------------------------

    @Test
    void aSymlinkedStateFileIsWrittenThroughToItsTargetAndStaysALink() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real")).resolve("bcm.json");
        Path link = Files.createSymbolicLink(dir.resolve("bcm.json"), Path.of("real", "bcm.json"));
        Nvm first = usedCar().car().memory().snapshot();
        Nvm second = new Nvm(R56, 10, List.of(), true, null, List.of(), new Nvm.Security(0, false, 0, 0, 7));

        StateFile.save(first, link); // a link to no file yet: the file is made where it points
        assertThat(link).isSymbolicLink();
        assertThat(StateFile.read(real)).isEqualTo(first);
        StateFile.save(second, link);

        assertThat(link).isSymbolicLink();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("real", "bcm.json"));
        assertThat(StateFile.read(real)).isEqualTo(second);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(link, real.getParent());
        }
    }

    @Test
    void aRewriteKeepsTheFilesPermissions() throws Exception {
        Path file = dir.resolve("bcm.json");
        Nvm nvm = usedCar().car().memory().snapshot();
        StateFile.save(nvm, file);
        Set<PosixFilePermission> mine = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(file, mine);

        StateFile.save(nvm, file);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(mine);
    }

    @Test
    void aNewFileGetsTheModeAnyNewFileGetsUnderTheUmask() throws Exception {
        Path ordinary = Files.createFile(dir.resolve("ordinary")); // 0666 less the umask, as the shell's >
        Path file = dir.resolve("bcm.json");

        StateFile.save(usedCar().car().memory().snapshot(), file);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(ordinary));
    }

    @Test
    void aDirectoryGivenAsTheStateFileIsRefusedWithTheCause() {
        assertThatThrownBy(() -> StateFile.read(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir + ": cannot read: is a directory");
    }

    @Test
    void aStateFileThatCannotBeReadSaysWhy() {
        // Root reads any file, so the message is checked from the exception a user would get.
        assertThat(StateFile.cannotRead("/home/u/bcm.json", new java.nio.file.AccessDeniedException("/home/u/bcm.json"))
                        .getMessage())
                .isEqualTo("/home/u/bcm.json: cannot read: permission denied");
    }
}
