package io.klinebench.serial;

import io.klinebench.time.CpuStop;
import io.klinebench.time.SystemClock;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * Watches the kernel's delivery of pty bytes: a pty pair of our own, one byte written into its
 * slave at each beat of the {@link CpuStopWatch}, read on its master as it comes. A byte that
 * takes longer than {@link CpuStopWatch#LATE} to come through is a stop of {@link
 * CpuStop#PTY_DELIVERY}, from its writing to its arrival; a byte still on its way that long is a
 * stop going on as we speak.
 *
 * <p>Why: beside two busy processes on the VM this project is built on, the kernel now and then
 * holds every pty's bytes for up to 100 ms together while a sleeper pinned to each CPU wakes on
 * time (two probe ptys of a test program stalled at the same instants, by the same 98.8 ms; no
 * sleeper was late; BENCHMARKS.md, "The kernel's pty delivery"). A tester's byte written on time
 * then reaches the module that late, and only a pty of our own, written at a known instant,
 * shows it. The reader runs at normal priority, as the sleepers do: a reader waiting for a slice
 * counts as a stall too, which widens a gap more than needed, never less.
 */
final class PtyDeliveryProbe implements AutoCloseable {

    /** Bytes on their way at most (16 s of beats): past it the probe waits for the kernel before writing more. */
    private static final int RING = 4096;

    private final SystemClock clock;
    private final PtyPair pair;
    private final Consumer<CpuStop> seen;
    /** When byte number {@code n} was written, at {@code n % RING}. */
    private final AtomicLongArray sentAt = new AtomicLongArray(RING);

    private final byte[] one = new byte[1];
    /** How many bytes were written (by the beat's thread only). */
    private volatile long written;
    /** How many bytes came through (by the reader only). */
    private volatile long read;

    private final Thread reader;
    /** When the last stall seen ended (by the reader only). */
    private long lastStallEnd = Long.MIN_VALUE;
    /** Why the probe stopped watching, or null. */
    private volatile String problem;

    private PtyDeliveryProbe(SystemClock clock, PtyPair pair, Consumer<CpuStop> seen) {
        this.clock = clock;
        this.pair = pair;
        this.seen = seen;
        this.reader = new Thread(this::readAll, "pty-delivery-probe");
        reader.setDaemon(true);
    }

    /** A probe on a new pty pair of its own; its stalls go to {@code seen}, on its reader's thread. */
    static PtyDeliveryProbe open(SystemClock clock, Consumer<CpuStop> seen) throws IOException {
        PtyDeliveryProbe p = openUnread(clock, seen);
        p.startReading();
        return p;
    }

    /** A probe whose reader has not started: its bytes stay in the pty, as in a stall, until {@link #startReading}. */
    static PtyDeliveryProbe openUnread(SystemClock clock, Consumer<CpuStop> seen) throws IOException {
        PtyPair pair = PtyPair.openPrivate();
        try {
            pair.master().open();
        } catch (IOException e) {
            pair.close();
            throw e;
        }
        return new PtyDeliveryProbe(clock, pair, seen);
    }

    void startReading() {
        reader.start();
    }

    /** One byte into the pty, stamped before it is written (so its arrival is never before its stamp). */
    void send() {
        long n = written;
        if (problem != null || n - read >= RING) {
            return;
        }
        sentAt.set((int) (n % RING), clock.nanos());
        one[0] = (byte) n;
        try {
            pair.writeSlave(one, 1);
            written = n + 1;
        } catch (IOException e) {
            problem = e.getMessage();
        }
    }

    /** The stall going on now: the oldest byte on its way longer than {@link CpuStopWatch#LATE}; null when none. */
    CpuStop ongoing(long now) {
        long r = read;
        if (written <= r) {
            return null;
        }
        long since = sentAt.get((int) (r % RING));
        return now - since > CpuStopWatch.LATE ? new CpuStop(CpuStop.PTY_DELIVERY, since, now) : null;
    }

    /** Why the probe does not watch, or null while it does. */
    String problem() {
        return problem;
    }

    private void readAll() {
        ThreadPriority.normalCurrentThread();
        byte[] buffer = new byte[256];
        while (true) {
            int n = pair.master().read(buffer);
            if (n < 0) {
                return; // closed
            }
            long now = clock.nanos();
            long r = read;
            // The bytes come in order: the first of this read waited longest. Its wait from
            // before the last stall's end is that stall's, said already.
            long since = Math.max(sentAt.get((int) (r % RING)), lastStallEnd);
            read = r + n;
            if (now - since > CpuStopWatch.LATE) {
                seen.accept(new CpuStop(CpuStop.PTY_DELIVERY, since, now));
                lastStallEnd = now;
            }
        }
    }

    @Override
    public void close() {
        pair.master().close();
        pair.close();
    }
}
