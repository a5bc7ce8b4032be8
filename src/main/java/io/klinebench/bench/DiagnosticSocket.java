package io.klinebench.bench;

import io.klinebench.car.BodyControlModule;
import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.EcuLink;
import io.klinebench.kline.FaultPlan;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.Tester;
import io.klinebench.kline.TesterRequest;
import io.klinebench.kline.Violation;
import io.klinebench.line.Bytes;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.TraceEntry;
import io.klinebench.line.VirtualLine;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.protocol.DiagnosticProtocol;
import io.klinebench.services.SecurityAccess;
import io.klinebench.time.Clock;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.Uncertainty;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The car's diagnostic socket: the module's link layer and diagnostic application on its end
 * of the K-line, in the profile's protocol. On the bench the line is an in-memory one with
 * echo, and the bench's tester is plugged in at the other end; in the simulator the line is
 * a serial port or a pty and the tester is whoever is connected to it. A profile with two lines
 * (the R50/R53's pins 7 and 8, {@code diagnostics.lines}) puts the module on pin 8 of {@link
 * BenchLines} with the car's other modules, and on the cable the bench's tester, or, in the
 * simulator, the port.
 */
public final class DiagnosticSocket {

    /** How long after the seed the bench's tester sends its key, beyond the protocol's request gap. */
    private static final long KEY_AFTER_GAP = 5 * Durations.MS;

    private final DiagnosticProfile profile;
    private final DiagnosticProtocol protocol;
    private final VirtualLine line;
    private Tester tester;
    /**
     * Plugs the bench's tester in on first use, on two lines: a tester on a bus hears every
     * module's frames, and one that never asked anything has nothing to report about them.
     */
    private java.util.function.Supplier<Tester> plugTester;

    private final DiagnosticApplication application;
    private final EcuLink module;
    private final Clock clock;
    /** The car's two lines on the bench, or null for a module alone on its line. */
    private final BenchLines lines;

    private Boolean unlockWithWrongKey;

    private DiagnosticSocket(
            BodyControlModule car,
            DiagnosticProfile profile,
            Clock clock,
            Consumer<Event> sink,
            LineEndpoint realLine,
            LineConditions conditions) {
        this.profile = profile;
        this.protocol = profile.protocol();
        this.clock = clock;
        Consumer<LinkEvent> events = e -> {
            sink.accept(e);
            if (e instanceof LinkEvent.TesterReceived r) {
                answerSeed(r);
            }
        };
        // A profile with two lines (the R50/R53) puts every module of both on them, on the bench
        // as behind a port; the body controller is one of them, on pin 8.
        boolean twoLines = !profile.lines().isEmpty();
        boolean onBench = realLine == null;
        this.lines = !twoLines
                ? null
                : onBench
                        ? new BenchLines(clock, car, profile, sink)
                        : BenchLines.onPort(clock, car, profile, sink, realLine, conditions);
        this.line = onBench && !twoLines ? new VirtualLine(clock, true) : null;
        LineEndpoint ecuEnd = twoLines ? lines.bodyControllerEnd() : onBench ? line.ecu() : realLine;
        this.application = protocol.application(car, profile);
        // On two lines the body controller hears the other line's protocol too: said as what it is.
        Consumer<LinkEvent> moduleEvents =
                twoLines ? OtherProtocolTelegrams.explaining(profile.lines(), protocol, events) : events;
        this.module = protocol.ecuLink(clock, ecuEnd, conditions, profile.ecuAddress(), application, moduleEvents);
        if (twoLines && onBench) {
            LineEndpoint testerEnd = lines.testerEnd();
            this.plugTester =
                    () -> protocol.tester(clock, testerEnd, LineConditions.bench(), profile.ecuAddress(), events);
        } else if (onBench) {
            this.tester = protocol.tester(clock, line.tester(), LineConditions.bench(), profile.ecuAddress(), events);
        }
        if (line != null) {
            line.shapeTesterEcho(module.faults().echoes()); // the bench's line echoes: echo faults are made there
        } else if (twoLines && onBench) {
            module.faults().echoIsNotOurs("the two-line bench's bus does not shape the tester's echo (not built yet)");
        }
    }

