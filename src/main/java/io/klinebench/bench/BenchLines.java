package io.klinebench.bench;

import io.klinebench.car.BodyControlModule;
import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.Ds2EcuLink;
import io.klinebench.kline.Ds2Tester;
import io.klinebench.kline.KwpStarEcuLink;
import io.klinebench.kline.KwpStarTelegram;
import io.klinebench.kline.KwpStarTester;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.ModuleSearch;
import io.klinebench.kline.Tester;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.KLineBus;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.LineEvent;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.CarLines;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.services.EngineControllerServices;
import io.klinebench.services.IdentOnlyModule;
import io.klinebench.time.Clock;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The R50/R53's two K-lines: one {@link KLineBus} cut in two segments, pin 8 (the DS2 body
 * line: the body controller and the profile's other body modules) and pin 7 (the engine line:
 * the engine controller on KWP2000* and the others there). The tester's cable is on pin 7; its
 * switch bridges pins 7 and 8 into one wire ({@link #bridge}): bridged (as BMW's DS2 cars need
 * it: ediabaslib docs/AdapterTypes.md) the tester hears both lines, otherwise only pin 7. On
 * the bench, in virtual time, the tester is the bench's; behind a port ({@link #onPort}: {@code
 * kline-bench sim}), in real time, it is whoever is connected to the port.
 *
 * <p>What the other modules report, each event named ({@link ModuleEvent}): their answers, the
 * frames they send, collisions and tolerances of frames for them, as the body controller does.
 * Not what they heard and let pass: a module on a bus hears every telegram for every other
 * module (and, bridged, the other protocol's), and passing those over is the bus working, not a
 * refusal.
 */
final class BenchLines {

    static final String PIN_7 = "pin 7";
    static final String PIN_8 = "pin 8";

    private final Clock clock;
    private final KLineBus bus;
    private final CarLines lines;
    private final Consumer<Event> events;
    /** Whether the tester is on a port (whoever is connected to it), not the bench's. */
    private final boolean onPort;

    private final String bodyController;
    private final int bodyControllerAddress;
    private LineEndpoint searchEnd;
    private final java.util.Map<String, LineEndpoint> testerPlugs = new java.util.HashMap<>();

    /** The lines on the bench, with the bench's tester on the cable; every instant exact. */
    BenchLines(Clock clock, BodyControlModule car, DiagnosticProfile profile, Consumer<Event> events) {
        this(clock, car, profile, events, new KLineBus(clock, true, PIN_7), LineConditions.bench(), null);
    }

    /**
     * The lines behind a port (a pty, a K-line cable), in real time: whoever is connected to
     * {@code port} is the tester on the cable's K wire; every module of the lines is on it, as
     * in a car, each with its own link layer and timing, judged as {@code conditions} say.
     * What reaches the cable goes to the port, what arrives from the port reaches what the
     * cable reaches; {@code conditions.hearsOwnBytes()} (a K-line cable echoes) says whether the
     * wire is the port's or the bus's.
     */
    static BenchLines onPort(
            Clock clock,
            BodyControlModule car,
            DiagnosticProfile profile,
            Consumer<Event> events,
            LineEndpoint port,
            LineConditions conditions) {
        return new BenchLines(
                clock,
                car,
                profile,
                events,
                KLineBus.behindPort(clock, PIN_7, conditions.hearsOwnBytes()),
                conditions,
                port);
    }

    private BenchLines(
            Clock clock,
            BodyControlModule car,
            DiagnosticProfile profile,
            Consumer<Event> events,
            KLineBus bus,
            LineConditions conditions,
            LineEndpoint port) {
        this.clock = clock;
        this.lines = profile.lines();
        this.events = events;
        this.bus = bus;
        this.onPort = port != null;
        this.bodyController = String.format("body controller %02X", profile.ecuAddress());
        this.bodyControllerAddress = profile.ecuAddress();
        for (CarLines.LineModule m : lines.pin8()) {
            attach(car, m, PIN_8, conditions);
        }
        for (CarLines.LineModule m : lines.pin7()) {
            attach(car, m, PIN_7, conditions);
        }
        if (port != null) {
            // The tester's bytes reach what the cable reaches; what reaches the cable goes to the port.
            port.onReceive(bus::fromTester);
            bus.tester().onReceive(e -> {
                if (e instanceof LineEvent.Byte b) {
                    port.send(b.value());
                }
            });
        }
        bus.bridge(PIN_7, PIN_8, true); // the default: BMW's DS2 cars need the bridge
    }

    private void attach(BodyControlModule car, CarLines.LineModule m, String pin, LineConditions conditions) {
        String name = String.format("%s %02X", m.name(), m.address());
        LineEndpoint end = bus.attach(name, pin);
        // What the other modules report, each event with its module's name: not what they heard
        // and let pass (see the class comment).
        Consumer<LinkEvent> sink = e -> {
            if (!(e instanceof LinkEvent.FrameReceived
                    || e instanceof LinkEvent.FrameDropped
                    || e instanceof LinkEvent.Ignored
                    || (e instanceof LinkEvent.Tolerated t && !forModule(t.what(), m)))) {
                events.accept(new ModuleEvent(name, e));
            }
        };
        DiagnosticApplication app = m.role() == CarLines.Role.ENGINE
                ? new EngineControllerServices(car, m.identification())
                : new IdentOnlyModule(m.name(), m.identification(), m.protocol());
        if (m.protocol() == ModuleSearch.Kind.DS2) {
            new Ds2EcuLink(clock, end, conditions, m.address(), m.timing(), app, sink);
        } else {
            new KwpStarEcuLink(clock, end, conditions, m.address(), m.timing(), app, sink);
        }
    }

    /**
     * Whether a frame a module took within the line's uncertainty (hex, as its link says it) was
     * addressed to it: a module on a bus takes every telegram it hears, but only the timing of
     * those for it is its own business (DS2: the first byte is the address; KWP2000*: the
     * second is the target, EF the broadcast).
     */
    private static boolean forModule(String hex, CarLines.LineModule m) {
        byte[] b;
        try {
            b = Hex.parse(hex);
        } catch (IllegalArgumentException e) {
            return true; // not a frame's bytes: said as it is
        }
        if (m.protocol() == ModuleSearch.Kind.DS2) {
            return b.length > 0 && (b[0] & 0xFF) == m.address();
        }
        return b.length > 1 && ((b[1] & 0xFF) == m.address() || (b[1] & 0xFF) == KwpStarTelegram.BROADCAST);
    }

    /** Whether the tester is the bench's (not whoever is connected to a port). */
    boolean onBench() {
        return !onPort;
    }

    /** The body controller's end, on pin 8. */
    LineEndpoint bodyControllerEnd() {
        return bus.attach(bodyController, PIN_8);
    }

    /** The tester's end: the cable's K wire, on pin 7. */
    LineEndpoint testerEnd() {
        return bus.tester();
    }

    /** The cable's switch: pins 7 and 8 bridged into one wire, or pin 7 alone; said with what the tester now hears. */
    void bridge(boolean joined) {
        bus.bridge(PIN_7, PIN_8, joined);
        events.accept(new LinkEvent.CableSwitched(clock.nanos(), joined ? "7+8" : "7", hears()));
    }

    /**
     * What the tester on the cable hears as the switch is now, in words: "pins 7 and 8 bridged:
     * BC1 00, KOMBI 80, ... (DS2 and KWP2000*)" or "pin 7 alone: EMS2000 13, EHPS 31".
     */
    String hears() {
        List<String> heard = new ArrayList<>();
        boolean both = bridged();
        if (both) {
            heard.add(bodyControllerName());
            lines.pin8().forEach(m -> heard.add(String.format("%s %02X", m.name(), m.address())));
        }
        lines.pin7().forEach(m -> heard.add(String.format("%s %02X", m.name(), m.address())));
        return (both ? "pins 7 and 8 bridged: " : "pin 7 alone: ") + String.join(", ", heard);
    }

    /** The body controller as a module search names it (its probe in the search list), else "body controller". */
    private String bodyControllerName() {
        for (ModuleSearch.Probe p : lines.search()) {
            if (p.address() == bodyControllerAddress && p.kind() == ModuleSearch.Kind.DS2) {
                return String.format("%s %02X", p.module(), bodyControllerAddress);
            }
        }
        return bodyController;
    }

    /**
     * Throws, saying why, when the lines are behind a port: there the tester is whoever is
     * connected to it, and the bench has none of its own to {@code what}.
     */
    void checkBenchTester(String what) {
        if (onPort) {
            throw new IllegalArgumentException(what + " is the connected tester's on a port: the sim has no tester of"
                    + " its own ('kline-bench tester --module-search' or '--to MODULE' makes one)");
        }
    }

    boolean bridged() {
        return bus.bridged(PIN_7, PIN_8);
    }

    /** A module search by the bench's tester over what the cable hears now, from now on the clock. */
    void search() {
        checkBenchTester("a module search");
        if (lines.search().isEmpty()) {
            throw new IllegalStateException("profile has no module search list (diagnostics.lines.search)");
        }
        if (searchEnd == null) {
            searchEnd = bus.plugTester("module search");
        }
        new ModuleSearch(clock, searchEnd, lines.timing(), lines.search(), events::accept).start();
    }

    /**
     * The bench's tester sends {@code data} to module {@code name} of the lines, in its protocol,
     * over what the cable hears now (its answer is a {@code tester-received}; none comes from a
     * module the cable does not reach).
     *
     * @throws IllegalArgumentException for a name no module of the lines has
     */
    void sendTo(String name, byte[] data) {
        checkBenchTester("'tester send-to'");
        CarLines.LineModule m = module(name);
        LineEndpoint end = testerPlugs.computeIfAbsent(name, n -> bus.plugTester("tester to " + n));
        // This request's tester reports until its answer or its timeout, then falls silent: a
        // tester that asked once does not go on reporting every later frame on the wire.
        boolean[] open = {true};
        Consumer<LinkEvent> once = e -> {
            if (!open[0]) {
                return;
            }
            if (e instanceof LinkEvent.FrameSent s && s.from() == Direction.TESTER) {
                long due = s.at() + m.timing().responseTimeout();
                clock.schedule(due, () -> {
                    if (open[0]) {
                        open[0] = false;
                        events.accept(new LinkEvent.Ignored(
                                due,
                                "tester send-to " + name + " " + Hex.of(data),
                                String.format(
                                        "no answer from %s (%02X) within %s: the cable does not reach it (%s)",
                                        name,
                                        m.address(),
                                        Durations.format(m.timing().responseTimeout()),
                                        bridged() ? "pins 7 and 8 bridged" : "pin 7 alone")));
                    }
                });
            }
            if (e instanceof LinkEvent.TesterReceived) {
                open[0] = false;
            }
            events.accept(e);
        };
        Tester t = m.protocol() == ModuleSearch.Kind.DS2
                ? new Ds2Tester(clock, end, LineConditions.bench(), m.address(), m.timing(), once)
                : new KwpStarTester(
                        clock, end, LineConditions.bench(), m.address(), ModuleSearch.TESTER_ADDRESS, m.timing(), once);
        t.send(data);
    }

    /** Throws, saying which modules there are, when the lines have no module called {@code name}. */
    void check(String name) {
        module(name);
    }

    private CarLines.LineModule module(String name) {
        return lines.module(name);
    }

    /**
     * The body controller's conversation with the bench's tester: their bytes alone, which the
     * body controller's protocol judges as it judges its own line; the other modules keep their
     * own limits in their links.
     */
    List<TraceEntry> bodyControllerTrace() {
        List<TraceEntry> all = bus.trace();
        List<TraceEntry> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String who = bus.sender(i);
            TraceEntry t = all.get(i);
            if ((t.from() == Direction.TESTER && who.equals("tester")) || who.equals(bodyController)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Every byte on the wire, whoever sent it; {@link #sender} names the end. */
    List<TraceEntry> trace() {
        return bus.trace();
    }

    String sender(int index) {
        return bus.sender(index);
    }
}
