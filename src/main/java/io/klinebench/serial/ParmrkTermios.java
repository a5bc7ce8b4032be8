package io.klinebench.serial;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;

/**
 * Sets a tty (Linux) to raw 8 data bits with in-band line conditions, as {@code stty raw -ignbrk
 * -brkint parmrk inpck -ignpar cs8 clocal cread} would (plus {@code parenb -parodd} for 8E1):
 * a break then reads as {@code FF 00 00}, a framing or parity error as {@code FF 00 xx}, a data
 * 0xFF as {@code FF FF}. The settings stay on the tty after our fd is closed, so jSerialComm
 * opens it afterwards with its configuration disabled. Through the JNA calls of {@link PtyPair}.
 *
 * <p>Offsets and flag values are those of Linux's {@code struct termios} on x86, x86-64 and
 * ARM (not on PowerPC, Alpha or MIPS, which use other values).
 */
final class ParmrkTermios {

    private static final int O_RDWR = 2;
    private static final int O_NOCTTY = 0400;
    private static final int O_NONBLOCK = 04000;
    private static final int TCSANOW = 0;

    private static final int C_IFLAG = 0;
    private static final int C_CFLAG = 8;

    static final int IGNBRK = 01;
    static final int BRKINT = 02;
    static final int IGNPAR = 04;
    static final int PARMRK = 010;
    static final int INPCK = 020;
    static final int ISTRIP = 040;
    static final int CSIZE = 060;
    static final int CS8 = 060;
    static final int CSTOPB = 0100;
    static final int CREAD = 0200;
    static final int PARENB = 0400;
    static final int PARODD = 01000;
    static final int CLOCAL = 04000;

    private ParmrkTermios() {}

    /** Configures {@code path}; throws with the errno's message. */
    static void configure(String path, boolean evenParity) throws IOException {
        PtyPair.LibC c = PtyPair.libc();
        int fd;
        try {
            fd = c.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
        } catch (LastErrorException e) {
            throw new IOException("cannot open " + path + " to set PARMRK: " + e.getMessage(), e);
        }
        try {
            Memory t = new Memory(256); // struct termios is 60 bytes on Linux; room to spare
            c.tcgetattr(fd, t);
            c.cfmakeraw(t);
            int iflag = t.getInt(C_IFLAG);
            iflag &= ~(IGNBRK | BRKINT | IGNPAR | ISTRIP);
            iflag |= PARMRK | INPCK;
            t.setInt(C_IFLAG, iflag);
            int cflag = t.getInt(C_CFLAG);
            cflag &= ~(CSIZE | CSTOPB | PARENB | PARODD);
            cflag |= CS8 | CREAD | CLOCAL | (evenParity ? PARENB : 0);
            t.setInt(C_CFLAG, cflag);
            c.tcsetattr(fd, TCSANOW, t);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == NotASerialPort.ENOTTY) {
                throw new IOException(NotASerialPort.device(path), e);
            }
            throw new IOException("cannot set PARMRK on " + path + ": " + e.getMessage(), e);
        } finally {
            try {
                c.close(fd);
            } catch (LastErrorException e) {
                // nothing to do
            }
        }
    }

    /** The input flags of {@code path} now (for tests). */
    static int inputFlags(String path) throws IOException {
        PtyPair.LibC c = PtyPair.libc();
        int fd = c.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
        try {
            Memory t = new Memory(256);
            c.tcgetattr(fd, t);
            return t.getInt(C_IFLAG);
        } finally {
            c.close(fd);
        }
    }
}
