package io.klinebench.bench;

import io.klinebench.car.BodyControlModule;
import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.Ds2EcuLink;
import io.klinebench.kline.Ds2Tester;
import io.klinebench.kline.KwpStarEcuLink;
import io.klinebench.kline.KwpStarTester;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.ModuleSearch;
import io.klinebench.kline.Tester;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.KLineBus;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.CarLines;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.services.EngineControllerServices;
import io.klinebench.services.IdentOnlyModule;
import io.klinebench.time.Clock;
import io.klinebench.time.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The R50/R53's two K-lines on the bench, in virtual time: one {@link KLineBus} cut in two
 * segments, pin 8 (the DS2 body line: the body controller and the profile's other body
 * modules) and pin 7 (the engine line: the engine controller on KWP2000* and the others
 * there). The tester's cable is on pin 7; its switch bridges pins 7 and 8 into one wire
 * ({@link #bridge}): bridged (as BMW's DS2 cars need it: ediabaslib docs/AdapterTypes.md) the
 * tester hears both lines, otherwise only pin 7.
 *
 * <p>What the other modules report: their answers, the frames they send, collisions and
 * tolerances, as the body controller does. Not what they heard and let pass: a module on a bus
 * hears every telegram for every other module (and, bridged, the other protocol's), and passing
 * those over is the bus working, not a refusal.
 */
final class BenchLines {

    static final String PIN_7 = "pin 7";
    static final String PIN_8 = "pin 8";

    private final Clock clock;
    private final KLineBus bus;
    private final CarLines lines;
    private final Consumer<LinkEvent> events;
    private final String bodyController;
    private LineEndpoint searchEnd;
    private final java.util.Map<String, LineEndpoint> testerPlugs = new java.util.HashMap<>();

    BenchLines(Clock clock, BodyControlModule car, DiagnosticProfile profile, Consumer<LinkEvent> events) {
        this.clock = clock;
        this.lines = profile.lines();
        this.events = events;
        this.bus = new KLineBus(clock, true, PIN_7);
        this.bodyController = String.format("body controller %02X", profile.ecuAddress());
        Consumer<LinkEvent> others = e -> {
            if (!(e instanceof LinkEvent.FrameReceived
                    || e instanceof LinkEvent.FrameDropped
                    || e instanceof LinkEvent.Ignored)) {
                events.accept(e);
            }
        };
        for (CarLines.LineModule m : lines.pin8()) {
            attach(car, m, PIN_8, others);
        }
        for (CarLines.LineModule m : lines.pin7()) {
            attach(car, m, PIN_7, others);
        }
        bridge(true);
    }

    private void attach(BodyControlModule car, CarLines.LineModule m, String pin, Consumer<LinkEvent> sink) {
        LineEndpoint end = bus.attach(String.format("%s %02X", m.name(), m.address()), pin);
        DiagnosticApplication app = m.role() == CarLines.Role.ENGINE
                ? new EngineControllerServices(car, m.identification())
                : new IdentOnlyModule(m.name(), m.identification(), m.protocol());
        if (m.protocol() == ModuleSearch.Kind.DS2) {
            new Ds2EcuLink(clock, end, LineConditions.bench(), m.address(), m.timing(), app, sink);
        } else {
            new KwpStarEcuLink(clock, end, LineConditions.bench(), m.address(), m.timing(), app, sink);
        }
    }

    /** The body controller's end, on pin 8. */
    LineEndpoint bodyControllerEnd() {
        return bus.attach(bodyController, PIN_8);
    }

    /** The tester's end: the cable's K wire, on pin 7. */
    LineEndpoint testerEnd() {
        return bus.tester();
    }

    /** The cable's switch: pins 7 and 8 bridged into one wire, or pin 7 alone. */
    void bridge(boolean joined) {
        bus.bridge(PIN_7, PIN_8, joined);
    }

    boolean bridged() {
        return bus.bridged(PIN_7, PIN_8);
    }

    /** A module search by the bench's tester over what the cable hears now, from now on the clock. */
    void search() {
        if (lines.search().isEmpty()) {
            throw new IllegalStateException("profile has no module search list (diagnostics.lines.search)");
        }
        if (searchEnd == null) {
            searchEnd = bus.plugTester("module search");
        }
        new ModuleSearch(clock, searchEnd, lines.timing(), lines.search(), events).start();
    }

    /**
     * The bench's tester sends {@code data} to module {@code name} of the lines, in its protocol,
     * over what the cable hears now (its answer is a {@code tester-received}; none comes from a
     * module the cable does not reach).
     *
     * @throws IllegalArgumentException for a name no module of the lines has
     */
    void sendTo(String name, byte[] data) {
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
        List<CarLines.LineModule> all = new ArrayList<>(lines.pin8());
        all.addAll(lines.pin7());
        for (CarLines.LineModule m : all) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no module called '" + name + "' on this car's lines; they have "
                + String.join(", ", all.stream().map(CarLines.LineModule::name).toList()));
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
