package io.klinebench.dcan;

import io.klinebench.kline.Decoded;
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
import io.klinebench.line.LineEvent;
import io.klinebench.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The R56 on D-CAN as a tester meets it through a K+DCAN cable in D-CAN mode: on {@code line}
 * (a port or a virtual pair) the cable's serial side, BMW-FAST telegrams at 115200 baud;
 * behind it, in virtual time, the cable on a 500 kbit/s CAN bus speaking ISO-TP with extended
 * addressing (identifier 0x600 | source, the target first, block size 0, STmin 0, as its
 * firmware does), the JBE routing by target address, and the CAS answering with the profile's
 * diagnostic application.
 *
 * <pre>
 *   tester --BMW-FAST 115200--> cable --ISO-TP 6F1--> JBE --> CAS (application)
 *   tester &lt;--BMW-FAST--------- cable &lt;--ISO-TP 640---------- CAS  (after ecuP2)
 * </pre>
 *
 * Every telegram in and out is a link event; what is dropped (a bad telegram), ignored (an
 * address the JBE does not route, a K-line init, another tester's source address) or given
 * up (an ISO-TP timer) is said with the reason. On a line that brings our own bytes back (the
 * bench's) they are swallowed. Not modelled: faults made on purpose (none can be armed here),
 * the cable's own configuration telegrams.
 */
public final class DCanEcuLink implements EcuLink {

    private final Clock clock;
    private final LineEndpoint line;
    private final LineConditions conditions;
    private final int testerAddress;
    private final DCanTiming timing;
    private final DiagnosticApplication application;
    private final Consumer<LinkEvent> events;
    private final BmwFastDecoder decoder;
    private final VirtualCanBus bus;
    private final IsoTpNode cable;
    private final IsoTpNode module;
    private final FaultPlan faults = new FaultPlan(f -> "D-CAN: faults are not made on this link yet");
    private Clock.Scheduled decoderTimer;
    /** Our own bytes, to be heard back on a line that echoes (the bench's), and swallowed there. */
    private final ArrayDeque<Integer> echo = new ArrayDeque<>();
    /** When the cable's serial side is free for the next answer byte. */
    private long serialFree = Long.MIN_VALUE;

    public DCanEcuLink(
            Clock clock,
            LineEndpoint line,
            LineConditions conditions,
            int ecuAddress,
            int testerAddress,
            DCanTiming timing,
            DiagnosticApplication application,
            Consumer<LinkEvent> events) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.line = Objects.requireNonNull(line, "line");
        this.conditions = Objects.requireNonNull(conditions, "conditions");
        this.testerAddress = testerAddress;
        this.timing = Objects.requireNonNull(timing, "timing");
        this.application = Objects.requireNonNull(application, "application");
        this.events = Objects.requireNonNull(events, "events");
        this.decoder = new BmwFastDecoder(timing.serialInterByteMax() + conditions.tolerance());
        this.decoder.onDecoded(this::telegram);
        this.bus = new VirtualCanBus(clock, timing.bits());
        IsoTpNode.Listener said = new Said();
        this.cable = new IsoTpNode(
                clock,
                bus,
                testerAddress,
                Direction.TESTER,
                timing.isoTp(),
                0,
                SeparationTime.NONE,
                new IsoTpNode.Listener() {
                    @Override
                    public void message(int source, int target, byte[] data, long at) {
                        toTester(new BmwFastTelegram(target, source, data));
                    }

                    @Override
                    public void problem(long at, String what, String why) {
                        said.problem(at, what, "the cable: " + why);
                    }
                });
        bus.listen(cable::hear);
        this.module = new IsoTpNode(
                clock,
                bus,
                ecuAddress,
                Direction.ECU,
                timing.isoTp(),
                0,
                SeparationTime.NONE,
                new IsoTpNode.Listener() {
                    @Override
                    public void message(int source, int target, byte[] data, long at) {
                        answer(source, data, application.onRequest(data, at), at, timing.ecuP2());
                    }

                    @Override
                    public void problem(long at, String what, String why) {
                        said.problem(at, what, "the module: " + why);
                    }
                });
        new JbeGateway(bus, said).route("CAS", module);
        line.onReceive(this::received);
    }

    /** Every CAN frame so far, for the ISO-TP judge. */
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

    private final class Said implements IsoTpNode.Listener {
        @Override
        public void message(int source, int target, byte[] data, long at) {}

        @Override
        public void problem(long at, String what, String why) {
            events.accept(new LinkEvent.Ignored(at, what, why));
        }
    }

    private void received(LineEvent e) {
        if (e instanceof LineEvent.Byte b) {
            if (!echo.isEmpty() && echo.peek() == b.value()) {
                echo.poll();
                return;
            }
            decoder.feed(b.value(), b.at());
            if (decoderTimer != null) {
                decoderTimer.cancel();
                decoderTimer = null;
            }
            long deadline = decoder.deadline();
            if (deadline >= 0) {
                decoderTimer = clock.schedule(deadline, () -> {
                    decoderTimer = null;
                    decoder.expire(clock.nanos());
                });
            }
        } else {
            events.accept(new LinkEvent.Ignored(
                    e.at(), "a K-line init", "D-CAN has no init: the cable's serial side takes BMW-FAST telegrams"));
        }
    }

    private void telegram(Decoded<BmwFastTelegram> d) {
        if (d instanceof Decoded.Dropped<BmwFastTelegram> x) {
            events.accept(new LinkEvent.FrameDropped(
                    clock.nanos(), Direction.ECU, x.reason().name().toLowerCase(Locale.ROOT), Bytes.of(x.raw())));
            return;
        }
        Decoded.Frame<BmwFastTelegram> f = (Decoded.Frame<BmwFastTelegram>) d;
        events.accept(new LinkEvent.FrameReceived(f.lastAt(), Direction.ECU, f.firstAt(), Bytes.of(f.raw())));
        BmwFastTelegram t = f.frame();
        if (t.source() != testerAddress) {
            events.accept(new LinkEvent.Ignored(
                    f.lastAt(),
                    "telegram " + Hex.of(f.raw()),
                    String.format("this cable speaks for tester %02X, not %02X", testerAddress, t.source())));
            return;
        }
        cable.send(t.target(), t.data());
    }

    /** What the module makes of a request, sent after {@code delay}; a responsePending first, then the answer. */
    private void answer(int tester, byte[] request, Reply reply, long at, long delay) {
        if (reply instanceof Reply.Answer a) {
            clock.schedule(at + delay, () -> {
                byte[] data = a.data();
                events.accept(new LinkEvent.Answered(
                        clock.nanos(), Bytes.of(request), Bytes.of(data), (data[0] & 0xFF) == 0x7F, delay, a.why()));
                module.send(tester, data);
            });
        } else if (reply instanceof Reply.Paced p) {
            // a replayed recording's instants are K-line ones: on D-CAN the answer keeps this link's timing
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

    /** The cable writes a telegram to the tester, byte after byte at 115200 baud. */
    private void toTester(BmwFastTelegram t) {
        byte[] bytes = t.encode();
        long first = Math.max(clock.nanos(), serialFree);
        long last = first + (bytes.length - 1) * timing.serialByte();
        serialFree = last + timing.serialByte();
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            boolean end = i == bytes.length - 1;
            clock.schedule(first + i * timing.serialByte(), () -> {
                if (conditions.hearsOwnBytes()) {
                    echo.add(b);
                }
                line.send(b);
                if (end) {
                    events.accept(new LinkEvent.FrameSent(clock.nanos(), Direction.ECU, first, Bytes.of(bytes)));
                }
            });
        }
    }
}
