package io.klinebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing a user's file: a regular file is replaced atomically; a device or a pipe (a user's
 * {@code --json /dev/null}) is written into and stays what it is. A named pipe stands in for
 * /dev/null here, so that a regression cannot break the machine's /dev/null.
 */
class UserFilesTest {

    @TempDir
    Path dir;

    @Test
    void aRegularFileIsReplacedWhole() throws Exception {
        Path file = dir.resolve("report.json");
        Files.writeString(file, "old, and longer than the new");
        UserFiles.checkWritable(file);
        UserFiles.writeAtomically(file, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertThat(file).hasContent("new");
        assertThat(Files.list(dir)).as("no temporary file left").containsExactly(file);
    }

    @Test
    void aPipeIsWrittenIntoAndStaysAPipeAlsoThroughALink() throws Exception {
        Path fifo = dir.resolve("fifo");
        assumeTrue(mkfifo(fifo), "mkfifo makes a named pipe");
        Path link = Files.createSymbolicLink(dir.resolve("link"), fifo);
        for (Path target : new Path[] {fifo, link}) {
            CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return Files.readString(fifo); // opens the reading end: the write below can open
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            UserFiles.checkWritable(target);
            UserFiles.writeAtomically(target, out -> out.write("{\"passed\":true}".getBytes(StandardCharsets.UTF_8)));
            assertThat(read.get(20, TimeUnit.SECONDS)).isEqualTo("{\"passed\":true}");
            assertThat(Files.isRegularFile(fifo))
                    .as("still a pipe after writing %s", target)
                    .isFalse();
            assertThat(Files.exists(fifo)).isTrue();
        }
        assertThat(Files.list(dir)).as("no temporary file left").containsExactlyInAnyOrder(fifo, link);
    }

    private static boolean mkfifo(Path p) {
        try {
            return new ProcessBuilder("mkfifo", p.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
