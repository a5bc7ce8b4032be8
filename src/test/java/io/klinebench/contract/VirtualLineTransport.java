package io.klinebench.contract;

import io.klinebench.bench.ActionParser;
import io.klinebench.bench.Rig;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.Init;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.Tester;
import io.klinebench.kline.TesterRequest;
import io.klinebench.line.Bytes;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.LineEvent;
import io.klinebench.line.TraceEntry;
import io.klinebench.line.VirtualLine;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.protocol.DiagnosticProtocol;
import io.klinebench.protocol.InitProcedure;
import io.klinebench.sim.PortSimulator;
import io.klinebench.sim.PortTester;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.Uncertainty;
import io.klinebench.time.VirtualClock;
import io.klinebench.trace.TraceFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The bench's in-memory K-line in virtual time: the module's link layer on one end of a
 * {@link VirtualLine} with echo (as the bench wires it, {@link Rig} with the line's ECU end),
 * the protocol's tester on the other, one {@link VirtualClock} for both. Every instant is exact;
 * a wait runs the clock to the next thing due, so nothing here takes real time.
 */
final class VirtualLineTransport implements Transport {

    private final VirtualClock clock = new VirtualClock();
    private final VirtualLine line = new VirtualLine(clock, true);
    private final DiagnosticProfile diag;
    private final DiagnosticProtocol protocol;
    private final Rig rig;
    private VirtualEnd end;

    VirtualLineTransport(String profile) throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        diag = catalog.loadDiagnostics(profile);
        protocol = diag.protocol();
        rig = new Rig(
                catalog.load(profile), diag, PortSimulator.defaultCar(), clock, line.ecu(), LineConditions.bench());
        // as the bench wires its own line: the echo the tester hears is made here, echo faults too
        rig.diagnostics().ifPresent(d -> line.shapeTesterEcho(d.faults().echoes()));
    }

    @Override
    public String describe() {
        return "the bench's virtual line (echo on, virtual time)";
    }

    @Override
    public DiagnosticProfile diagnostics() {
        return diag;
    }

    @Override
    public Uncertainty uncertainty() {
        return Uncertainty.NONE;
    }

    @Override
    public Support fiveBaudInit() {
        return Support.yes(); // the line carries a 5-baud byte as such (LineEvent.SlowByte)
    }

    @Override
    public End tester(int address) {
        closeEnd();
        end = new VirtualEnd(address);
        return end;
    }

    @Override
    public Raw writeRaw(byte[] bytes, int expect) {
        closeEnd();
        List<Stamped> written = new ArrayList<>();
        List<Stamped> read = new ArrayList<>();
        line.tester().onReceive(e -> {
            if (e instanceof LineEvent.Byte b) {
                read.add(new Stamped(b.at(), b.value()));
            }
        });
        long gap = protocol.realLineInterByte();
        long start = clock.nanos();
        for (int i = 0; i < bytes.length; i++) {
            int v = bytes[i] & 0xFF;
            clock.schedule(start + i * gap, () -> {
                written.add(new Stamped(clock.nanos(), v));
                line.tester().send(v);
            });
        }
        runUntil(() -> read.size() >= expect, start + bytes.length * gap + Durations.S);
        line.tester().onReceive(e -> {});
        return new Raw(written, read);
    }

    @Override
    public void idle(long nanos) {
        long until = clock.nanos() + nanos;
        runUntil(() -> false, until);
    }

    @Override
    public boolean moduleMakesTheEcho() {
        return true;
    }

    @Override
    public List<Event> perform(String words) {
        int before = rig.timeline().events().size();
        rig.perform(ActionParser.parse(words));
        List<Event> all = rig.timeline().events();
        return List.copyOf(all.subList(before, all.size()));
    }

    @Override
    public List<Event> simEvents() {
        return List.copyOf(rig.timeline().events());
    }

    @Override
    public <T extends Event> T awaitSimEvent(Class<T> type, Predicate<T> which, long withinNanos) {
        runUntil(() -> !Transport.of(rig.timeline().events(), type, which).isEmpty(), clock.nanos() + withinNanos);
        List<T> found = Transport.of(rig.timeline().events(), type, which);
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public List<TraceEntry> simTrace() {
        return List.copyOf(line.trace());
    }

    @Override
    public void close() {
        closeEnd();
    }

    private void closeEnd() {
        if (end != null) {
            end.close();
            end = null;
        }
    }

    /** Runs the clock, task by task, until {@code done} or {@code deadline}; true when done. */
    private boolean runUntil(BooleanSupplier done, long deadline) {
        while (!done.getAsBoolean()) {
            long next = clock.nextDueNanos();
            if (next > deadline) {
                clock.advanceTo(Math.max(deadline, clock.nanos()));
                return done.getAsBoolean();
            }
            clock.advanceTo(next);
        }
        return true;
    }

    /** The protocol's tester on the line's tester end, paced as {@link PortTester} paces requests. */
    private final class VirtualEnd implements End {
        private final Tester tester;
        private final List<LinkEvent> events = new ArrayList<>();
        private int seen;
        private long lastAnswerAt;
        private long requestEnd;
        private boolean closed;

        VirtualEnd(int address) {
            tester = protocol.tester(clock, line.tester(), LineConditions.bench(), address, e -> {
                if (!closed) {
                    events.add(e);
                }
            });
            lastAnswerAt = clock.nanos();
        }

        @Override
        public PortTester.Exchange init(Init init) {
            InitProcedure p = protocol.init(init)
                    .orElseThrow(() -> new IllegalArgumentException(protocol.name() + " has no " + init.text()));
            long at = clock.nanos() + p.idleBefore() + PortTester.MARGIN;
            requestEnd = at;
            clock.schedule(at, () -> tester.init(init));
            return await(init.text(), null, at + p.answerWithin() + PortTester.SLACK);
        }

        @Override
        public PortTester.Exchange request(byte[] data) {
            long at = Math.max(clock.nanos(), lastAnswerAt + protocol.requestGap() + PortTester.MARGIN);
            requestEnd = Long.MIN_VALUE;
            clock.schedule(at, () -> tester.send(data));
            return await(
                    Hex.of(data),
                    TesterRequest.of(Bytes.of(data)),
                    at + (data.length + 4) * 25 * Durations.MS + protocol.answerTimeout() + PortTester.SLACK);
        }

        private PortTester.Exchange await(String label, TesterRequest request, long deadline) {
            List<String> heard = new ArrayList<>();
            int pending = 0;
            while (true) {
                if (seen == events.size() && !runUntil(() -> seen < events.size(), deadline)) {
                    heard.add("this end's line, lately: " + lately());
                    return new PortTester.Exchange(label, Optional.empty(), 0, 0, pending, heard);
                }
                LinkEvent e = events.get(seen++);
                if (e instanceof LinkEvent.FrameSent s && s.from() == Direction.TESTER) {
                    requestEnd = s.at();
                } else if (e instanceof LinkEvent.TesterReceived r
                        && (request == null || r.request().equals(request))) {
                    lastAnswerAt = r.at();
                    if (protocol.isResponsePending(r.data().toArray())) {
                        pending++;
                        deadline = r.at() + protocol.pendingTimeout() + PortTester.SLACK;
                        continue;
                    }
                    long end = requestEnd == Long.MIN_VALUE ? r.at() : requestEnd;
                    return new PortTester.Exchange(
                            label, Optional.of(r.data().toString()), r.waitedNanos(), r.at() - end, pending, heard);
                } else if (!(e instanceof LinkEvent.FrameSent)) {
                    heard.add(e.toString());
                }
            }
        }

        private List<String> lately() {
            List<TraceEntry> t = line.trace();
            return t.subList(Math.max(0, t.size() - 32), t.size()).stream()
                    .map(x -> TraceFormat.line(x, 0, 0))
                    .toList();
        }

        @Override
        public void close() {
            closed = true;
            line.tester().onReceive(e -> {});
        }
    }
}
