package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klinebench.testsupport.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file that never ends given where a configuration or state file belongs ({@code /dev/zero}:
 * its size says 0 and it reads zeros for ever; a pipe from a program that runs on is the same)
 * is refused at its size bound, exit status 2, naming the file. Each of these filled the heap and
 * ended in an OutOfMemoryError's stack trace before: the size was looked at first, and a
 * device has none.
 */
class EndlessInputTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sweep /dev/zero",
                "sim --setup /dev/zero --virtual",
                "sim --profile r56-2007-2013 --virtual --state /dev/zero",
            })
    void anEndlessFileIsRefusedAtItsBound(String command) {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "a Linux /dev/zero");

        CliRun run = CliRun.of(command.split(" "));

        assertThat(run.exit()).as(run.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err())
                .contains("/dev/zero")
                .contains("has more than the 1048576 bytes (1 MiB)")
                .contains("not a regular file")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"report /dev/zero"})
    void anEndlessLineIsRefusedAtItsBound(String command) {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "a Linux /dev/zero");

        CliRun run = CliRun.of(command.split(" "));

        assertThat(run.exit()).as(run.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err())
                .contains("/dev/zero:1:65537: a line longer than 65536 characters")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }
}
