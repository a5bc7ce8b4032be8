package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The causes said for a file a command cannot write are the true ones: an empty path was "is a
 * directory" (Java takes it for the working directory), a file of the kernel's /proc "no such
 * file or directory".
 */
class UserPathsTest {

    @Test
    void anEmptyPathIsSaidAsSuch() {
        assertThat(UserPaths.unwritable("--svg", Path.of(""))).contains("--svg: empty path");
        assertThat(UserPaths.unwritableLink("--link", Path.of(""))).contains("--link: empty path");
    }

    @Test
    void aFileOfTheKernelsProcIsNotWritable() {
        Path version = Path.of("/proc/version");
        assumeTrue(Files.exists(version), "a Linux /proc");
        assertThat(UserPaths.unwritable("--json", version))
                .contains("--json /proc/version: not writable (/proc takes no new files: its file system is proc)");
        assertThat(UserPaths.unwritableLink("--link", Path.of("/proc/kline")))
                .contains("--link /proc/kline: not writable (/proc takes no new files: its file system is proc)");
    }

    @Test
    void aMissingDirectoryIsStillSaidAsMissing(@TempDir Path dir) {
        Path file = dir.resolve("no-such-dir").resolve("x.json");
        assertThat(UserPaths.unwritable("--json", file))
                .contains("--json " + file + ": no such directory " + file.getParent());
        assertThat(UserPaths.unwritable("--json", dir.resolve("x.json"))).isEmpty();
    }

    /** The same words where a command says them, before it starts. */
    @ParameterizedTest
    @ValueSource(strings = {"--events", "--trace", "--link"})
    void simSaysThemBeforeItStarts(String option) {
        StringWriter err = new StringWriter();
        int status = Main.execute(
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true),
                "sim",
                "--profile",
                "r56-2007-2013",
                "--virtual",
                option,
                "");
        assertThat(status).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).isEqualTo("kline-bench sim: " + option + ": empty path" + System.lineSeparator());
    }
}
