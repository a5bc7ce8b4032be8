package io.klinebench.sim;

import io.klinebench.bench.Action;
import io.klinebench.bench.ActionParser;
import io.klinebench.bench.CarSetup;
import io.klinebench.bench.DiagnosticSocket;
import io.klinebench.bench.KeySpec;
import io.klinebench.bench.Rig;
import io.klinebench.car.Profile;
import io.klinebench.config.ConfigException;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.PortEndpoint;
import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.serial.BaudWatch;
import io.klinebench.serial.PortChannel;
import io.klinebench.serial.SerialPipe;
import io.klinebench.serial.ThreadPriority;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Event;
import io.klinebench.time.SystemClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The simulated module on a port, in real time: a {@link Rig} whose K-line link layer is on a
 * {@link PortEndpoint} over a {@link SerialPipe}. Everything of the model runs on the clock's loop; {@link #perform} hands
 * physical actions to it from any thread.
 *
 * <p>Hook for the control port and the state file (built separately): {@link #perform} and
 * {@link #onLoop} are the two ways in; {@link #onEvent} the way out, for whoever shows what the
 * module does.
 */
public final class PortSimulator implements PortModule, AutoCloseable {

    /** The default car: key A with its remote in slot 0, authorised. */
    public static final int DEFAULT_REMOTE_SERIAL = 0x0A5A5A5;

    private final SystemClock clock;
    private final SerialPipe pipe;
    private final Rig rig;
    private final ThreadPriority.Outcome priority;
    /** The machine's stops while the line is busy (none on a line with exact times). */
    private final MachineWatch watch;
    /** Loop only: who hears every event. */
    private final List<Consumer<Event>> listeners = new ArrayList<>();
    /** Loop only: the events of the action being performed, while one is. */
    private List<Event> performing;

    private PortSimulator(
            SystemClock clock, SerialPipe pipe, Rig rig, ThreadPriority.Outcome priority, MachineWatch watch) {
        this.clock = clock;
        this.pipe = pipe;
        this.rig = rig;
        this.priority = priority;
        this.watch = watch;
    }

    /** Whether the machine's stops are watched, and how, or why not: for a banner. */
    public String machineWatch() {
        return watch.said();
    }

    /**
     * The machine's stops seen while the line was busy (the last minute of them), as the link
     * widened its gaps by them; nothing on a line with exact times. A trace a test keeps in
     * memory is judged with these, as {@code validate} judges a file with its {@code # cpu-stop:}
     * lines.
     */
    public CpuStops machineStops() {
        return watch.stops();
    }

    /** Whether the timing threads run raised, or why not. */
    public ThreadPriority.Outcome priority() {
        return priority;
    }

    public static CarSetup defaultCar() {
        return CarSetup.of(KeySpec.remoteKey("A", DEFAULT_REMOTE_SERIAL, 0));
    }

    /**
     * Raises the timing threads when the settings ask ({@link TimingThreads}: the clock's loop and
     * the reader; a process of its own raises the JVM's pause work too), builds the car on the
     * clock's loop, and opens the port.
     *
     * @param trace      every byte, wake-up and 5-baud byte on the line, on the clock's thread
     * @param baudWatch  when not null (a pty whose master we own), the tester's baud switches
     */
    public static PortSimulator start(
            Profile profile,
            DiagnosticProfile diagnostics,
            CarSetup setup,
            SystemClock clock,
            PortChannel channel,
            PortSettings settings,
            Consumer<TraceEntry> trace,
            BaudWatch baudWatch)
            throws IOException {
        SerialPipe pipe = new SerialPipe(clock, channel, settings.echoBack());
        if (baudWatch != null) {
            pipe.watchBaud(baudWatch);
        }
        ThreadPriority.Outcome priority = TimingThreads.raiseIfAsked(settings, clock, pipe);
        Warmup.simulator(profile, diagnostics);
        PortEndpoint line = new PortEndpoint(clock, pipe, Direction.ECU);
        MachineWatch watch = MachineWatch.start(clock, settings, pipe);
        LineConditions conditions = watch.conditions();
        line.onTrace(trace);
        PortSimulator sim = call(clock, () -> {
            PortSimulator s = new PortSimulator(
                    clock, pipe, new Rig(profile, diagnostics, setup, clock, line, conditions), priority, watch);
            watch.tellStops(s::tell);
            s.rig.timeline().onRecord(s::tell);
            pipe.onPresence(p -> s.tell(SimEvent.of(p)));
            s.rig.diagnostics().ifPresent(d -> {
                if (settings.echoBack()) {
                    pipe.shapeEcho(d.faults().echoes()); // we make the tester's echo: echo faults are made here
                } else {
                    d.faults().echoIsNotOurs("the cable echoes the tester's bytes, not the simulator (echo off)");
                }
            });
            return s;
        });
        pipe.start();
        return sim;
    }

    /**
     * Parses and performs one action (sequence-step words) on the loop and returns the events it
     * caused there and then (the car's refusal among them, when it refuses); throws
     * IllegalArgumentException saying why the words are not an action, or not one for this car
     * (a key or door it does not have), or not one in real time ({@code wait}); then nothing is
     * performed and listeners hear nothing. Listeners hear a {@link SimEvent.ActionPerformed}
     * first.
     */
    public List<Event> perform(String words) {
        Action action = ActionParser.parse(words);
        if (action instanceof Action.Wait) {
            // A sequence's 'wait' labels a point in virtual time. Here time passes by itself, and
            // waiting for it would hold up every other console and control client (they are served
            // one action at a time) while changing nothing in the car.
            throw new IllegalArgumentException("'wait' is for sequences: the sim runs in real time, where time passes"
                    + " by itself; send the next action when it is due");
        }
        return onLoop(() -> {
            rig.check(action);
            List<Event> caused = new ArrayList<>();
            for (Consumer<Event> l : listeners) {
                l.accept(new SimEvent.ActionPerformed(clock.nanos(), action.text()));
            }
            performing = caused;
            try {
                rig.perform(action);
            } finally {
                performing = null;
            }
            return caused;
        });
    }

    /**
     * Tells {@code listener}, on the clock's thread, of every event the module and its remotes
     * record (the rig's timeline) and of each action performed: first those recorded so far, then
     * each as it happens. A listener must be quick: answer bytes are timed on that thread.
     */
    public void onEvent(Consumer<Event> listener) {
        runOnLoop(() -> {
            rig.timeline().events().forEach(listener);
            listeners.add(listener);
        });
    }

    private void tell(Event e) {
        if (performing != null) {
            performing.add(e);
        }
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).accept(e);
        }
    }

    @Override
    public <T> T onLoop(Supplier<T> task) {
        return call(clock, task);
    }

    /** A task on the loop that may throw a checked configuration error. */
    public <T> T onLoopChecked(ConfigTask<T> task) throws ConfigException {
        Object result = onLoop(() -> {
            try {
                return task.run();
            } catch (ConfigException e) {
                return e;
            }
        });
        if (result instanceof ConfigException e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T t = (T) result;
        return t;
    }

    /** Work for the loop that may fail on bad configuration. */
    @FunctionalInterface
    public interface ConfigTask<T> {
        T run() throws ConfigException;
    }

    public Rig rig() {
        return rig;
    }

    /**
     * A car with two K-lines (the R50/R53): what the tester on the port hears as the cable's switch
     * is now ("pins 7 and 8 bridged: BC1 00, KOMBI 80, ..."); empty for a car of one line, where
     * the profile's module is alone on the port.
     */
    public Optional<String> cableHears() {
        return onLoop(() -> rig.diagnostics().flatMap(DiagnosticSocket::cableHears));
    }

    public String portName() {
        return pipe.name();
    }

    /** The tester's baud switches, when the simulator owns a pty master. */
    public Optional<BaudWatch> baudWatch() {
        return pipe.baudWatch();
    }

    @Override
    public void close() {
        pipe.close();
        watch.close();
    }

    static <T> T call(SystemClock clock, Supplier<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        clock.schedule(clock.nanos(), () -> {
            try {
                f.complete(task.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the clock's loop did not answer within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
