package io.klinebench.cli;

import io.klinebench.config.IoCause;
import io.klinebench.config.UserFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files a command will write, checked before its work starts, so that a run's verdict or a
 * sim's session is not lost to a typo in a path: "--json /missing-dir/x.json: no such directory
 * /missing-dir". The check is the one the write itself makes first ({@link UserFiles}).
 */
final class UserPaths {

    private UserPaths() {}

    /** Why {@code option}'s file cannot be written, in words, or empty (also when no file is given). */
    static Optional<String> unwritable(String option, Path file) {
        if (file == null) {
            return Optional.empty();
        }
        try {
            UserFiles.checkWritable(file);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(option + " " + file + ": " + IoCause.of(e));
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
        try {
            UserFiles.checkDirectory(link);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(option + " " + link + ": " + IoCause.of(e));
        }
    }
}
