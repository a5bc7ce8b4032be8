package io.klinebench.serial;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells when a tester closes a pty slave: an inotify watch (Linux, through JNA) for
 * IN_CLOSE_WRITE on the slave's device node, read by a thread of its own that sleeps in
 * {@code read} (no polling, no cost while nothing happens). Our own slave fd is opened before
 * the watch and closed after it, so only other users' closes are reported.
 */
final class SlaveCloseWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlaveCloseWatch.class);

    private static final int IN_CLOEXEC = 02000000;
    private static final int IN_CLOSE_WRITE = 0x00000008;
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

    private SlaveCloseWatch(int fd, int wd, String path, Runnable onClose) {
        this.fd = fd;
        this.wd = wd;
        this.reader = new Thread(() -> run(onClose), "pty-slave-watch " + path);
        reader.setDaemon(true);
    }

    /**
     * Starts watching {@code slavePath}; {@code onClose} runs on the watch's thread after each
     * close of a writable fd of it. Null when the system offers no inotify: then nobody is told.
     */
    static SlaveCloseWatch start(String slavePath, Runnable onClose) {
        try {
            Inotify c = inotify();
            int fd = c.inotify_init1(IN_CLOEXEC);
            int wd;
            try {
                wd = c.inotify_add_watch(fd, slavePath, IN_CLOSE_WRITE);
            } catch (LastErrorException e) {
                c.close(fd);
                throw e;
            }
            SlaveCloseWatch w = new SlaveCloseWatch(fd, wd, slavePath, onClose);
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

    private void run(Runnable onClose) {
        byte[] buffer = new byte[4096];
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
            boolean hungUp = false;
            while (events.remaining() >= EVENT_HEADER) {
                int at = events.position();
                int mask = events.getInt(at + 4);
                int nameLength = events.getInt(at + 12);
                events.position(Math.min(events.limit(), at + EVENT_HEADER + nameLength));
                if ((mask & IN_IGNORED) != 0) {
                    return; // the watch is gone: closed by us, or the pty went away
                }
                hungUp |= (mask & IN_CLOSE_WRITE) != 0;
            }
            if (hungUp && !closed) {
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
