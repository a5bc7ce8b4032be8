package io.klinebench.config;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files the user owns and a command writes (the state file, a JSON report, a trace): checked
 * before the work by doing what the write will do first, and written atomically, durably and
 * without changing what is the user's.
 *
 * <p>A write goes to a temporary file in the target's directory ({@code .NAME.*.tmp}, created
 * new, so never someone else's file), which is forced to the disk, renamed over the target in
 * one step, and the directory is forced too (where the platform allows it): a crash, a kill or
 * a power cut leaves the old file or the new one, never a mix. A symlink is written through to
 * the file it names (the link stays a link); a rewritten file keeps its permissions (and its
 * owner and group where the writer may set them: root may), and a new one gets the mode any
 * new file gets (0666 less the umask, as the shell's {@code >} gives).
 */
public final class UserFiles {

    /** Symlinks followed to the file itself, at most (Linux's limit). */
    private static final int MAX_LINKS = 40;

    /** The temporary files being written now ({@link #removeUnfinished}). */
    private static final Set<Path> UNFINISHED = ConcurrentHashMap.newKeySet();

    /** What is written, to a stream the write owns. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private UserFiles() {}

    /** Writes {@code content} to {@code target} as the class comment says. */
    public static void writeAtomically(Path target, Content content) throws IOException {
        Path file = throughLinks(target);
        if (isSpecial(file)) {
            writeInto(file, content);
            return;
        }
        Path tmp = besideTemporary(file);
        FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        UNFINISHED.add(tmp);
        try { // the temporary file is ours from here on: removed whatever happens
            try (ch) {
                keepOwnershipAndMode(file, tmp);
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch));
                // A writer that closes its stream when done (Jackson does) must not close the
                // channel before it is forced: closing here only flushes.
                content.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush();
                    }
                });
                out.flush();
                ch.force(true);
            }
            // No fallback to a plain move: a non-atomic replace could leave half a file.
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
            UNFINISHED.remove(tmp);
        }
        forceDirectory(file.getParent());
    }

    /**
     * Removes the temporary files of the writes going on now, for a command that a signal stops
     * while its main thread writes (a sweep streaming a million points, a long run's report): the
     * signal runs the shutdown hooks but no {@code finally} of that thread, which left {@code
     * .NAME.*.tmp} files of many megabytes beside the user's. Called by that command's own stop
     * hook, never by a hook of this class: hooks run together, and another one may be finishing
     * a write that must land (the sim's last save of its state file, whose temporary file a
     * global hook removed under it). Not {@link java.io.File#deleteOnExit} either: it keeps every
     * name it was given for the JVM's life, and the sim writes its state file every second.
     */
    public static void removeUnfinished() {
        for (Path tmp : UNFINISHED) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                System.err.println("kline-bench: the unfinished " + tmp + " could not be removed: " + IoCause.of(e));
            }
        }
    }

    /**
     * Whether {@code file} exists and is not a regular file: a device ({@code /dev/null}, a
     * terminal), a named pipe. Such a file is written into, never replaced: renaming a file over
     * {@code /dev/null} as root would leave every later {@code > /dev/null} on the machine
     * writing into a plain file (seen: a benchmark's {@code --json /dev/null} did it).
     */
    private static boolean isSpecial(Path file) {
        return Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file);
    }

    /** Writes {@code content} straight into a device or pipe, which has no atomic replace. */
    private static void writeInto(Path file, Content content) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.WRITE))) {
            content.writeTo(new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            });
        }
    }

    /**
     * Checks that {@link #writeAtomically} can write {@code target}: {@link #checkDirectory} for
     * the file its links lead to, which must not be a directory, and an existing file must open
     * for writing (one the user made read-only is not replaced; opening changes nothing).
     *
     * @throws IOException the cause: no such directory, permission denied, read-only file system
     */
    public static void checkWritable(Path target) throws IOException {
        Path file = throughLinks(target);
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory");
        }
        if (isSpecial(file)) {
            // written into, so only that must be allowed; not opened here: opening a pipe would
            // wait for its reader, and closing it would end what the reader reads
            if (!Files.isWritable(file)) {
                throw new FileSystemException(file.toString(), null, "not writable");
            }
            return;
        }
        checkDirectory(file);
        if (Files.exists(file)) {
            FileChannel.open(file, StandardOpenOption.WRITE).close();
        }
    }

    /**
     * Checks that a file can be created beside {@code file}, by creating (and removing) the
     * temporary file a write would make there. Asking the file system, not reading permission
     * bits, gives the answer that holds for whoever runs it (root writes into a read-only
     * directory).
     */
    public static void checkDirectory(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw Files.exists(dir)
                    ? new FileSystemException(dir.toString(), null, dir + " is not a directory")
                    : new NoSuchFileException(dir.toString(), null, "no such directory " + dir);
        }
        Path tmp = besideTemporary(file.toAbsolutePath());
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                .close();
        Files.delete(tmp);
    }

    /** The file a write replaces: {@code target}, or the file its symlinks lead to. */
    public static Path throughLinks(Path target) throws IOException {
        Path p = target.toAbsolutePath();
        for (int i = 0; Files.isSymbolicLink(p); i++) {
            if (i == MAX_LINKS) {
                throw new FileSystemException(target.toString(), null, "too many levels of symbolic links");
            }
            p = p.resolveSibling(Files.readSymbolicLink(p)); // a relative link is relative to its directory
        }
        return p;
    }

    /** A fresh name for the temporary file; created with CREATE_NEW, so never someone else's file. */
    private static Path besideTemporary(Path file) {
        String unique = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        return file.resolveSibling("." + file.getFileName() + "." + unique + ".tmp");
    }

    /**
     * Gives the replacement the permissions of the file it replaces, and its owner and group
     * when they differ and the writer may set them (root may: a sim run with sudo does not take
     * the user's file away). A new file keeps the mode it was made with.
     */
    private static void keepOwnershipAndMode(Path file, Path tmp) throws IOException {
        PosixFileAttributes was;
        try {
            was = Files.readAttributes(file, PosixFileAttributes.class);
        } catch (NoSuchFileException e) {
            return;
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system (Windows): the new file inherits the directory's ACL
        }
        PosixFileAttributeView now = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        PosixFileAttributes made = now.readAttributes();
        try {
            if (!made.owner().equals(was.owner())) {
                now.setOwner(was.owner());
            }
            if (!made.group().equals(was.group())) {
                now.setGroup(was.group());
            }
        } catch (IOException e) {
            // Only root gives a file away; anyone else rewriting a file they may write becomes
            // its owner, as with any editor that saves by renaming.
        }
        now.setPermissions(was.permissions());
    }

    /** Makes the rename itself durable; not every platform can open a directory (Windows). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The file is complete and in place; only its durability across a power cut is weaker.
        }
    }
}
