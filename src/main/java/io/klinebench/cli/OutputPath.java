package io.klinebench.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
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

    /** The cause of a file operation's failure, without the path Java puts first (the caller names it). */
    static String cause(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
