package io.klinebench.sim;

import io.klinebench.kline.EcuLink;
import io.klinebench.kline.PortEndpoint;
import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.replay.ReplayApplication;
import io.klinebench.replay.ReplayOptions;
import io.klinebench.replay.ReplayScript;
import io.klinebench.serial.BaudWatch;
import io.klinebench.serial.PortChannel;
import io.klinebench.serial.SerialPipe;
import io.klinebench.serial.ThreadPriority;
import io.klinebench.time.Event;
import io.klinebench.time.SystemClock;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A replay module on a port, in real time: the profile's own link layer (inits, framing, echo,
 * timing) on a {@link PortEndpoint}, as the simulator has it, with a {@link ReplayApplication}
 * where the simulator has the car's services. No car, no state, no actions: it answers what
 * the recording answered.
 */
public final class PortReplay implements PortModule, AutoCloseable {

    private final SystemClock clock;
    private final SerialPipe pipe;
    private final ThreadPriority.Outcome priority;
    private final EcuLink link;
    /** The machine's stops, which widen the link's gaps as the simulator's. */
    private final MachineWatch watch;

    private PortReplay(
            SystemClock clock, SerialPipe pipe, EcuLink link, MachineWatch watch, ThreadPriority.Outcome priority) {
        this.clock = clock;
        this.pipe = pipe;
        this.priority = priority;
        this.link = link;
        this.watch = watch;
    }

    @Override
    public <T> T onLoop(Supplier<T> task) {
        return PortSimulator.call(clock, task);
    }

    /**
     * Builds the link and its replay on the clock's loop and opens the port.
     *
     * @param trace     every byte, wake-up and 5-baud byte on the line, on the clock's thread
     * @param baudWatch when not null (a pty whose master we own), the tester's baud switches
     * @param events    the link's and the replay's events, and each stop of the machine seen
     *                  ({@link SimEvent.MachineStopped}), on the clock's thread: be quick
     */
    public static PortReplay start(
            DiagnosticProfile diagnostics,
            ReplayScript script,
            ReplayOptions options,
            SystemClock clock,
            PortChannel channel,
            PortSettings settings,
            Consumer<TraceEntry> trace,
            BaudWatch baudWatch,
            Consumer<Event> events)
            throws IOException {
        SerialPipe pipe = new SerialPipe(clock, channel, settings.echoBack());
        if (baudWatch != null) {
            pipe.watchBaud(baudWatch);
        }
        // its timing threads raised as the simulator's are: its answers are timed and its stamps judged alike
        ThreadPriority.Outcome priority = TimingThreads.raiseIfAsked(settings, clock, pipe);
        PortEndpoint line = new PortEndpoint(clock, pipe, Direction.ECU);
        line.onTrace(trace);
        // a replay on a real line frames as the simulator's link does: the gaps the machine's stops held widened
        MachineWatch watch = MachineWatch.start(clock, settings, pipe);
        watch.tellStops(events);
        EcuLink link = PortSimulator.call(
                clock,
                () -> diagnostics
                        .protocol()
                        .ecuLink(
                                clock,
                                line,
                                watch.conditions(),
                                diagnostics.ecuAddress(),
                                new ReplayApplication(script, diagnostics.protocol(), options, events::accept),
                                events::accept));
        pipe.start();
        return new PortReplay(clock, pipe, link, watch, priority);
    }

    /** Whether the clock's loop and the reader run raised ({@link ThreadPriority}), or why not. */
    public ThreadPriority.Outcome priority() {
        return priority;
    }

    /** Whether the machine's stops are watched, and how, or why not: for a banner. */
    public String machineWatch() {
        return watch.said();
    }

    /** The link layer (its fault plan can be armed like the simulator's). */
    public EcuLink link() {
        return link;
    }

    public String portName() {
        return pipe.name();
    }

    @Override
    public void close() {
        pipe.close();
        watch.close();
    }
}
