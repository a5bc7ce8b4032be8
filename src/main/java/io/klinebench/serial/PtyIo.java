package io.klinebench.serial;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The C calls a pty pair makes for every byte and every baud check (read, write, poll, the
 * TCGETS2 ioctl) and the eventfd that wakes its reader, in JNA's direct mapping: a call goes
 * straight to a native stub, where the interface mapping ({@link PtyPair.LibC}) goes through a
 * proxy, reflection and argument conversion, about 20 objects and a large method the JIT
 * compiles, deoptimises and compiles again for minutes (seen as C2 work costing more than the
 * simulator itself, per answered request; BENCHMARKS.md, "Side by side with a reference
 * module"). Linux only, as the rest of the pair.
 */
final class PtyIo {

    /** eventfd flag: reads return EAGAIN instead of blocking when the counter is zero. */
    static final int EFD_NONBLOCK = 04000;

    private static final Throwable UNAVAILABLE = register();

    private PtyIo() {}

    private static Throwable register() {
        try {
            Native.register(PtyIo.class, "c");
            return null;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return e;
        }
    }

    /** Null when the calls are bound, else why not. */
    static Throwable unavailable() {
        return UNAVAILABLE;
    }

    static native long read(int fd, byte[] buffer, long count) throws LastErrorException;

    static native long write(int fd, byte[] buffer, long count) throws LastErrorException;

    static native int poll(Pointer fds, long nfds, int timeoutMillis) throws LastErrorException;

    static native int ioctl(int fd, NativeLong request, Pointer arg) throws LastErrorException;

    static native int eventfd(int initval, int flags) throws LastErrorException;
}
