package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sim --state FILE} refuses, before any port opens, a file it could not keep: exit 2, the
 * file and the cause on stderr, no stack trace, and the file as it was. (A sim that accepted
 * one would run until stopped: the timeout turns that into a failure.)
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SimStateOptionTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int sim(Path state) {
        return Main.execute(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "sim",
                "--profile",
                "r56-2007-2013",
                "--virtual",
                "--state",
                state.toString());
    }

    @Test
    void aStateFileInAMissingDirectoryIsRefused() {
        Path state = dir.resolve("missing").resolve("bcm.json");

        assertThat(sim(state)).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("kline-bench sim: " + state + ": cannot be written: no such directory "
                        + dir.resolve("missing") + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aDirectoryAsTheStateFileIsRefusedWithTheCause() {
        assertThat(sim(dir)).isEqualTo(2);
        assertThat(err.toString())
                .contains(dir + ": cannot read: is a directory")
                .doesNotContain("Exception");
    }

    @Test
    void aStateFileWithMoreAfterItsJsonIsRefusedAndLeftAsItWas() throws Exception {
        Path state = dir.resolve("bcm.json");
        String mine = "{\"format\":\"kline-bench-state\"} {\"second\":1}\n";
        Files.writeString(state, mine);

        assertThat(sim(state)).isEqualTo(2);
        assertThat(err.toString()).contains(state + ":1:32: ").contains("a second JSON document");
        assertThat(Files.readString(state)).isEqualTo(mine);
    }
}
