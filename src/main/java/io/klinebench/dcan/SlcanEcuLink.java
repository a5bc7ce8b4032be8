package io.klinebench.dcan;

import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.EcuLink;
import io.klinebench.kline.FaultPlan;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.Reply;
import io.klinebench.line.Bytes;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.LineEndpoint;
import io.klinebench.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The R56 on a real D-CAN through an slcan adapter: the JBE and the CAS on the sim's end of
 * the bus ({@link VirtualCanBus} joined to the real one by an {@link SlcanPort}), answering
 * ISO-TP requests that arrive from the adapter; their frames go out through it.
 *
 * <pre>
 *   tester --ISO-TP 6F1--> [real CAN] --slcan t lines--> JBE --> CAS (application)
 *   tester &lt;--ISO-TP 640-- [real CAN] &lt;--slcan t lines-------- CAS (after ecuP2)
 * </pre>
 *
 * Stamps are the arrival of each line's carriage return: off by the line's stated uncertainty,
 * which widens the CAS's own ISO-TP timeouts unless the link is strict. Each request and answer
 * is a link event; what is ignored or dropped (a bad slcan line, an address the JBE does not
 * route) says why. Not made here: faults on purpose (none can be armed).
 */
public final class SlcanEcuLink implements EcuLink {

    private final Clock clock;
    private final DCanTiming timing;
    private final DiagnosticApplication application;
    private final Consumer<LinkEvent> events;
    private final VirtualCanBus bus;
    private final IsoTpNode module;
    private final FaultPlan faults = new FaultPlan(f -> "D-CAN over slcan: faults are not made on this link");

    public SlcanEcuLink(
            Clock clock,
            LineEndpoint line,
            LineConditions conditions,
            SlcanPort.Role role,
            int ecuAddress,
            DCanTiming timing,
            DiagnosticApplication application,
            Consumer<LinkEvent> events) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.application = Objects.requireNonNull(application, "application");
        this.events = Objects.requireNonNull(events, "events");
        this.bus = new VirtualCanBus(clock, timing.bits());
        new SlcanPort(clock, line, conditions.hearsOwnBytes(), role, bus, Direction.TESTER, events);
        IsoTpNode.Listener said = new IsoTpNode.Listener() {
            @Override
            public void message(int source, int target, byte[] data, long at) {}

            @Override
            public void problem(long at, String what, String why) {
                events.accept(new LinkEvent.Ignored(at, what, why));
            }
        };
        this.module = new IsoTpNode(
                clock,
                bus,
                ecuAddress,
                Direction.ECU,
                widened(timing.isoTp(), conditions),
                0,
                SeparationTime.NONE,
                new IsoTpNode.Listener() {
                    @Override
                    public void message(int source, int target, byte[] data, long at) {
                        events.accept(new LinkEvent.FrameReceived(at, Direction.ECU, at, Bytes.of(data)));
                        answer(source, data, application.onRequest(data, at), at, timing.ecuP2());
                    }

                    @Override
                    public void problem(long at, String what, String why) {
                        said.problem(at, what, "the module: " + why);
                    }
                });
        new JbeGateway(bus, said).route("CAS", module);
    }

    /**
     * The timeouts a node keeps on a real line: a frame stamped late by up to the line's
     * uncertainty is not given up on for that (strict: the standard's values).
     */
    static IsoTpTiming widened(IsoTpTiming t, LineConditions conditions) {
        long u = conditions.tolerance();
        return u == 0 ? t : new IsoTpTiming(t.nAs() + u, t.nAr() + u, t.nBs() + u, t.nCr() + u);
    }

    /** Every CAN frame so far, ours as our end sent them and the others' as they arrived. */
    public List<CanTraceEntry> canTrace() {
        return bus.trace();
    }

    @Override
    public boolean awaitingInit() {
        return false;
    }

    @Override
    public FaultPlan faults() {
        return faults;
    }

    /**
     * The module's answer after {@code delay}; a responsePending first, then the answer. The
     * same rule as {@link DCanEcuLink}'s, whose faults are not made here.
     */
    private void answer(int tester, byte[] request, Reply reply, long at, long delay) {
        if (reply instanceof Reply.Answer a) {
            clock.schedule(at + delay, () -> {
                byte[] data = a.data();
                events.accept(new LinkEvent.Answered(
                        clock.nanos(), Bytes.of(request), Bytes.of(data), (data[0] & 0xFF) == 0x7F, delay, a.why()));
                module.send(tester, data);
            });
        } else if (reply instanceof Reply.Paced p) {
            answer(tester, request, p.answer(), at, delay);
        } else if (reply instanceof Reply.Pending p) {
            byte[] pending = {0x7F, request[0], 0x78};
            clock.schedule(at + delay, () -> {
                events.accept(new LinkEvent.Answered(
                        clock.nanos(), Bytes.of(request), Bytes.of(pending), true, delay, "responsePending"));
                module.send(tester, pending);
            });
            clock.schedule(
                    at + p.delayNanos(), () -> answer(tester, request, p.then().get(), clock.nanos(), 0));
        } else {
            events.accept(new LinkEvent.Ignored(at, "request " + Hex.of(request), "the module gives no answer"));
        }
    }
}
