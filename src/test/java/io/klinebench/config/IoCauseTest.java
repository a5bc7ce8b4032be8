package io.klinebench.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/**
 * The cause of a failed file operation, in words. Java's exceptions for the commonest causes
 * carry only the path in their message (the cause is in the type): "permission denied" must
 * not be lost (root reads any file, so the words are checked here).
 */
class IoCauseTest {

    @Test
    void theCauseIsSaidAndThePathIsNotRepeated() {
        assertThat(IoCause.of(new AccessDeniedException("/home/u/bcm.json"))).isEqualTo("permission denied");
        assertThat(IoCause.of(new NoSuchFileException("/nowhere/.bcm.json.1.tmp")))
                .isEqualTo("no such file or directory");
        assertThat(IoCause.of(new FileSystemException("/ro/bcm.json", null, "Read-only file system")))
                .isEqualTo("read-only file system");
        assertThat(IoCause.of(new IOException("Is a directory"))).isEqualTo("is a directory");
        assertThat(IoCause.of(new FileSystemException("/x/bcm.json", null, "ELOOP")))
                .isEqualTo("ELOOP");
        assertThat(IoCause.of(new IOException((String) null))).isEqualTo("input/output error (IOException)");
    }
}
