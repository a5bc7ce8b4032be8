package io.klinebench.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a path given as a serial port is when it is none, in words a user can act on: "/tmp/x
 * is not a serial port (a regular file)". Asked before the port is opened, because what the
 * opening says instead names neither: jSerialComm reported a file as "busy or not permitted
 * (error 25)", the PARMRK setup as "Inappropriate ioctl for device", and an empty path as
 * "cannot open  to set PARMRK".
 */
final class NotASerialPort {

    /** Linux's errno for an ioctl on a file that is no terminal: a device that is no serial port. */
    static final int ENOTTY = 25;

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFSOCK = 0140000;

    private NotASerialPort() {}

    /**
     * Why {@code path} cannot be a serial port, or empty: it may be one (a character device, a
     * link to one), or is not there, which the opening says with the ports there are.
     */
    static Optional<String> why(String path) {
        if (path.isEmpty()) {
            return Optional.of("no port given (an empty path)");
        }
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            return Optional.of("'" + path + "' is not a serial port's path (" + e.getReason() + ")");
        }
        if (Files.isDirectory(p)) {
            return Optional.of(path + " is not a serial port (a directory)");
        }
        if (Files.isRegularFile(p)) {
            return Optional.of(path + " is not a serial port (a regular file)");
        }
        return kindOfSpecialFile(p).map(kind -> path + " is not a serial port (" + kind + ")");
    }

    /** The words for a device the kernel says is no terminal (ENOTTY): /dev/null, a sound card. */
    static String device(String path) {
        return path + " is not a serial port (a device, but no terminal: error " + ENOTTY + ")";
    }

    /** A named pipe, a socket or a block device, in words; empty for a character device or when unknown. */
    private static Optional<String> kindOfSpecialFile(Path p) {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(p, "unix:mode");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty(); // missing, or no POSIX modes here: the opening says what it finds
        }
        return switch (mode & S_IFMT) {
            case S_IFIFO -> Optional.of("a named pipe");
            case S_IFSOCK -> Optional.of("a socket");
            case S_IFBLK -> Optional.of("a block device");
            default -> Optional.empty();
        };
    }
}
