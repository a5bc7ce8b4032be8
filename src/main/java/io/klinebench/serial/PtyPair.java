package io.klinebench.serial;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual null-modem pair without external tools: a pseudo-terminal made with
 * posix_openpt/grantpt/unlockpt/ptsname (Linux, through JNA). The tester opens
 * {@link #slavePath()} like a serial port; we read and write the master.
 *
 * <p>We keep an fd of the slave open ourselves, set raw: so the slave's settings do not
 * depend on who opens it, and reads on the master block (instead of failing with EIO) while
 * no tester is connected or after one hung up.
 *
 * <p>Because we keep the slave open, its settings outlive each tester: the kernel keeps the
 * termios of a pty for as long as the pair exists. A pty cannot hold parity (the kernel drops
 * PARENB), and glibc's tcsetattr reports EINVAL when none of the changes it asked for took; so
 * a tester asking for 8E1 on a slave left exactly as it would set it (by its own previous run)
 * failed to open it, every time after the first. When a tester closes the slave ({@link
 * SlaveUseWatch}), the pair clears CLOCAL and sets BRKINT on it: two flags that mean nothing
 * on a pty (it has no carrier and carries no break) and that testers set on open (jSerialComm,
 * pyserial and the usual recipe set CLOCAL; cfmakeraw clears BRKINT), so the next tester's
 * settings change something and are taken. Nothing else is touched: what a tester or {@code
 * stty} set (speed, raw mode, PARMRK, c_cc) stays, also for a tester that reopened at once.
 */
public final class PtyPair implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PtyPair.class);

    private static final int O_RDWR = 2;
    private static final int O_NOCTTY = 0400;
    private static final int TCSANOW = 0;
    /** struct termios (glibc, Linux): c_iflag and c_cflag are its first and third 32-bit words. */
    private static final int C_IFLAG = 0;

    private static final int C_CFLAG = 8;
    private static final int BRKINT = 0000002;
    private static final int CLOCAL = 0004000;

    private static final short POLLIN = 1;

    /** The calls made once per pair or per tester (the byte path's calls are {@link PtyIo}'s). */
    interface LibC extends Library {
        int posix_openpt(int flags) throws LastErrorException;

        int grantpt(int fd) throws LastErrorException;

        int unlockpt(int fd) throws LastErrorException;

        String ptsname(int fd);

        int open(String path, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int tcgetattr(int fd, Pointer termios) throws LastErrorException;

        int tcsetattr(int fd, int when, Pointer termios) throws LastErrorException;

        void cfmakeraw(Pointer termios);
    }

    /**
     * TCGETS2 = _IOR('T', 0x2A, struct termios2), from /usr/include/asm-generic/ioctls.h: read
     * (2 << 30) | sizeof(struct termios2) (44 = 0x2C) << 16 | 'T' << 8 | 0x2A. Valid where the
     * asm-generic ioctls apply (x86_64, aarch64, arm, riscv); not on alpha, mips, powerpc, sparc.
     */
    static final long TCGETS2 = 0x802C542AL;
    /**
     * struct termios2 (asm-generic/termbits.h): c_iflag, c_oflag, c_cflag, c_lflag (4 bytes
     * each), c_line (1), c_cc[NCCS = 19], then c_ispeed and c_ospeed (speed_t, 4 bytes each).
     */
    static final int TERMIOS2_SIZE = 44;

    static final int C_OSPEED_OFFSET = 40;
    private static final boolean TCGETS2_KNOWN = isGenericIoctlArch(System.getProperty("os.arch", ""));
    private static final NativeLong TCGETS2_REQUEST = new NativeLong(TCGETS2);

    private static LibC libc;

    private final int masterFd;
    private final int slaveFd;
    /** An eventfd the master's reader polls beside the master: written when the reader must stop. */
    private final int wakeFd;

    private final String slavePath;
    private final Path link;
    private final Master master = new Master();
    private volatile boolean closed;
    private final Memory termios2 = new Memory(TERMIOS2_SIZE);
    private final SlaveUseWatch watch;

    private PtyPair(int masterFd, int slaveFd, int wakeFd, String slavePath, Path link, boolean watchUse) {
        this.masterFd = masterFd;
        this.slaveFd = slaveFd;
        this.wakeFd = wakeFd;
        this.slavePath = slavePath;
        this.link = link;
        this.watch = watchUse ? SlaveUseWatch.start(slavePath, this::wakeOnOpen, this::freshenSlave) : null;
    }

    /** A new pair; {@code link}, when not null, becomes a symlink to the slave (replacing an old symlink). */
    public static PtyPair open(Path link) throws IOException {
        return open(link, true);
    }

    /** A new pair no tester will open (a probe's own): nobody watches for the slave's opening. */
    static PtyPair openPrivate() throws IOException {
        return open(null, false);
    }

    private static PtyPair open(Path link, boolean watchUse) throws IOException {
        LibC c = libc();
        int m = -1;
        int s = -1;
        int wake = -1;
        try {
            m = c.posix_openpt(O_RDWR | O_NOCTTY);
            c.grantpt(m);
            c.unlockpt(m);
            String path = c.ptsname(m);
            if (path == null) {
                throw new IOException("ptsname failed");
            }
            s = c.open(path, O_RDWR | O_NOCTTY);
            Memory termios = new Memory(256); // struct termios is 60 bytes on Linux; room to spare
            c.tcgetattr(s, termios);
            c.cfmakeraw(termios);
            c.tcsetattr(s, TCSANOW, termios);
            if (PtyIo.unavailable() != null) {
                throw new IOException("cannot bind read, write and poll through JNA: " + PtyIo.unavailable());
            }
            // The first call of each moves no byte but runs the class's code once, before the first frame.
            PtyIo.write(m, new byte[1], 0);
            PtyIo.read(s, new byte[1], 0);
            wake = PtyIo.eventfd(0, PtyIo.EFD_NONBLOCK);
            try (Memory pollFd = new Memory(8)) {
                pollFd.setInt(0, m);
                pollFd.setShort(4, POLLIN);
                PtyIo.poll(pollFd, 1, 0);
            }
            if (link != null) {
                if (Files.isSymbolicLink(link)) {
                    Files.delete(link);
                }
                Files.createSymbolicLink(link, Path.of(path));
            }
            return new PtyPair(m, s, wake, path, link, watchUse);
        } catch (LastErrorException | IOException e) {
            closeQuietly(c, wake);
            closeQuietly(c, s);
            closeQuietly(c, m);
            throw e instanceof IOException io ? io : new IOException("cannot create a pty pair: " + e.getMessage(), e);
        } catch (UnsupportedOperationException | UnsatisfiedLinkError e) {
            throw new IOException("cannot create a pty pair on this system: " + e.getMessage(), e);
        }
    }

    static synchronized LibC libc() throws IOException {
        if (libc == null) {
            try {
                libc = Native.load("c", LibC.class);
            } catch (UnsatisfiedLinkError e) {
                throw new IOException("cannot load the C library through JNA: " + e.getMessage(), e);
            }
        }
        return libc;
    }

    /** Where the tester connects (/dev/pts/N). */
    public String slavePath() {
        return slavePath;
    }

    /** The stable symlink to the slave, when one was asked for. */
    public Optional<Path> link() {
        return Optional.ofNullable(link);
    }

    /**
     * The speed the tester set on the slave, read from the master fd with TCGETS2 (for a pty
     * master the kernel answers with the slave's termios): its output speed (c_ospeed, what it
     * sends at), in baud; -1 when it cannot be read (pair closed, ioctl refused, an architecture
     * whose TCGETS2 differs). Any thread; about 1-3 us per call.
     */
    public synchronized int slaveBaud() {
        return readTermios2() ? termios2.getInt(C_OSPEED_OFFSET) : -1;
    }

    private boolean readTermios2() {
        if (closed || !TCGETS2_KNOWN) {
            return false;
        }
        try {
            return PtyIo.ioctl(masterFd, TCGETS2_REQUEST, termios2) == 0;
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            return false;
        }
    }

    static boolean isGenericIoctlArch(String arch) {
        return switch (arch) {
            case "amd64", "x86_64", "aarch64", "arm", "riscv64", "i386", "x86" -> true;
            default -> false;
        };
    }

    /**
     * Clears CLOCAL and sets BRKINT on the slave, flags without meaning on a pty: called when a
     * tester has closed it, so that the next one's settings change something (see the class comment).
     */
    synchronized void freshenSlave() {
        if (closed) {
            return;
        }
        try {
            Memory termios = new Memory(256);
            libc.tcgetattr(slaveFd, termios);
            termios.setInt(C_CFLAG, termios.getInt(C_CFLAG) & ~CLOCAL);
            termios.setInt(C_IFLAG, termios.getInt(C_IFLAG) | BRKINT);
            libc.tcsetattr(slaveFd, TCSANOW, termios);
        } catch (LastErrorException e) {
            log.debug("cannot freshen {} after a tester closed it: {}", slavePath, e.getMessage());
        }
    }

    private volatile Runnable onTesterOpen = () -> {};

    /** Runs {@code r} (on the watch's thread) each time a tester opens the slave. */
    public void onTesterOpen(Runnable r) {
        this.onTesterOpen = r;
    }

    private void wakeOnOpen() {
        onTesterOpen.run();
    }

    /**
     * True while a tester has the slave open, as far as the pair knows: always true when the
     * system cannot tell (no inotify).
     */
    public boolean testerConnected() {
        return watch == null || watch.inUse();
    }

    /**
     * Writes into the slave end the pair holds, as a tester on the slave would (for a probe of
     * the kernel's delivery, {@link PtyDeliveryProbe}, which reads them on the master).
     */
    void writeSlave(byte[] bytes, int length) throws IOException {
        writeAll(slaveFd, "slave", bytes, length);
    }

    /** Writes {@code length} bytes to {@code fd}, our {@code end} of the pair, or says why not. */
    private void writeAll(int fd, String end, byte[] bytes, int length) throws IOException {
        if (closed) {
            throw new IOException("the pty pair is closed");
        }
        try {
            long n = PtyIo.write(fd, bytes, length);
            if (n != length) {
                throw new IOException("short write to the pty " + end + ": " + n + " of " + length);
            }
        } catch (LastErrorException e) {
            throw new IOException("cannot write to the pty " + end + ": " + e.getMessage(), e);
        }
    }

    /** Our side of the pair. Close the channel (and stop its reader) before closing the pair. */
    public PortChannel master() {
        return master;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (watch != null) {
            watch.close(); // before our slave fd, whose close it would otherwise report
        }
        master.stopReader();
        LibC c = libc;
        closeQuietly(c, slaveFd);
        closeQuietly(c, masterFd);
        closeQuietly(c, wakeFd);
        if (link != null) {
            try {
                Files.deleteIfExists(link);
            } catch (IOException e) {
                log.warn("cannot remove the link {}: {}", link, e.getMessage());
            }
        }
    }

    private static void closeQuietly(LibC c, int fd) {
        if (fd >= 0) {
            try {
                c.close(fd);
            } catch (LastErrorException e) {
                log.debug("close({}) failed: {}", fd, e.getMessage());
            }
        }
    }

    /**
     * The master fd as a channel. A read polls the master and the pair's eventfd with no timeout:
     * it sleeps until a byte comes or {@link #close} wakes it, and costs nothing while idle.
     */
    private final class Master implements PortChannel {
        private final Memory pollFds = new Memory(16);
        private final byte[] counter = new byte[8];
        private volatile boolean stopped;

        @Override
        public String name() {
            return slavePath + " (master side)";
        }

        @Override
        public void open() throws IOException {
            if (closed) {
                throw new IOException("the pty pair is closed");
            }
            drainWake();
            stopped = false;
        }

        @Override
        public void close() {
            stopped = true;
            stopReader();
        }

        /** Wakes a reader blocked in poll: it sees stopped (or closed) and returns -1. */
        void stopReader() {
            try {
                byte[] one = {1, 0, 0, 0, 0, 0, 0, 0}; // a uint64, any non-zero value wakes
                PtyIo.write(wakeFd, one, 8);
            } catch (LastErrorException e) {
                log.debug("cannot wake the pty master's reader: {}", e.getMessage());
            }
        }

        private void drainWake() {
            try {
                PtyIo.read(wakeFd, counter, 8);
            } catch (LastErrorException e) {
                // EAGAIN: nothing to drain
            }
        }

        @Override
        public int read(byte[] buffer) {
            while (!stopped && !closed) {
                pollFds.setInt(0, masterFd);
                pollFds.setShort(4, POLLIN);
                pollFds.setShort(6, (short) 0);
                pollFds.setInt(8, wakeFd);
                pollFds.setShort(12, POLLIN);
                pollFds.setShort(14, (short) 0);
                try {
                    if (PtyIo.poll(pollFds, 2, -1) <= 0 || stopped || closed) {
                        continue;
                    }
                    short revents = pollFds.getShort(6);
                    if (revents == 0) {
                        // Only the eventfd, and not stopping: a stale wake-up. Taken off, or poll
                        // would return at once forever.
                        drainWake();
                        continue;
                    }
                    if ((revents & POLLIN) == 0) {
                        return -1; // hang-up or error without data: cannot happen while we hold the slave
                    }
                    long n = PtyIo.read(masterFd, buffer, buffer.length);
                    if (n > 0) {
                        return (int) n;
                    }
                    return -1;
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == 4) { // EINTR
                        continue;
                    }
                    log.debug("pty master read failed: {}", e.getMessage());
                    return -1;
                }
            }
            return -1;
        }

        @Override
        public void write(int value) throws IOException {
            write(new byte[] {(byte) value}, 1);
        }

        @Override
        public void write(byte[] bytes, int length) throws IOException {
            writeAll(masterFd, "master", bytes, length);
        }
    }
}
