package io.klinebench.sim;

import io.klinebench.dcan.CanFrame;
import io.klinebench.dcan.CanSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A CAN bus in memory: each socket hears every frame the others send, never its own (a raw
 * socket's default on SocketCAN); a closed socket hears nothing more and its reader wakes.
 */
final class MemoryCanBus {

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> carried = new CopyOnWriteArrayList<>();

    /** Why every send fails from now on (a SocketCAN interface gone down), or null. */
    private volatile String refusing;

    void refuseSends(String why) {
        refusing = why;
    }

    CanSocket socket(String name) {
        Socket s = new Socket(name);
        sockets.add(s);
        return s;
    }

    List<String> carried() {
        return new ArrayList<>(carried);
    }

    void put(String by, CanSocket.Heard frame) {
        carried.add(by + " " + frame);
        for (Socket s : sockets) {
            if (!s.name.equals(by)) {
                s.heard.add(Optional.of(frame));
            }
        }
    }

    private final class Socket implements CanSocket {
        final String name;
        final java.util.concurrent.BlockingQueue<Optional<Heard>> heard =
                new java.util.concurrent.LinkedBlockingQueue<>();
        volatile boolean open;

        Socket(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return "memory:" + name;
        }

        @Override
        public void open() {
            open = true;
        }

        @Override
        public void send(CanFrame frame) throws java.io.IOException {
            if (!open) {
                throw new java.io.IOException(name() + ": not open");
            }
            if (refusing != null) {
                throw new java.io.IOException(name() + ": frame " + frame + " not sent: " + refusing);
            }
            carried.add(name + " " + frame);
            for (Socket s : sockets) {
                if (s != this && s.open) {
                    s.heard.add(Optional.of(Heard.of(frame)));
                }
            }
        }

        @Override
        public Optional<Heard> receive() {
            try {
                return open ? heard.take() : Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        @Override
        public void close() {
            open = false;
            heard.add(Optional.empty());
        }
    }
}
