package io.klinebench.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A module on a fake port, in real time: echoes the tester's bytes and, at each whole request
 * (every {@code requestLength} bytes), acts as {@code onRequest} says for the request's number
 * (0, 1...); the script echoes the request's last byte itself, so it can hold it back.
 */
final class ScriptedModule extends FakeModulePort {
    private final ScheduledExecutorService later;
    private final int requestLength;
    private final List<Integer> heard = new ArrayList<>();
    private final List<Integer> requestsSeen = new CopyOnWriteArrayList<>();
    private final BiConsumer<Integer, ScriptedModule> onRequest;

    ScriptedModule(ScheduledExecutorService later, int requestLength, BiConsumer<Integer, ScriptedModule> onRequest) {
        this.later = later;
        this.requestLength = requestLength;
        this.onRequest = onRequest;
    }

    /** The numbers of the whole requests seen so far. */
    List<Integer> requestsSeen() {
        return requestsSeen;
    }

    /** Puts bytes on the line to the tester after {@code ms}. */
    void sendLater(byte[] bytes, long ms) {
        later.schedule(() -> send(bytes), ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return "scripted module";
    }

    @Override
    public synchronized void write(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            heard.add(bytes[i] & 0xFF);
            if (heard.size() == requestLength) {
                int n = requestsSeen.size();
                requestsSeen.add(n);
                heard.clear();
                onRequest.accept(n, this);
                return;
            }
            // the echo of each byte but the last, at once (the script echoes the last)
            send(new byte[] {bytes[i]});
        }
    }
}
