package io.klinebench.sim;

import io.klinebench.bench.CarSetup;
import io.klinebench.car.Profile;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.serial.BaudWatch;
import io.klinebench.serial.PtyPair;
import io.klinebench.serial.PtyWorkers;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Event;
import io.klinebench.time.SystemClock;
import io.klinebench.time.Uncertainty;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The simulated car in real time on a virtual serial pair (a pty), as {@code kline-bench sim}
 * runs it without {@code --port}: a tester under test opens {@link #port()} as it would open the
 * interface cable's port. For users' own tests (the JUnit extension injects one); it owns its
 * clock, its pty and its simulator, and {@link #close()} stops all three.
 */
public final class VirtualCar implements AutoCloseable {

    private final SystemClock clock;
    private final PtyPair pty;
    private final PortSimulator sim;
    private final DiagnosticProfile diagnostics;
    /** The kernel's serial-line workers: raised while the car runs when asked, else left as they are. */
    private final PtyWorkers workers;
    /** Appended on the clock's thread, byte by byte; read from the test's. */
    private final List<TraceEntry> trace;
    /** The clock's nanoseconds when the car started: the origin a report counts from. */
    private final long startedAt;

    /**
     * How the car's timing runs in the test's JVM. A library call leaves the machine as it is
     * unless asked: raising is the whole machine's business (the kernel's workers serve every
     * process), so a test asks for it knowingly.
     */
    public enum Priority {
        /** The car's threads at the process's priority, the kernel's serial-line workers as they are. */
        AS_THE_PROCESS,
        /**
         * As {@code kline-bench sim} runs: the car's timing threads (its clock's loop, the pty's
         * reader) real-time where permitted, else at nice -20, and the kernel's serial-line workers
         * ({@link PtyWorkers}) at nice -20 until
         * {@link #close()}. Needs Linux and root or CAP_SYS_NICE; where refused, the car runs as
         * {@link #AS_THE_PROCESS} and {@link #timing()} says why.
         */
        RAISED
    }

    private VirtualCar(
            SystemClock clock,
            PtyPair pty,
            PortSimulator sim,
            DiagnosticProfile diagnostics,
            PtyWorkers workers,
            List<TraceEntry> trace) {
        this.clock = clock;
        this.pty = pty;
        this.sim = sim;
        this.diagnostics = diagnostics;
        this.workers = workers;
        this.trace = trace;
        this.startedAt = clock.nanos();
    }

    /**
     * Starts the car on a new pty pair, echoing every byte it receives as a K-line does (a
     * virtual pair has no line to do it), at the process's normal priority.
     *
     * @throws IOException when no pty can be opened (the message says why)
     */
    public static VirtualCar start(Profile profile, DiagnosticProfile diagnostics, CarSetup setup) throws IOException {
        return start(profile, diagnostics, setup, Priority.AS_THE_PROCESS);
    }

    /**
     * As {@link #start(Profile, DiagnosticProfile, CarSetup)}, with the car's timing at {@code
     * priority}.
     *
     * @throws IOException when no pty can be opened (the message says why)
     */
    public static VirtualCar start(Profile profile, DiagnosticProfile diagnostics, CarSetup setup, Priority priority)
            throws IOException {
        boolean raise = priority == Priority.RAISED;
        SystemClock clock = new SystemClock("virtual-car");
        PtyPair pty = null;
        try {
            pty = PtyPair.open(null);
            List<TraceEntry> trace = Collections.synchronizedList(new ArrayList<>());
            PortSimulator sim = PortSimulator.start(
                    profile,
                    diagnostics,
                    setup,
                    clock,
                    pty.master(),
                    PortSettings.virtualPair().raisePriority(raise),
                    trace::add,
                    BaudWatch.of(pty));
            // not asked: the sim's threads were refused with "not asked", and the workers follow them
            return new VirtualCar(clock, pty, sim, diagnostics, PtyWorkers.beside(sim.priority()), trace);
        } catch (IOException | RuntimeException e) {
            if (pty != null) {
                pty.close();
            }
            clock.close();
            throw e;
        }
    }

    /** The path a tester opens ("/dev/pts/7"). */
    public String port() {
        return pty.slavePath();
    }

    /** The baud rate the car's K-line speaks (and a tester should set). */
    public int baud() {
        return diagnostics.baud();
    }

    public DiagnosticProfile diagnostics() {
        return diagnostics;
    }

    /** Performs an action in sequence words ("console unlock", "ignition 2"); returns the events it caused. */
    public List<Event> perform(String words) {
        return sim.perform(words);
    }

    /** Everything recorded so far (the latest events, as a long-running sim keeps them), in time order. */
    public List<Event> events() {
        return sim.onLoop(() -> List.copyOf(sim.rig().timeline().events()));
    }

    /** The recorded events of one type. */
    public <T extends Event> List<T> events(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Every byte on the line so far, with its sender and time stamp (the clock's nanoseconds). */
    public List<TraceEntry> trace() {
        synchronized (trace) {
            return List.copyOf(trace);
        }
    }

    /**
     * The machine's stops the car's link saw (the last minute of them), in the trace's times: a
     * gap they held was widened by them, so judge or replay {@link #trace()} with them, as a
     * trace file carries them in its {@code # cpu-stop:} lines.
     */
    public CpuStops machineStops() {
        return sim.machineStops();
    }

    /** The clock's nanoseconds when the car started: subtract it from a stamp for the time since. */
    public long startedAt() {
        return startedAt;
    }

    /**
     * How late the trace's stamps may be: a pty hands bytes on through a kernel thread of normal
     * priority ({@link PortSettings#PTY}); judge the trace with it.
     */
    public Uncertainty stamps() {
        return PortSettings.PTY;
    }

    /**
     * How the car's timing runs, as {@code sim}'s banner says it: its timing threads, then the
     * kernel's serial-line workers ("timing threads running real-time (SCHED_FIFO, priority 1); the
     * kernel's serial-line workers (kworker/u*) at nice -20 while it runs", at nice -20 and why not
     * real-time, or at normal priority and why).
     */
    public String timing() {
        return "timing threads " + sim.priority().said() + "; " + workers.said();
    }

    /** The clock's nanoseconds now (the time stamps of events and trace). */
    public long now() {
        return clock.nanos();
    }

    @Override
    public void close() {
        sim.close();
        pty.close();
        clock.close();
        workers.close(); // put back as they were: they are the whole machine's
    }
}
