package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fazecast.jSerialComm.SerialPort;
import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Testers of any make reopen the slave of a {@link PtyPair} as often as they like. A tester that
 * configures as pyserial does (read the settings, change what it needs, tcsetattr when anything
 * differs: raw, 8E1, CLOCAL) found the slave, from its second run on, exactly as it would set it
 * but for PARENB, which a pty cannot hold; glibc then reports EINVAL ("nothing you asked for
 * took") and the tester gave up. The pair now puts the slave's flags back when a tester closes it.
 */
class PtySlaveReopenIT {

    private static final int O_RDWR = 2;
    private static final int O_RDONLY = 0;
    private static final int O_NOCTTY = 0400;
    private static final int TCSANOW = 0;
    private static final int CLOCAL = 04000;
    private static final int CREAD = 0200;
    private static final int PARENB = 0400;
    private static final int CSIZE = 060;
    private static final int CS8 = 060;
    private static final int CSTOPB = 0100;
    private static final int PARODD = 01000;
    private static final int RAW_LFLAG_OFF = 02 | 010 | 020 | 040 | 0100 | 01 | 0100000; // ICANON ECHO.. ISIG IEXTEN
    private static final int RAW_OFLAG_OFF = 01 | 04 | 010; // OPOST ONLCR OCRNL
    private static final int RAW_IFLAG_OFF = 0100 | 0200 | 0400 | 01 | 010 | 020 | 040 | 02000 | 010000 | 04000;

    interface C extends Library {
        int open(String path, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int tcgetattr(int fd, Pointer termios) throws LastErrorException;

        int tcsetattr(int fd, int when, Pointer termios) throws LastErrorException;
    }

    private static final C LIBC = Native.load("c", C.class);

    /** Opens, configures 8E1 as pyserial does, closes; throws what tcsetattr threw. */
    private static void pyserialStyleSession(String slave) {
        int fd = LIBC.open(slave, O_RDWR | O_NOCTTY);
        try {
            Memory t = new Memory(256);
            LIBC.tcgetattr(fd, t);
            int[] before = {t.getInt(0), t.getInt(4), t.getInt(8), t.getInt(12)};
            int iflag = before[0] & ~RAW_IFLAG_OFF;
            int oflag = before[1] & ~RAW_OFLAG_OFF;
            int cflag = (before[2] & ~(CSIZE | PARODD | CSTOPB)) | CS8 | PARENB | CLOCAL | CREAD;
            int lflag = before[3] & ~RAW_LFLAG_OFF;
            if (iflag != before[0] || oflag != before[1] || cflag != before[2] || lflag != before[3]) {
                t.setInt(0, iflag);
                t.setInt(4, oflag);
                t.setInt(8, cflag);
                t.setInt(12, lflag);
                LIBC.tcsetattr(fd, TCSANOW, t);
            }
        } finally {
            LIBC.close(fd);
        }
    }

    /** Waits (up to 5 s) until the slave is fresh again: CLOCAL, which every tester sets, cleared. */
    private static void awaitFresh(String slave) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end) {
            int fd = LIBC.open(slave, O_RDONLY | O_NOCTTY); // read-only: its close is not a tester's
            Memory t = new Memory(256);
            try {
                LIBC.tcgetattr(fd, t);
            } finally {
                LIBC.close(fd);
            }
            if ((t.getInt(8) & CLOCAL) == 0) {
                return;
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aTesterAskingForParityOpensTheSlaveAgainAndAgain() throws Exception {
        try (PtyPair pty = PtyPair.open(null)) {
            for (int run = 1; run <= 5; run++) {
                pyserialStyleSession(pty.slavePath()); // throws LastErrorException (EINVAL) when refused
                awaitFresh(pty.slavePath());
            }
        }
    }

    /** jSerialComm configured as our tester's channel was: 8E1, reads blocking for a byte. */
    @Test
    void aJSerialCommTesterAt8E1OpensTheSlaveAgainAndAgain() throws Exception {
        try (PtyPair pty = PtyPair.open(null)) {
            for (int run = 1; run <= 5; run++) {
                SerialPort port = SerialPort.getCommPort(pty.slavePath());
                port.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.EVEN_PARITY);
                port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 0, 0);
                assertThat(port.openPort(0))
                        .as("run %d: error %d", run, port.getLastErrorCode()) // 22 from the second run on, before
                        .isTrue();
                port.closePort();
                awaitFresh(pty.slavePath());
            }
        }
    }

    /**
     * Our own tester's channel asks a pty for no parity (it cannot hold any), so it reopens any
     * pty, also one that nobody freshens: here a bare pair whose slave the test holds open.
     */
    @Test
    void ourChannelAt8E1ReopensEvenAPtyThatNobodyFreshens() throws Exception {
        PtyPair.LibC c = PtyPair.libc();
        int master = c.posix_openpt(O_RDWR | O_NOCTTY);
        int slave = -1;
        try {
            c.grantpt(master);
            c.unlockpt(master);
            String path = c.ptsname(master);
            slave = c.open(path, O_RDWR | O_NOCTTY);
            for (int run = 1; run <= 5; run++) {
                JSerialCommChannel port = new JSerialCommChannel(path, 9600, JSerialCommChannel.Framing.E81);
                port.open(); // "busy or not permitted (error 22)" from the second run on, when it asked for parity
                port.close();
            }
        } finally {
            if (slave >= 0) {
                c.close(slave);
            }
            c.close(master);
        }
    }

    /** A setting made in one open, as {@code stty -F} or the sim's PARMRK setup does, is there at the next. */
    @Test
    void whatOneOpenSetIsThereAtTheNext() throws Exception {
        final int parmrk = 010;
        try (PtyPair pty = PtyPair.open(null)) {
            int fd = LIBC.open(pty.slavePath(), O_RDWR | O_NOCTTY);
            Memory t = new Memory(256);
            try {
                LIBC.tcgetattr(fd, t);
                t.setInt(0, t.getInt(0) | parmrk);
                t.setInt(8, t.getInt(8) | CLOCAL);
                LIBC.tcsetattr(fd, TCSANOW, t);
            } finally {
                LIBC.close(fd);
            }
            awaitFresh(pty.slavePath());
            int again = LIBC.open(pty.slavePath(), O_RDONLY | O_NOCTTY);
            try {
                LIBC.tcgetattr(again, t);
            } finally {
                LIBC.close(again);
            }
            assertThat(t.getInt(0) & parmrk).as("PARMRK kept").isNotZero();
        }
    }

    @Test
    void theSlaveKeepsTheSpeedTheTesterSet() throws Exception {
        try (PtyPair pty = PtyPair.open(null)) {
            JSerialCommChannel port = new JSerialCommChannel(pty.slavePath(), 10400, JSerialCommChannel.Framing.N81);
            port.open();
            port.close();
            awaitFresh(pty.slavePath());
            assertThat(pty.slaveBaud()).isEqualTo(10400);
        }
    }
}
