package io.klinebench.serial;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells who uses a pty slave: an inotify watch (Linux, through JNA) for opens and closes of
 * the slave's device node, read by a thread of its own that sleeps in {@code read} (no
 * polling, no cost while nothing happens). Our own slave fd is opened before the watch and
 * closed after it, so only other users (testers) are counted. A tester's open is known within
 * microseconds, before it can have set a baud or written a byte: the baud watch polls only
 * while someone has the slave open.
 */
final class SlaveUseWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlaveUseWatch.class);

    private static final int IN_CLOEXEC = 02000000;
    private static final int IN_CLOSE_WRITE = 0x00000008;
    private static final int IN_CLOSE_NOWRITE = 0x00000010;
    private static final int IN_OPEN = 0x00000020;
    private static final int IN_IGNORED = 0x00008000;
    /** struct inotify_event without its name: wd, mask, cookie, len. */
    private static final int EVENT_HEADER = 16;

    interface Inotify extends Library {
        int inotify_init1(int flags) throws LastErrorException;

        int inotify_add_watch(int fd, String path, int mask) throws LastErrorException;

        int inotify_rm_watch(int fd, int wd) throws LastErrorException;

        long read(int fd, byte[] buffer, long count) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static Inotify inotify;

    private final int fd;
    private final int wd;
    private final Thread reader;
    private volatile boolean closed;
    /** Opens minus closes by others, never below 0 (a close of an fd opened before the watch). */
    private volatile int users;

    private SlaveUseWatch(int fd, int wd, String path, Runnable onOpen, Runnable onClose) {
        this.fd = fd;
        this.wd = wd;
        this.reader = new Thread(() -> run(onOpen, onClose), "pty-slave-watch " + path);
        reader.setDaemon(true);
    }

    /** True while another process (or another fd of ours) has the slave open. */
    boolean inUse() {
        return users > 0;
    }

    /**
     * Starts watching {@code slavePath}; {@code onOpen} runs on the watch's thread after each
     * open of it, {@code onClose} after a close of a writable fd of it that left nobody else
     * with it open (jSerialComm, for one, opens a port twice). Null when the system
     * offers no inotify: then nobody is told.
     */
    static SlaveUseWatch start(String slavePath, Runnable onOpen, Runnable onClose) {
        try {
            Inotify c = inotify();
            int fd = c.inotify_init1(IN_CLOEXEC);
            int wd;
            try {
                wd = c.inotify_add_watch(fd, slavePath, IN_OPEN | IN_CLOSE_WRITE | IN_CLOSE_NOWRITE);
            } catch (LastErrorException e) {
                c.close(fd);
                throw e;
            }
            SlaveUseWatch w = new SlaveUseWatch(fd, wd, slavePath, onOpen, onClose);
            w.reader.start();
            return w;
        } catch (LastErrorException | UnsatisfiedLinkError | UnsupportedOperationException e) {
            log.debug("no inotify watch on {}: {}", slavePath, e.getMessage());
            return null;
        }
    }

    private static synchronized Inotify inotify() {
        if (inotify == null) {
            inotify = Native.load("c", Inotify.class);
        }
        return inotify;
    }

    private void run(Runnable onOpen, Runnable onClose) {
        byte[] buffer = new byte[4096];
        boolean hungUp = false; // a writer closed; told once nobody has the slave open
        while (true) {
            long n;
            try {
                n = inotify.read(fd, buffer, buffer.length);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == 4 && !closed) { // EINTR
                    continue;
                }
                return;
            }
            if (n <= 0) {
                return;
            }
            ByteBuffer events = ByteBuffer.wrap(buffer, 0, (int) n).order(ByteOrder.nativeOrder());
            boolean opened = false;
            while (events.remaining() >= EVENT_HEADER) {
                int at = events.position();
                int mask = events.getInt(at + 4);
                int nameLength = events.getInt(at + 12);
                events.position(Math.min(events.limit(), at + EVENT_HEADER + nameLength));
                if ((mask & IN_IGNORED) != 0) {
                    return; // the watch is gone: closed by us, or the pty went away
                }
                hungUp |= (mask & IN_CLOSE_WRITE) != 0;
                if ((mask & IN_OPEN) != 0) {
                    users++; // this thread alone writes it
                    opened = true;
                }
                if ((mask & (IN_CLOSE_WRITE | IN_CLOSE_NOWRITE)) != 0) {
                    users = Math.max(0, users - 1);
                }
            }
            if (opened && !closed) {
                onOpen.run();
            }
            if (hungUp && !closed && users == 0) {
                hungUp = false;
                try {
                    onClose.run();
                } catch (RuntimeException e) {
                    log.warn("after a tester closed the pty: {}", e.toString());
                }
            }
        }
    }

    /** Removes the watch (which wakes the reader with IN_IGNORED), waits for the reader and closes the fd. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            inotify.inotify_rm_watch(fd, wd);
        } catch (LastErrorException e) {
            log.debug("inotify_rm_watch: {}", e.getMessage());
        }
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            inotify.close(fd);
        } catch (LastErrorException e) {
            log.debug("closing the inotify fd: {}", e.getMessage());
        }
    }
}
