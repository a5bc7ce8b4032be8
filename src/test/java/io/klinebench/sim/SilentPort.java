package io.klinebench.sim;

import io.klinebench.serial.PortChannel;
import java.util.concurrent.CountDownLatch;

/** A port where nobody ever speaks: a read waits until the port is closed, and writes go nowhere. */
final class SilentPort implements PortChannel {

    private final String name;
    private final CountDownLatch closed = new CountDownLatch(1);

    SilentPort(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void open() {}

    @Override
    public void close() {
        closed.countDown();
    }

    @Override
    public int read(byte[] buffer) {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    @Override
    public void write(int value) {}

    @Override
    public void write(byte[] bytes, int length) {}
}
