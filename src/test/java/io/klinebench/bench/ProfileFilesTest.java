package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.klinebench.car.Profile;
import io.klinebench.config.ConfigException;
import io.klinebench.config.DiagnosticsLoader;
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
        // and the R56 once more with its D-CAN face (issue 11), the same car
        assertThat(catalog.names())
                .containsExactly("r50-r53-2002-2004", "r50-r53-2005-2008", "r56-2007-2013", "r56-2007-2013-dcan");
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

    private static String profileError(String file, String from, String to) throws Exception {
        String text = Files.readString(DIR.resolve(file + ".yaml"));
        assertThat(text).contains(from);
        String changed = text.replace(from, to);
        return catchThrowableOfType(
                        ConfigException.class, () -> ProfileLoader.read("p.yaml", new StringReader(changed), file))
                .getMessage();
    }

    private static String diagnosticsError(String file, String from, String to) throws Exception {
        String text = Files.readString(DIR.resolve(file + ".yaml"));
        assertThat(text).contains(from);
        String changed = text.replace(from, to);
        return catchThrowableOfType(
                        ConfigException.class, () -> DiagnosticsLoader.read("p.yaml", new StringReader(changed)))
                .getMessage();
    }

    /** Issue 10: a rule between two fields is reported at a value, not at the profile's first line. */
    @Test
    void inconsistentNumbersAreReportedAtTheValueToChange() throws Exception {
        String late = "r50-r53-2005-2008";
        assertThat(profileError(late, "max-run-time: 5s", "max-run-time: 100ms"))
                .isEqualTo("p.yaml:15:17: cycles.max-run-time: 100ms must be above cycles.min-run-time (500ms at"
                        + " 14:17)");
        assertThat(profileError(late, "resync-window: 32768", "resync-window: 16"))
                .isEqualTo("p.yaml:33:18: rolling-code.resync-window: 16 must be above rolling-code.accept-window"
                        + " (16 at 32:18)");
        assertThat(profileError(late, "max-off-time: 5s", "max-off-time: 0s"))
                .isEqualTo("p.yaml:16:17: cycles.max-off-time: must be more than 0s, found 0s");
        assertThat(profileError(late, "further-remote-within: 30s", "further-remote-within: 0ms"))
                .isEqualTo("p.yaml:23:26: completion.further-remote-within: must be more than 0s, found 0ms");
        assertThat(profileError(late, "full-charge-time: 30min", "full-charge-time: 0s"))
                .isEqualTo("p.yaml:38:21: remote-battery.full-charge-time: must be more than 0s, found 0s");
        assertThat(profileError(late, "doors: [driver, passenger, tailgate]", "doors: []"))
                .isEqualTo("p.yaml:9:8: doors: a car needs at least one door");
        assertThat(profileError(late, "doors: [driver, passenger, tailgate]", "doors: [driver, driver, tailgate]"))
                .isEqualTo("p.yaml:9:17: door 'driver' is given twice (also at 9:9); each door of the car once");
        assertThat(profileError(late, "doors: [driver, passenger, tailgate]", "doors: [driver, 'rear left']"))
                .isEqualTo("p.yaml:9:17: door 'rear left': a door's name is one word, as a step names it ('door NAME"
                        + " open')");
        assertThat(profileError("r50-r53-2002-2004", "max-out-time: ", "max-out-time: 0s #"))
                .matches("p\\.yaml:\\d+:\\d+: remote-battery\\.max-out-time: must be more than 0s, found 0s");
    }

    @Test
    void inconsistentDiagnosticTimingIsReportedAtTheValue() throws Exception {
        assertThat(diagnosticsError("r50-r53-2005-2008", "response-timeout: 100ms", "response-timeout: 10ms"))
                .matches("p\\.yaml:\\d+:23: ds2-timing\\.response-timeout: 10ms must be above"
                        + " ds2-timing\\.response-delay \\(10ms at \\d+:21\\)");
        assertThat(diagnosticsError("r56-2007-2013", "ecu-p2: 30ms", "ecu-p2: 60ms"))
                .matches("p\\.yaml:59:13: kwp-timing\\.ecu-p2: 60ms must lie within p2 \\(25ms\\.\\.50ms\\)");
        assertThat(diagnosticsError("r56-2007-2013", "p2-star-max: 5000ms", "p2-star-max: 40ms"))
                .matches("p\\.yaml:44:18: kwp-timing\\.p2-star-max: 40ms must not be below the max of p2 \\(50ms\\)");
    }
}
