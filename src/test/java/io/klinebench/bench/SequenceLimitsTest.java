package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.klinebench.cli.Main;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ConfigText;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.time.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits that protect the process, checked before the work: durations beyond what the
 * clock counts or finer than it, repeats that unroll too far or loop on nothing, runs longer
 * than the clock can hold, files too large or not UTF-8. Each is an error at file:line:col
 * (exit 2 on the command line), never a stack trace or a hang.
 */
class SequenceLimitsTest {

    private static final String HEAD = SequenceLoaderErrorsTest.HEAD;
    private static final String TAIL = SequenceLoaderErrorsTest.TAIL;

    private final SequenceLoader loader = new SequenceLoader(ProfileCatalog.builtIn());

    @TempDir
    Path dir;

    private ConfigException error(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> loader.read("seq.yaml", new StringReader(yaml)));
    }

    @Test
    void aDurationBeyondTheClockSaysSoWithItsPlace() {
        ConfigException e = error(HEAD + """
                steps:
                  - {at: 0s, do: press A lock for 300000d}
                """ + TAIL);
        assertThat(e.getMessage())
                .startsWith("seq.yaml:6:")
                .contains("'300000d' is too long")
                .contains("at most 106751d");
    }

    @Test
    void aDurationFinerThanANanosecondSaysSo() {
        ConfigException e = error(HEAD + """
                steps:
                  - {at: 0s, do: press A lock for 1.5ns}
                """ + TAIL);
        assertThat(e.getMessage()).startsWith("seq.yaml:6:").contains("'1.5ns' is finer than a nanosecond");
    }

    @Test
    void aTimeFieldBeyondTheClockIsTooLongNotMalformed() {
        ConfigException e = error(HEAD + """
                steps:
                  - {after: 365250d, do: insert A}
                """ + TAIL);
        assertThat(e.getMessage())
                .startsWith("seq.yaml:6:")
                .contains("'365250d' is too long")
                .doesNotContain("not a duration");
    }

    @Test
    void twoLongAdvancesAreARunTooLongNotAStepBeforeTheStart() {
        ConfigException e = error(HEAD + """
                steps:
                  - {after: 20000d, do: insert A}
                  - {after: 20000d, do: remove A}
                """ + TAIL);
        assertThat(e.getMessage())
                .startsWith("seq.yaml:7:")
                .contains("more than 36525d (100 years) after the start")
                .doesNotContain("before the start");
    }

    @Test
    void aTailBeyondTheLongestRunIsRefused() {
        ConfigException e = error(HEAD + """
                steps:
                  - {after: 36000d, do: insert A}
                tail: 1000d
                """ + TAIL);
        assertThat(e.getMessage()).startsWith("seq.yaml:7:").contains("the end of the tail");
    }

    @Test
    void nestedRepeatsAroundNothingAreRefusedAtOnce() {
        String yaml = HEAD + """
                steps:
                  - repeat: 100000
                    steps:
                      - repeat: 100000
                        steps:
                          - repeat: 100000
                            steps: []
                """ + TAIL;
        ConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> error(yaml));
        assertThat(e.getMessage()).startsWith("seq.yaml:").contains("a repeat needs at least one step");
    }

    @Test
    void nestedRepeatsThatUnrollTooFarAreRefusedBeforeUnrolling() {
        String yaml = HEAD + """
                steps:
                  - repeat: 100000
                    steps:
                      - repeat: 100000
                        steps:
                          - {after: 1s, do: press A lock}
                """ + TAIL;
        ConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> error(yaml));
        assertThat(e.getMessage()).startsWith("seq.yaml:6:").contains("this repeat unrolls to more than 1000000 steps");
    }

    @Test
    void aRepeatWithinTheLimitStillUnrolls() throws ConfigException {
        Sequence s = loader.read("seq.yaml", new StringReader(HEAD + """
                steps:
                  - repeat: 100
                    steps:
                      - repeat: 100
                        steps:
                          - {after: 1ms, do: press A lock}
                """ + TAIL));
        assertThat(s.steps()).hasSize(10_000);
        assertThat(s.steps().get(9_999).at()).isEqualTo(10_000 * Durations.MS);
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeParsing() throws IOException {
        Path big = dir.resolve("big.yaml");
        // One line: the shape whose parsing cost grows fastest.
        Files.writeString(big, "description: " + "a".repeat(2 * 1024 * 1024) + "\n");
        ConfigException e = assertTimeoutPreemptively(
                Duration.ofSeconds(20), () -> catchThrowableOfType(ConfigException.class, () -> loader.load(big)));
        assertThat(e.getMessage())
                .startsWith(big + ": is 2097166 bytes")
                .contains("more than the " + ConfigText.MAX_BYTES + " (1 MiB)");
    }

    @Test
    void aLineTooLongForTheParserIsRefusedBeforeParsing() throws IOException {
        Path oneLine = dir.resolve("one-line.yaml");
        Files.writeString(oneLine, HEAD + "description: " + "a".repeat(1_000_000) + "\n");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(oneLine));
        assertThat(e.getMessage())
                .startsWith(oneLine + ":5:65537: line 5 is 1000013 characters long, more than the 65536");
    }

    @Test
    void aFileThatIsNotUtf8NamesTheByteAndItsPlace() throws IOException {
        Path latin = dir.resolve("latin1.yaml");
        Files.write(latin, (HEAD + "description: caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(latin));
        assertThat(e.getMessage())
                .startsWith(latin + ":5:17: not UTF-8 text: byte 0xE9")
                .doesNotContain("Input length");
    }

    @Test
    void aMissingFileSaysNoSuchFile() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(dir.resolve("nowhere.yaml")));
        assertThat(e.getMessage()).endsWith("nowhere.yaml: cannot read: no such file or directory");
    }

    @Test
    void onTheCommandLineTheseAreExitTwoWithTheMessageAndNoStackTrace() throws IOException {
        Path seq = dir.resolve("long-press.yaml");
        Files.writeString(seq, HEAD + "steps:\n  - {at: 0s, do: press A lock for 300000d}\n" + TAIL);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "run", seq.toString());
        assertThat(status).isEqualTo(2);
        assertThat(err.toString())
                .contains(seq + ":6:")
                .contains("'300000d' is too long")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }
}
