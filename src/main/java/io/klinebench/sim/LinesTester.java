package io.klinebench.sim;

import io.klinebench.kline.Ds2Tester;
import io.klinebench.kline.KwpStarTester;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.ModuleSearch;
import io.klinebench.kline.PortEndpoint;
import io.klinebench.kline.Tester;
import io.klinebench.line.Bytes;
import io.klinebench.line.Direction;
import io.klinebench.protocol.CarLines;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.serial.CpuStopWatch;
import io.klinebench.serial.PortChannel;
import io.klinebench.serial.PortPresence;
import io.klinebench.serial.SerialPipe;
import io.klinebench.serial.ThreadPriority;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.SystemClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A tester on a port for a car with two K-lines (the R50/R53, {@code diagnostics.lines}), in
 * real time, as BMW's testers talk to such a car through a K+DCAN cable: a module search over
 * the addresses of the profile's search list ({@link ModuleSearch}), and a request to one module
 * by name in its own protocol (DS2 or KWP2000*). What the cable's switch lets it hear is the
 * car's business: a module it does not reach does not answer.
 *
 * <p>Answers are stamped as they arrive: a module counts as absent only when its answer has
 * not begun within the response timeout plus the larger stated uncertainty ({@link
 * PortSettings#CABLE}), as the tester cannot know which transport it is on.
 */
public final class LinesTester implements AutoCloseable {

    /** Beyond the last probe's timeout, how long the search is waited for before it is given up. */
    private static final long SLACK = 1 * Durations.S;

    /**
     * What one request to a module by name got.
     *
     * @param heard   what else the tester's link layer reported while it waited
     * @param repeats why the request was sent once more (empty: sent once)
     */
    public record Answer(
            String module,
            int address,
            Optional<Bytes> data,
            long waitedNanos,
            List<String> heard,
            List<String> repeats) {
        public Answer {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(data, "data");
            heard = List.copyOf(heard);
            repeats = List.copyOf(repeats);
        }

        /** Sent once. */
        public Answer(String module, int address, Optional<Bytes> data, long waitedNanos, List<String> heard) {
            this(module, address, data, waitedNanos, heard, List.of());
        }
    }

    /** A module search's probes, in the order asked, and whatever else the tester heard meanwhile. */
    public record Search(List<LinkEvent.ModuleProbed> probes, List<String> heard) {
        public Search {
            probes = List.copyOf(probes);
            heard = List.copyOf(heard);
        }

        /** The modules that answered, "BC1 00", in the order asked. */
        public List<String> found() {
            return probes.stream()
                    .filter(LinkEvent.ModuleProbed::answered)
                    .map(p -> p.module() + " " + p.address())
                    .toList();
        }
    }

    private final SystemClock clock;
    private final SerialPipe pipe;
    private final PortEndpoint line;
    private final CarLines lines;
    /** The machine's stops while the line is busy: a gap one held is widened by it, as at the simulator. */
    private final CpuStopWatch watch;

    private final LineConditions conditions;
    private final RecentTrace recent = new RecentTrace(64);
    /** The tester's link events, and the port's going ({@link SimEvent.PortGone}), which ends any wait. */
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    /** Set on the clock's loop when the port vanished: nothing more is sent. */
    private volatile SimEvent.PortGone gone;
    /** Whether the clock's loop and the reader were raised, or why not. */
    private final ThreadPriority.Outcome priority;

    /**
     * Opens {@code channel} as the tester's end of {@code profile}'s lines.
     *
     * @param hearsOwnBytes whether the line brings our own bytes back (a K-line cable and {@code sim --virtual} do)
     * @throws IllegalArgumentException when the profile has one line (no {@code diagnostics.lines})
     */
    public LinesTester(SystemClock clock, PortChannel channel, DiagnosticProfile profile, boolean hearsOwnBytes)
            throws IOException {
        this.clock = clock;
        this.lines = linesOf(profile);
        // as PortTester: a vanished port ends the search or the requests, said as such
        this.pipe = new SerialPipe(clock, channel, false).endWhenGone(() -> {
            SimEvent.PortGone g = new SimEvent.PortGone(clock.nanos(), channel.name(), PortPresence.Gone.USUALLY);
            gone = g;
            events.add(g);
        });
        // raised as a single line's tester is (PortTester): where refused, the timing is less exact
        this.priority = TimingThreads.raise(clock, pipe);
        this.line = new PortEndpoint(clock, pipe, Direction.TESTER).hearsOwnBytes(hearsOwnBytes);
        // as PortTester: the modules' answers judged within a cable's uncertainty, and a gap a
        // stop of this machine held widened by the stop (a module's answer held 99 ms by a
        // stopped CPU was dropped as broken without it)
        this.watch = CpuStopWatch.start(clock);
        pipe.keepAwake(watch);
        this.conditions = LineConditions.real(hearsOwnBytes, PortSettings.CABLE).watched(watch);
        line.onTrace(recent);
        Warmup.linesTester(profile);
        pipe.start();
    }

    /**
     * {@code profile}'s lines; a caller asks before it opens a port, so that a profile without
     * them is said as such and not as a port's trouble.
     *
     * @throws IllegalArgumentException when the profile has one line (no {@code diagnostics.lines})
     */
    public static CarLines linesOf(DiagnosticProfile profile) {
        if (profile.lines().isEmpty()) {
            throw new IllegalArgumentException("this profile's car has one K-line (no diagnostics.lines): no module"
                    + " search or module by name; talk to its module with --protocol");
        }
        return profile.lines();
    }

    /**
     * Asks every address of the profile's search list in turn; returns when the last has answered or timed out.
     *
     * @throws PortLost when the port is gone, or goes during the search
     */
    public Search search() {
        requirePort();
        events.clear();
        List<ModuleSearch.Probe> probes = lines.search();
        PortSimulator.call(clock, () -> {
            new ModuleSearch(clock, line, conditions, lines.timing(), probes, events::add)
                    .interByte(lines.timing().ecuInterByte())
                    .start();
            return null;
        });
        long each = lines.timing().responseTimeout()
                + conditions.tolerance()
                + lines.timing().minRequestGap()
                + 50 * Durations.MS; // the request's own bytes, at 9600 baud and the tester's gap
        long deadline = clock.nanos() + 2 * probes.size() * each + SLACK; // each may be asked twice
        List<LinkEvent.ModuleProbed> said = new ArrayList<>();
        List<String> heard = new ArrayList<>();
        while (said.size() < probes.size()) {
            Event e = poll(deadline);
            if (e == null) {
                heard.add("the search did not finish in time; this end's line, lately: " + recent.lines());
                break;
            }
            if (e instanceof LinkEvent.ModuleProbed p) {
                said.add(p);
            } else if (!(e instanceof LinkEvent.FrameSent)) {
                heard.add(e.toString());
            }
        }
        return new Search(said, heard);
    }

    /**
     * Sends {@code data} to the module called {@code name} in its protocol and waits for its
     * answer: the response timeout plus the stated uncertainty after the request's end. When the
     * module's answer reached us broken, the request is sent once more, as ISO 14230-2 lets a
     * tester do, and what was heard says so.
     *
     * @throws IllegalArgumentException for a name no module of the lines has (saying which there are)
     * @throws PortLost when the port is gone, or goes while the request waits for its answer
     */
    public Answer sendTo(String name, byte[] data) {
        CarLines.LineModule m = module(name);
        Attempt first = attempt(m, data);
        if (first.answer().data().isPresent() || first.broken() == null) {
            return first.answer();
        }
        // The module answered, so it took the request; what reached us was not a frame (on a
        // busy machine, a byte held beyond the inter-byte limit, the line's uncertainty and
        // the stops this end saw).
        Answer again = attempt(m, data).answer();
        List<String> heard = new ArrayList<>(first.answer().heard());
        heard.addAll(again.heard());
        String repeat = "its answer reached us broken (" + first.broken().reason() + ": "
                + first.broken().hex() + "); sent again";
        return new Answer(again.module(), again.address(), again.data(), again.waitedNanos(), heard, List.of(repeat));
    }

    /** One sending of a request to a module, and the first frame our link layer dropped after it (null: none). */
    private record Attempt(Answer answer, LinkEvent.FrameDropped broken) {}

    private Attempt attempt(CarLines.LineModule m, byte[] data) {
        requirePort();
        events.clear();
        PortSimulator.call(clock, () -> {
            Tester t = m.protocol() == ModuleSearch.Kind.DS2
                    ? new Ds2Tester(clock, line, conditions, m.address(), m.timing(), events::add)
                    : new KwpStarTester(
                            clock, line, conditions, m.address(), ModuleSearch.TESTER_ADDRESS, m.timing(), events::add);
            t.setInterByte(m.timing().ecuInterByte());
            t.send(data);
            return null;
        });
        long sentAt = clock.nanos();
        long deadline = sentAt + 50 * Durations.MS + m.timing().responseTimeout() + SLACK;
        long extendedBy = 0;
        List<String> heard = new ArrayList<>();
        boolean sent = false;
        LinkEvent.FrameDropped broken = null;
        while (true) {
            Event e = poll(deadline);
            if (e == null) {
                // as PortTester: the machine's stops since the request held the answer as long
                long stopped = Math.min(watch.widening(sentAt, clock.nanos(), 0), CpuStops.MOST_WAITED);
                if (stopped > extendedBy) {
                    deadline += stopped - extendedBy;
                    extendedBy = stopped;
                    continue;
                }
                heard.add("this end's line, lately: " + recent.lines());
                return new Attempt(new Answer(m.name(), m.address(), Optional.empty(), 0, heard), broken);
            }
            if (e instanceof LinkEvent.FrameSent s && s.from() == Direction.TESTER) {
                sent = true;
                long end = s.at() + m.timing().responseTimeout() + conditions.tolerance();
                deadline = Math.min(deadline, end);
            } else if (e instanceof LinkEvent.TesterReceived r) {
                return new Attempt(
                        new Answer(m.name(), m.address(), Optional.of(r.data()), r.waitedNanos(), heard), broken);
            } else if (!(e instanceof LinkEvent.FrameSent)) {
                if (e instanceof LinkEvent.FrameDropped d && d.by() == Direction.TESTER && sent && broken == null) {
                    broken = d;
                }
                heard.add(e.toString());
            }
        }
    }

    private CarLines.LineModule module(String name) {
        return lines.module(name);
    }

    /** The next event before {@code deadline}, or null; throws when the port went meanwhile. */
    private Event poll(long deadline) {
        requirePort(); // also when its going was cleared from the queue with what came before
        long left = deadline - clock.nanos();
        if (left <= 0) {
            return null;
        }
        Event e;
        try {
            e = events.poll(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (e instanceof SimEvent.PortGone g) {
            throw new PortLost(g);
        }
        return e;
    }

    /** Throws when the port is gone: nothing sent now would reach anyone. */
    private void requirePort() {
        SimEvent.PortGone g = gone;
        if (g != null) {
            throw new PortLost(g);
        }
    }

    /** Whether this end's timing threads (the clock's loop, the reader) were raised, or why not. */
    public ThreadPriority.Outcome priority() {
        return priority;
    }

    /** Stops the reader and closes the port. */
    @Override
    public void close() {
        pipe.close();
        watch.close();
    }
}