    /** The protocol the module speaks. */
    public DiagnosticProtocol protocol() {
        return protocol;
    }

    /** The faults the module is told to make in its answers. */
    public FaultPlan faults() {
        return module.faults();
    }

    /** On the bench: an in-memory line with echo, the module on one end and the bench's tester on the other. */
    static DiagnosticSocket onBench(
            BodyControlModule car, DiagnosticProfile profile, Clock clock, Consumer<Event> sink) {
        return new DiagnosticSocket(car, profile, clock, sink, null, LineConditions.bench());
    }

    /**
     * On a real line (a serial port, a pty): the module's link layer on {@code ecuEnd}; the
     * tester is whoever is on the other end.
     *
     * @param conditions whether {@code ecuEnd} brings the module's own bytes back (a K-line cable
     *     does; a pty does not), how exact its stamps are, how strictly the link judges
     */
    static DiagnosticSocket onLine(
            BodyControlModule car,
            DiagnosticProfile profile,
            Clock clock,
            Consumer<Event> sink,
            LineEndpoint ecuEnd,
            LineConditions conditions) {
        return new DiagnosticSocket(car, profile, clock, sink, ecuEnd, conditions);
    }

    public DiagnosticProfile profile() {
        return profile;
    }

    /** The bench's tester; empty when the socket is on a port, where the tester is whoever is connected. */
    public Optional<Tester> tester() {
        if (tester == null && plugTester != null) {
            tester = plugTester.get();
        }
        return Optional.ofNullable(tester);
    }

    public DiagnosticApplication application() {
        return application;
    }

    /**
     * Security access as a tester does it: the seed request now; when the seed arrives, the
     * key from the documented algorithm ({@link SecurityAccess#keyFor}), or its complement,
     * the protocol's request gap + 5 ms after the answer.
     */
    void unlock(boolean wrongKey) {
        unlockWithWrongKey = wrongKey;
        tester().orElseThrow().send(protocol.seedRequest());
    }

    private void answerSeed(LinkEvent.TesterReceived r) {
        Boolean wrong = unlockWithWrongKey;
        if (wrong == null || !r.request().equals(TesterRequest.of(Bytes.of(protocol.seedRequest())))) {
            return;
        }
        unlockWithWrongKey = null;
        OptionalInt seed = protocol.seedIn(r.data().toArray());
        if (seed.isEmpty()) {
            return; // refused (locked out, wrong session...): the answer is on the timeline
        }
        if (seed.getAsInt() == SecurityAccess.UNLOCKED_SEED) {
            return; // already unlocked
        }
        int key = SecurityAccess.keyFor(seed.getAsInt()) ^ (wrong ? 0xFFFF : 0);
        byte[] request = protocol.keyRequest(key);
        clock.schedule(r.at() + protocol.requestGap() + KEY_AFTER_GAP, () -> tester.send(request));
    }

    /**
     * Every timing rule the bench's line trace breaks so far, by either side; none on a real line
     * (see the sim's trace). On two lines: the module's conversation with the bench's tester.
     */
    public List<Violation> violations() {
        if (lines != null && lines.onBench()) {
            return protocol.judge(lines.bodyControllerTrace(), Uncertainty.NONE);
        }
        return line == null ? List.of() : protocol.judge(line.trace(), Uncertainty.NONE);
    }

    /** Every byte on the bench's line (on two lines: the wire, all modules), with its sender; empty on a real line. */
    public List<TraceEntry> trace() {
        if (lines != null && lines.onBench()) {
            return lines.trace();
        }
        return line == null ? List.of() : line.trace();
    }

    /**
     * What the tester on the cable hears as its switch is now ("pins 7 and 8 bridged: BC1 00,
     * KOMBI 80, ..."), when the car has two lines; empty for a car of one line.
     */
    public Optional<String> cableHears() {
        return lines().map(BenchLines::hears);
    }

    /** The car's two lines (on the bench or behind a port), when its profile has them. */
    Optional<BenchLines> lines() {
        return Optional.ofNullable(lines);
    }
}
