package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.klinebench.car.Profile;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.config.ProfileLoader;
import io.klinebench.time.Durations;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real profile files in bench-config/profiles, read by the real loader. */
class ProfileFilesTest {

    private static final Path DIR = Path.of("bench-config/profiles");

    @Test
    void theThreeProfilesOfTheIssueExistWithTheThreadsNumbers() throws ConfigException {
        ProfileCatalog catalog = ProfileCatalog.searching(List.of(DIR));
        assertThat(catalog.names()).containsExactly("r50-r53-2002-2004", "r50-r53-2005-2008", "r56-2007-2013");
        Profile late = catalog.load("r50-r53-2005-2008");
        assertThat(late.cycles().count()).isEqualTo(4);
        assertThat(late.slots()).isEqualTo(4);
        assertThat(late.completion().lockPresses()).isEqualTo(3);
        assertThat(catalog.load("r50-r53-2002-2004").cycles().count()).isEqualTo(1);
        Profile r56 = catalog.load("r56-2007-2013");
        assertThat(r56.cycles().count()).isEqualTo(3);
        assertThat(r56.slots()).isEqualTo(10);
        assertThat(r56.completion().chime()).isTrue();
        assertThat(r56.remoteBattery().fullChargeNanos()).isEqualTo(30 * Durations.H);
    }

    @Test
    void theBuiltInProfilesAreTheFilesOfBenchConfig() throws Exception {
        ProfileCatalog builtIn = ProfileCatalog.builtIn();
        for (String name : builtIn.names()) {
            assertThat(builtIn.load(name)).isEqualTo(ProfileCatalog.loadFile(DIR.resolve(name + ".yaml")));
        }
        assertThat(builtIn.names()).hasSize((int) Files.list(DIR).count());
    }

    @Test
    void aTypoInAProfileIsNamedWithItsLine() throws Exception {
        String text = Files.readString(DIR.resolve("r50-r53-2005-2008.yaml")).replace("max-off-time:", "max-of-time:");
        ConfigException e = catchThrowableOfType(
                ConfigException.class, () -> ProfileLoader.read("p.yaml", new StringReader(text), "r50-r53-2005-2008"));
        assertThat(e.getMessage())
                .matches("p\\.yaml:\\d+:\\d+: unknown field 'max-of-time' in cycles; expected one of: .*");
    }

    @Test
    void inconsistentNumbersAreRefused() throws Exception {
        String text = Files.readString(DIR.resolve("r50-r53-2005-2008.yaml"))
                .replace("max-run-time: 5s", "max-run-time: 100ms");
        ConfigException e = catchThrowableOfType(
                ConfigException.class, () -> ProfileLoader.read("p.yaml", new StringReader(text), "r50-r53-2005-2008"));
        assertThat(e.getMessage()).contains("min-run-time < max-run-time");
    }
}
