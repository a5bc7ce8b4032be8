package io.klinebench.cli;

import io.klinebench.config.IoCause;
import io.klinebench.config.UserFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files a command will write, checked before its work starts, so that a run's verdict or a
 * sim's session is not lost to a typo in a path: "--json /missing-dir/x.json: no such directory
 * /missing-dir". The check is the one the write itself makes first ({@link UserFiles}); what it
 * finds is said as the cause, not as the error the kernel gave on the way (an empty path is the
 * working directory to Java, "is a directory"; a file in /proc "no such file or directory").
 */
final class UserPaths {

    private UserPaths() {}

    /** Why {@code option}'s file cannot be written, in words, or empty (also when no file is given). */
    static Optional<String> unwritable(String option, Path file) {
        if (file == null) {
            return Optional.empty();
        }
        if (file.toString().isEmpty()) {
            return Optional.of(option + ": empty path");
        }
        try {
            UserFiles.checkWritable(file);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(option + " " + file + ": " + cause(file, e));
        }
    }

    /**
     * As {@link #unwritable}, for the symlink {@code sim --link} makes: only its directory is
     * checked (an old link there is replaced, whatever it points at).
     */
    static Optional<String> unwritableLink(String option, Path link) {
        if (link == null) {
            return Optional.empty();
        }
        if (link.toString().isEmpty()) {
            return Optional.of(option + ": empty path");
        }
        try {
            UserFiles.checkDirectory(link);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(option + " " + link + ": " + cause(link, e));
        }
    }

    /**
     * Why the check failed. A directory that is there and still answers "no such file" to a new
     * file in it takes no files at all: a kernel file system ({@code /proc}, {@code /sys}),
     * whose files are not ours to write; said so, with the file system's type.
     */
    private static String cause(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            Path dir = directoryOf(file);
            if (dir != null && Files.isDirectory(dir)) {
                return "not writable (" + dir + " takes no new files" + fileSystem(dir) + ")";
            }
        }
        return IoCause.of(e);
    }

    /** The directory the write would make its file in: the one of the file the links lead to. */
    private static Path directoryOf(Path file) {
        try {
            return UserFiles.throughLinks(file).getParent();
        } catch (IOException e) {
            return file.toAbsolutePath().getParent();
        }
    }

    private static String fileSystem(Path dir) {
        try {
            return ": its file system is " + Files.getFileStore(dir).type();
        } catch (IOException e) {
            return "";
        }
    }
}
