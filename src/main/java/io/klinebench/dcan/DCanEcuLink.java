package io.klinebench.dcan;

import io.klinebench.kline.Decoded;
import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.EcuLink;
import io.klinebench.kline.Fault;
import io.klinebench.kline.FaultPlan;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.Reply;
import io.klinebench.kline.TimedDecoder;
import io.klinebench.line.Bytes;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.LineEvent;
import io.klinebench.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
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
 * bench's) they are swallowed.
 *
 * <p>Faults made on purpose ({@link #cannotMake} says which cannot): no answer, a
 * responsePending storm, a late answer, a power dip of the module behind the JBE, a garbled
 * checksum in the cable's telegram to the tester, and the CAN frames' own ({@link
 * Fault.CanFault}: a frame lost, late or with the wrong sequence number, the cable's flow
 * control lost or late), each said as injected at the instant the answer was due. Not
 * modelled: the cable's own configuration telegrams.
 */
public final class DCanEcuLink implements EcuLink {

    private final Clock clock;
    private final LineEndpoint line;
    private final LineConditions conditions;
    private final int testerAddress;
    private final DCanTiming timing;
    private final DiagnosticApplication application;
    private final Consumer<LinkEvent> events;
    private final TimedDecoder<BmwFastTelegram> decoder;
    private final VirtualCanBus bus;
    private final IsoTpNode cable;
    private final IsoTpNode module;
    private final FaultPlan faults = new FaultPlan(DCanEcuLink::cannotMake);
    private final JbeGateway jbe;
    /**
     * The answer whose telegram to the tester the cable garbles (fault bad-checksum), and the
     * latest instant that telegram can be written; null when none. Tied to the answer, not to
     * "the next telegram": an answer that never reaches the cable (a lost frame) must not pass
     * its garble on to another.
     */
    private Garble garble;

    private record Garble(byte[] data, long until) {}

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
        BmwFastDecoder telegrams = new BmwFastDecoder(timing.serialInterByteMax() + conditions.tolerance());
        telegrams.onDecoded(this::telegram);
        // a gap the machine's stops held is widened by them, as the K-line links widen theirs
        telegrams.stretchGaps(conditions.stretch());
        this.decoder = new TimedDecoder<>(clock, telegrams);
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
                        answer(source, data, application.onRequest(data, at), at, timing.ecuP2(), true);
                    }

                    @Override
                    public void problem(long at, String what, String why) {
                        said.problem(at, what, "the module: " + why);
                    }
                });
        this.jbe = new JbeGateway(bus, said).route("CAS", module);
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

    /**
     * Why the module on D-CAN cannot make {@code f}, or null. Byte faults of the K-line have no
     * meaning here: the answer crosses CAN in frames that the controllers check (CRC) and repeat
     * (ISO 11898-1), and the cable's USB serial side does not lose or flip bytes; the echo is
     * not ours (a cable in D-CAN mode echoes nothing) and a collision is arbitration on CAN.
     */
    public static String cannotMake(Fault f) {
        if (f instanceof Fault.EchoFault) {
            return "D-CAN has no echo to garble: a K+DCAN cable in D-CAN mode writes only answers";
        }
        if (f instanceof Fault.Collision) {
            return "CAN arbitrates: two senders never garble a frame, the lower identifier wins (ISO 11898-1)";
        }
        if (f instanceof Fault.EndSession) {
            return "BMW-FAST on D-CAN has no session that P3 ends (no StartCommunication)";
        }
        if (f instanceof Fault.Stall
                || f instanceof Fault.DropByte
                || f instanceof Fault.FlipByte
                || f instanceof Fault.InsertByte
                || f instanceof Fault.Twice
                || f instanceof Fault.WrongSource) {
            return "the answer crosses CAN in frames the controllers check and repeat, and the cable's"
                    + " serial side is USB: no byte of it is stalled, lost, flipped, added or repeated"
                    + " (use lose-frame, late-frame, wrong-sequence, lose-flow-control, late-flow-control"
                    + " or bad-checksum)";
        }
        return null;
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
        } else {
            events.accept(new LinkEvent.Ignored(
                    e.at(), "a K-line init", "D-CAN has no init: the cable's serial side takes BMW-FAST telegrams"));
        }
    }

    private void telegram(Decoded<BmwFastTelegram> d) {
        if (d instanceof Decoded.Dropped<BmwFastTelegram> x) {
            events.accept(new LinkEvent.FrameDropped(
                    clock.nanos(),
                    Direction.ECU,
                    x.reason().name().toLowerCase(Locale.ROOT),
                    Bytes.of(x.raw()),
                    x.why(conditions.limitText(timing.serialInterByteMax() + conditions.tolerance()))));
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

    /**
     * What the module makes of a request that ended at {@code at}, sent after {@code delay}; a
     * responsePending first, then the answer. {@code storms}: whether an armed responsePending
     * storm may still come before it (once per request).
     */
    private void answer(int tester, byte[] request, Reply reply, long at, long delay, boolean storms) {
        if (reply instanceof Reply.Answer a) {
            int storm = storms
                    ? faults.pendingBefore(
                            Bytes.of(request),
                            made -> said(
                                    made,
                                    Bytes.of(request),
                                    at + delay,
                                    until(made.fault(), at + delay * (storm(made) + 1), a.data().length)))
                    : 0;
            for (int i = 1; i <= storm; i++) {
                pending(tester, request, at + delay * i, delay, "responsePending (fault pending " + storm + ")");
            }
            clock.schedule(at + delay * (storm + 1), () -> answerDue(tester, request, a, at, delay));
        } else if (reply instanceof Reply.Paced p) {
            // a replayed recording's instants are K-line ones: on D-CAN the answer keeps this link's timing
            answer(tester, request, p.answer(), at, delay, storms);
        } else if (reply instanceof Reply.Pending p) {
            pending(tester, request, at + delay, delay, "responsePending");
            clock.schedule(
                    at + p.delayNanos(), () -> answer(tester, request, p.then().get(), clock.nanos(), 0, false));
        } else {
            events.accept(new LinkEvent.Ignored(at, "request " + Hex.of(request), "the module gives no answer"));
        }
    }

    private static int storm(FaultPlan.Armed a) {
        return ((Fault.Pending) a.fault()).times();
    }

    private void pending(int tester, byte[] request, long when, long delay, String why) {
        byte[] pending = {0x7F, request[0], 0x78};
        clock.schedule(when, () -> {
            events.accept(
                    new LinkEvent.Answered(clock.nanos(), Bytes.of(request), Bytes.of(pending), true, delay, why));
            module.send(tester, pending);
        });
    }

    /**
     * The answer is due now: the armed faults that pick it are made (said first, at this
     * instant), then it goes to the bus as they say.
     */
    private void answerDue(int tester, byte[] request, Reply.Answer a, long requestEnd, long delay) {
        long due = clock.nanos();
        Bytes req = Bytes.of(request);
        byte[] data = a.data();
        // the shape of the cable's telegram to the tester: byte faults there, and the answer's other faults picked
        FaultPlan.Transmission out = faults.shape(
                req,
                new BmwFastTelegram(tester, module.address(), data).encode(),
                requestEnd,
                due,
                timing.serialByte());
        long late = out.made(Fault.Late.class).map(Fault.Late::nanos).orElse(0L);
        List<Fault.CanFault> inFrames = new ArrayList<>();
        for (FaultPlan.Armed made : out.injected()) {
            Fault f = made.fault();
            if (f instanceof Fault.LoseFlowControl || f instanceof Fault.LateFlowControl) {
                if (data.length <= IsoTpFrame.SINGLE_MAX) {
                    said(made, req, due, due);
                    events.accept(new LinkEvent.Ignored(
                            due,
                            "fault " + f.text(),
                            String.format(
                                    "not made: the answer (%d bytes) fits one single frame, and no flow control is sent",
                                    data.length)));
                    continue;
                }
                cable.faultNextFlowControl(module.address(), (Fault.CanFault) f);
            } else if (f instanceof Fault.CanFault c) {
                inFrames.add(c);
            } else if (f instanceof Fault.BadChecksum) {
                garble = new Garble(data, until(f, due + late, data.length));
            }
            said(made, req, due, until(f, due + late, data.length));
        }
        Fault.PowerDip dip = out.made(Fault.PowerDip.class).orElse(null);
        if (dip != null) {
            powerDip(due, dip);
            return;
        }
        if (out.bytes().length == 0) {
            return; // silent: said as injected, and the tester's own timeout tells the rest
        }
        clock.schedule(due + late, () -> {
            events.accept(new LinkEvent.Answered(
                    clock.nanos(), req, Bytes.of(data), (data[0] & 0xFF) == 0x7F, delay + late, a.why()));
            module.send(tester, data, inFrames);
        });
    }

    /** The latest instant a fault made in an answer of {@code length} bytes, sent at {@code sent}, can still show. */
    private long until(Fault f, long sent, int length) {
        IsoTpTiming iso = timing.isoTp();
        if (f instanceof Fault.Silent) {
            return sent;
        }
        if (f instanceof Fault.PowerDip d) {
            return sent + d.nanos(); // the dip lasts past the answer that was due: its end is when the module is back
        }
        if (f instanceof Fault.LoseFrame || f instanceof Fault.WrongSequence || f instanceof Fault.LoseFlowControl) {
            // no answer reaches the tester: the fault shows until both ends have given up
            return sent + Math.max(Math.max(iso.nAs(), iso.nAr()), Math.max(iso.nBs(), iso.nCr())) + 1;
        }
        long extra = f instanceof Fault.LateFrame l ? l.nanos() : f instanceof Fault.LateFlowControl l ? l.nanos() : 0;
        int frames = length <= IsoTpFrame.SINGLE_MAX ? 1 : 2 + (length - IsoTpFrame.FIRST_DATA + 5) / 6;
        long onBus = (frames + 1)
                * CanBitTiming.frameBits(CanFrame.MAX_DATA)
                * timing.bits().bitNanos();
        return sent + extra + onBus + (length + 5L) * timing.serialByte();
    }

    private void said(FaultPlan.Armed a, Bytes request, long due, long until) {
        events.accept(new LinkEvent.FaultInjected(
                due, request, a.fault().text(), a.trigger().text(), until));
    }

    /**
     * The module behind the JBE loses power for the dip: the answer is not sent, frames for it
     * are not handed on; back, it answers at once (BMW-FAST on D-CAN opens no session, so no
     * init is needed), and what came meanwhile is said.
     */
    private void powerDip(long at, Fault.PowerDip dip) {
        jbe.powerOff(module.address());
        long back = at + dip.nanos();
        clock.schedule(back, () -> {
            int missed = jbe.powerOn(module.address());
            if (missed > 0) {
                events.accept(new LinkEvent.Ignored(
                        back,
                        missed + " CAN frame(s) for the module",
                        "they came while the module was without power (fault " + dip.text() + ")"));
            }
        });
    }

    /** The cable writes a telegram to the tester, byte after byte at 115200 baud. */
    private void toTester(BmwFastTelegram t) {
        byte[] bytes = t.encode();
        if (garble != null && clock.nanos() > garble.until()) {
            garble = null; // its answer never came whole to the cable (said where it was lost)
        }
        if (garble != null && Arrays.equals(t.data(), garble.data())) {
            garble = null;
            bytes[bytes.length - 1] ^= (byte) 0xFF; // as Fault.BadChecksum on the K-line: always wrong
        }
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
