package io.klinebench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file a command will write (a report, a trace, a link), and why it cannot be written, said
 * in words. Checked before the work starts, so that a run's verdict or a sim's session is not
 * lost to a typo in a path; and, for what still fails later, the cause of the IOException.
 * Java's own messages for these are the path alone ("/missing-dir/x.json") or the temporary
 * file's name.
 */
final class OutputPath {

    private OutputPath() {}

    /** Why a file cannot be created at {@code target}, or empty when it looks as if it can. */
    static Optional<String> problem(Path target) {
        if (Files.isDirectory(target)) {
            return Optional.of("is a directory");
        }
        Path dir = target.getParent() != null
                ? target.getParent()
                : target.toAbsolutePath().getParent();
        if (dir == null) {
            return Optional.empty();
        }
        if (!Files.exists(dir)) {
            return Optional.of("no such directory " + dir);
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of(dir + " is not a directory");
        }
        if (!Files.isWritable(dir)) {
            return Optional.of("cannot create files in " + dir + " (permission denied)");
        }
        return Optional.empty();
    }
}
