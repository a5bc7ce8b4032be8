package io.klinebench.sim;

import io.klinebench.serial.PortChannel;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A port with a scripted module behind it, for a tester to talk to in real time: what the module
 * {@link #send}s is what the tester reads, in those very pieces; what the tester writes goes to
 * the module's {@link #write(byte[], int)}.
 */
abstract class FakeModulePort implements PortChannel {

    private final BlockingQueue<byte[]> toTester = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    /** Puts bytes on the line to the tester now, in one piece. */
    void send(byte[] bytes) {
        toTester.add(bytes.clone());
    }

    @Override
    public void open() {}

    @Override
    public void close() {
        closed = true;
        toTester.add(new byte[0]);
    }

    @Override
    public int read(byte[] buffer) {
        try {
            byte[] b = toTester.take();
            if (closed || b.length == 0) {
                return -1;
            }
            System.arraycopy(b, 0, buffer, 0, b.length);
            return b.length;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void write(int value) {
        write(new byte[] {(byte) value}, 1);
    }

    @Override
    public abstract void write(byte[] bytes, int length);
}
