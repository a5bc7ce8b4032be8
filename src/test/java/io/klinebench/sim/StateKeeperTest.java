package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.klinebench.bench.CarSetup;
import io.klinebench.bench.Rig;
import io.klinebench.car.Nvm;
import io.klinebench.car.Profile;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.time.VirtualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The sim's keeper of the state file: what it refuses at start and what it says when a save fails. */
class StateKeeperTest {

    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Profile profile;
    private Rig rig;

    @BeforeEach
    void setUp() throws ConfigException {
        profile = ProfileCatalog.builtIn().load("r56-2007-2013");
        rig = new Rig(profile, CarSetup.of(), clock);
        log.start();
        ((Logger) LoggerFactory.getLogger(StateKeeper.class)).addAppender(log);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(StateKeeper.class)).detachAppender(log);
    }

    private List<String> errors() {
        return log.list.stream()
                .filter(e -> e.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private Nvm memory(long seedsIssued) {
        return new Nvm(
                profile.name(),
                profile.slots(),
                List.of(),
                true,
                null,
                List.of(),
                new Nvm.Security(0, false, 0, 0, seedsIssued));
    }

    @Test
    void aStateFileInADirectoryThatDoesNotExistIsRefusedAtStart() {
        Path file = dir.resolve("no-such-dir").resolve("bcm.json");

        assertThatThrownBy(() -> StateKeeper.check(file, profile))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": cannot be written: no such directory " + dir.resolve("no-such-dir"));
        assertThatThrownBy(() -> StateKeeper.start(file, profile, clock, rig.car(), S))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no such directory");
    }

    /**
     * Whether a directory can take the file is asked of the file system, by making the temporary
     * file a save makes: so the answer is right for whoever runs it (root writes into a
     * read-only directory; anyone else does not).
     */
    @Test
    void aReadOnlyDirectoryIsRefusedExactlyWhenNoFileCanBeMadeInIt() throws IOException {
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path file = readOnly.resolve("bcm.json");
        boolean writable;
        try {
            Files.delete(Files.createFile(readOnly.resolve("probe")));
            writable = true;
        } catch (IOException e) {
            writable = false;
        }

        try {
            if (writable) {
                assertThatCode(() -> StateKeeper.check(file, profile)).doesNotThrowAnyException();
            } else {
                assertThatThrownBy(() -> StateKeeper.check(file, profile))
                        .hasMessage(file + ": cannot be written: permission denied");
            }
            try (Stream<Path> left = Files.list(readOnly)) {
                assertThat(left).as("the check leaves nothing behind").isEmpty();
            }
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aSaveThatFailsLaterSaysWhy() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path file = sub.resolve("bcm.json");
        StateFile.save(memory(0), file);
        StateKeeper keeper = StateKeeper.start(file, profile, clock, rig.car(), S);
        clock.advanceBy(2 * S);
        Files.delete(file);
        Files.delete(sub);

        rig.car().memory().restore(memory(5));
        keeper.close();

        assertThat(errors())
                .singleElement()
                .isEqualTo("cannot write the state file " + file + ": no such file or directory");
    }

    @Test
    void aSaveThatFailsIsToldToWhoAskedOnceWithItsCause() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path file = sub.resolve("bcm.json");
        StateFile.save(memory(0), file);
        List<String> told = new CopyOnWriteArrayList<>();
        StateKeeper keeper =
                StateKeeper.start(file, profile, clock, rig.car(), S).whenFailed(told::add);
        Files.delete(file);
        Files.delete(sub);

        rig.car().memory().restore(memory(5));
        clock.advanceBy(2 * S);
        rig.car().memory().restore(memory(6));
        clock.advanceBy(2 * S);
        keeper.close();

        assertThat(told).containsExactly("no such file or directory");
        assertThat(errors()).as("told, so not only logged").isEmpty();
    }

    @Test
    void aMemoryThatCannotBeSavedLeavesTheLastSavedFileAndIsSaid() throws Exception {
        Path file = dir.resolve("bcm.json");
        StateFile.save(memory(0), file);
        String kept = Files.readString(file);
        StateKeeper keeper = StateKeeper.start(file, profile, clock, rig.car(), S);
        // A memory no file gives (StateFile refuses it), reached here directly: the seed
        // counter at its end overflows with the next seed, and the module can no longer give
        // its memory as a value.
        rig.car().memory().restore(memory(Long.MAX_VALUE));
        rig.car().diagnostics().securityMemory().nextSeedIndex();

        assertThatCode(keeper::close).doesNotThrowAnyException();

        assertThat(Files.readString(file)).isEqualTo(kept);
        assertThat(errors())
                .singleElement()
                .asString()
                .startsWith("cannot save the module's memory to " + file + ": ")
                .endsWith("; the file keeps what was saved before");
    }

    @Test
    void anUnchangedMemoryIsNotWrittenBack() throws Exception {
        Path file = dir.resolve("bcm.json");
        String mine = StateFile.toJson(memory(3)).replace("\n", "\r\n").replace(" : ", ":");
        Files.writeString(file, mine);

        StateKeeper keeper = StateKeeper.start(file, profile, clock, rig.car(), S);
        clock.advanceBy(3 * S);
        keeper.close();

        assertThat(Files.readString(file)).isEqualTo(mine);
        assertThat(errors()).isEmpty();
    }
}
