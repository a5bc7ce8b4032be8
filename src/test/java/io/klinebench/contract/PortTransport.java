package io.klinebench.contract;

import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.Init;
import io.klinebench.line.BytePipe;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.serial.BaudWatch;
import io.klinebench.serial.PortChannel;
import io.klinebench.serial.SerialPipe;
import io.klinebench.sim.PortSettings;
import io.klinebench.sim.PortSimulator;
import io.klinebench.sim.PortTester;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.SystemClock;
import io.klinebench.time.Uncertainty;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * A real-time transport: the simulator ({@link PortSimulator}) on one port channel, on a
 * {@link SystemClock} of its own, and a {@link PortTester} on another, on its own clock, both
 * in this JVM (their clocks read the same {@code System.nanoTime()}). A pty pair and a real
 * port differ only in the channels, the {@link PortSettings}, and whether the tester hears
 * its own bytes.
 */
final class PortTransport implements Transport {

    /** How long a wait for the module may last before it fails (a hang, not a timing verdict). */
    static final long BOUND = 20 * Durations.S;

    private final String description;
    private final DiagnosticProfile diag;
    private final PortSettings settings;
    private final Callable<PortChannel> testerChannel;
    private final boolean testerHearsOwnBytes;
    private final Support fiveBaud;
    private final SystemClock simClock = new SystemClock("contract-sim");
    private final SystemClock testerClock = new SystemClock("contract-tester");
    private final Recorded<Event> events = new Recorded<>();
    private final Recorded<TraceEntry> trace = new Recorded<>();
    private final PortSimulator sim;
    private final AutoCloseable after;
    private PortEnd end;

    /**
     * @param simChannel          the module's port (not yet open)
     * @param testerChannel       opens a new channel on the tester's port for each tester
     * @param testerHearsOwnBytes whether what the tester writes comes back to it (the sim's echo, a K wire)
     * @param baudWatch           the tester's baud switches, where the sim owns a pty master; else null
     * @param after               closed after the simulator (the pty pair), or null
     */
    PortTransport(
            String description,
            String profile,
            PortChannel simChannel,
            Callable<PortChannel> testerChannel,
            PortSettings settings,
            boolean testerHearsOwnBytes,
            BaudWatch baudWatch,
            Support fiveBaud,
            AutoCloseable after)
            throws Exception {
        this.after = after;
        this.description = description;
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        this.diag = catalog.loadDiagnostics(profile);
        this.settings = settings;
        this.testerChannel = testerChannel;
        this.testerHearsOwnBytes = testerHearsOwnBytes;
        this.fiveBaud = fiveBaud;
        PortSimulator s = null;
        try {
            s = PortSimulator.start(
                    catalog.load(profile),
                    diag,
                    PortSimulator.defaultCar(),
                    simClock,
                    simChannel,
                    settings,
                    trace,
                    baudWatch);
            s.onEvent(events);
        } catch (Exception | Error e) {
            if (s != null) {
                s.close();
            }
            simClock.close();
            testerClock.close();
            closeAfter();
            throw e;
        }
        this.sim = s;
    }

    @Override
    public String describe() {
        return description + " (" + settings.line().uncertainty() + ", module echo "
                + (settings.echoBack() ? "on" : "off") + ", tester hears its own bytes: " + testerHearsOwnBytes + ")";
    }

    @Override
    public DiagnosticProfile diagnostics() {
        return diag;
    }

    @Override
    public Uncertainty uncertainty() {
        return settings.line().uncertainty();
    }

    @Override
    public Support fiveBaudInit() {
        return fiveBaud;
    }

    @Override
    public End tester(int address) throws Exception {
        closeEnd();
        end = new PortEnd(new PortTester(testerClock, testerChannel.call(), diag, address, testerHearsOwnBytes));
        return end;
    }

    @Override
    public Raw writeRaw(byte[] bytes, int expect) throws Exception {
        closeEnd();
        Recorded<Stamped> written = new Recorded<>();
        Recorded<Stamped> read = new Recorded<>();
        SerialPipe pipe = new SerialPipe(testerClock, testerChannel.call(), false);
        pipe.onArrival(a -> {
            if (a instanceof BytePipe.Arrival.Bytes b) {
                for (byte v : b.values()) {
                    read.accept(new Stamped(b.at(), v & 0xFF));
                }
            }
        });
        pipe.start();
        try {
            long gap = diag.protocol().realLineInterByte();
            long start = testerClock.nanos();
            for (int i = 0; i < bytes.length; i++) {
                int v = bytes[i] & 0xFF;
                testerClock.schedule(start + i * gap, () -> {
                    try {
                        pipe.write(v);
                        written.accept(new Stamped(testerClock.nanos(), v));
                    } catch (IOException e) {
                        written.accept(new Stamped(testerClock.nanos(), -1)); // shows as "not written"
                    }
                });
            }
            read.await(x -> read.all().size() >= expect, BOUND);
            written.await(x -> written.all().size() >= bytes.length, BOUND);
            return new Raw(written.all(), read.all());
        } finally {
            pipe.close();
        }
    }

    @Override
    public void idle(long nanos) throws InterruptedException {
        Thread.sleep(nanos / Durations.MS + 1);
    }

    @Override
    public boolean moduleMakesTheEcho() {
        return settings.echoBack();
    }

    @Override
    public List<Event> perform(String words) {
        return sim.perform(words);
    }

    @Override
    public List<Event> simEvents() {
        return events.all();
    }

    @Override
    public <T extends Event> T awaitSimEvent(Class<T> type, Predicate<T> which, long withinNanos) {
        Event e = events.await(x -> type.isInstance(x) && which.test(type.cast(x)), withinNanos);
        return e == null ? null : type.cast(e);
    }

    @Override
    public List<TraceEntry> simTrace() {
        return trace.all();
    }

    @Override
    public CpuStops machineStops() {
        return sim.machineStops();
    }

    @Override
    public void close() {
        closeEnd();
        sim.close();
        simClock.close();
        testerClock.close();
        closeAfter();
    }

    private void closeAfter() {
        if (after != null) {
            try {
                after.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + description, e);
            }
        }
    }

    private void closeEnd() {
        if (end != null) {
            end.close();
            end = null;
        }
    }

    private static final class PortEnd implements End {
        private final PortTester tester;
        private boolean closed;

        PortEnd(PortTester tester) {
            this.tester = tester;
        }

        @Override
        public PortTester.Exchange init(Init init) {
            return tester.init(init);
        }

        @Override
        public PortTester.Exchange request(byte[] data) {
            return tester.request(data);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                tester.close();
            }
        }
    }
}
