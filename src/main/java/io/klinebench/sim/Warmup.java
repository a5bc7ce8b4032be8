package io.klinebench.sim;

import io.klinebench.bench.CarSetup;
import io.klinebench.bench.EventFields;
import io.klinebench.bench.Rig;
import io.klinebench.car.Profile;
import io.klinebench.kline.KwpStarEcuLink;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.ModuleSearch;
import io.klinebench.kline.Reply;
import io.klinebench.kline.Tester;
import io.klinebench.line.KLineBus;
import io.klinebench.line.VirtualLine;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.protocol.DiagnosticProtocol;
import io.klinebench.protocol.InitProcedure;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.Uncertainty;
import io.klinebench.time.VirtualClock;

/**
 * A short diagnostic session on a virtual clock, run once before a real-time process opens its
 * port: an init where the protocol has one, a seed and a key, the trace judged, every event
 * turned into fields. In a fresh JVM the first frame otherwise runs through code never run
 * before: classes loaded and initialised, the interpreter, then compilation, tens of
 * milliseconds on a busy machine, in the middle of the first request's bytes. After this, the
 * path a frame takes has run; what is left to the transport is its own uncertainty.
 */
final class Warmup {

    private Warmup() {}

    /** The simulator's path: the module, its services, its events. Nothing of it is kept. */
    static void simulator(Profile profile, DiagnosticProfile diagnostics) {
        VirtualClock clock = new VirtualClock();
        Rig rig = new Rig(profile, diagnostics, CarSetup.of(), clock);
        session(clock, rig.diagnostics().orElseThrow().tester().orElseThrow(), diagnostics.protocol());
        diagnostics.protocol().judge(rig.diagnostics().orElseThrow().trace(), Uncertainty.NONE);
        for (Event e : rig.timeline().events()) {
            EventFields.of(e, serial -> null);
        }
    }

    /** A tester's path: its link layer, against an ECU link that answers every request positively. */
    static void tester(DiagnosticProfile diagnostics) {
        VirtualClock clock = new VirtualClock();
        VirtualLine line = new VirtualLine(clock, true);
        DiagnosticProtocol protocol = diagnostics.protocol();
        protocol.ecuLink(
                clock,
                line.ecu(),
                LineConditions.bench(),
                diagnostics.ecuAddress(),
                (data, now) -> Reply.answer((byte) ((data[0] & 0xFF) + 0x40)),
                e -> {});
        session(
                clock,
                protocol.tester(clock, line.tester(), LineConditions.bench(), diagnostics.ecuAddress(), e -> {}),
                protocol);
    }

    private static void session(VirtualClock clock, Tester tester, DiagnosticProtocol protocol) {
        for (InitProcedure init : protocol.inits()) {
            clock.advanceBy(init.idleBefore() + Durations.MS);
            tester.init(init.init());
            clock.advanceBy(init.answerWithin() + Durations.S);
        }
        for (byte[] request : new byte[][] {protocol.seedRequest(), protocol.keyRequest(0)}) {
            clock.advanceBy(protocol.requestGap() + Durations.MS);
            tester.send(request);
            clock.advanceBy(protocol.answerTimeout() + Durations.S);
        }
    }

    /**
     * A module search's path on a car of two lines: each probe's tester, DS2 and KWP2000*, its
     * request and an answer from a module that answers every address (KWP2000* links for all:
     * what is warmed is the tester's side), so that the first probes on a port are not the ones
     * the JIT compiles.
     */
    static void linesTester(DiagnosticProfile diagnostics) {
        VirtualClock clock = new VirtualClock();
        KLineBus bus = new KLineBus(clock, true);
        for (ModuleSearch.Probe p : diagnostics.lines().search()) {
            if (p.kind() == ModuleSearch.Kind.KWP2000_STAR) {
                new KwpStarEcuLink(
                        clock,
                        bus.attach(p.module()),
                        LineConditions.bench(),
                        p.address(),
                        diagnostics.lines().timing(),
                        (data, now) -> Reply.answer((byte) ((data[0] & 0xFF) + 0x40)),
                        e -> {});
            }
        }
        new ModuleSearch(
                        clock,
                        bus.tester(),
                        diagnostics.lines().timing(),
                        diagnostics.lines().search(),
                        e -> {})
                .start();
        clock.runUntilIdle(clock.nanos() + 60 * Durations.S);
    }
}
