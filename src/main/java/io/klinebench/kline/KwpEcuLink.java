package io.klinebench.kline;

import io.klinebench.line.Bytes;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.InitCues;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.LineEvent;
import io.klinebench.time.Clock;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Durations;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated ECU's ISO 14230-2 link layer: initialisation (fast init and 5-baud init),
 * framing, addressing, the session and its P3max timeout, echo, and the timing of every
 * answer byte (first at P2, the rest P1 apart, scheduled on the clock). The application
 * layer sees request data and returns a {@link Reply}.
 *
 * <pre>
 *  AwaitingInit --K low TiniL after the idle it needs--> WakingUp --StartCommunication at TWuP--> InSession
 *  AwaitingInit --our address at 5 baud after W5--> FiveBaudInit --55 KB1 KB2, ~KB2, ~address--> InSession
 *  InSession --StopCommunication answered--> AwaitingInit (idle after stop)
 *  InSession --no request for P3max--> AwaitingInit (silently, ready at once)
 *  a failed init --> AwaitingInit (ready at once)
 * </pre>
 */
public final class KwpEcuLink implements EcuLink {

    /** ISO 14230 functional address of the OBD/diagnostic functions. */
    public static final int FUNCTIONAL_ADDRESS = 0x33;

    private static final Logger log = LoggerFactory.getLogger(KwpEcuLink.class);

    private static final int START_COMMUNICATION = 0x81;
    private static final int STOP_COMMUNICATION = 0x82;

    /** Where the link stands. */
    private sealed interface State {}

    /** Waiting for an init; a wake-up needs {@code idleNeeded} of silence before it. */
    private record AwaitingInit(long idleNeeded) implements State {}

    /** K went low at {@code lowAt} for a fast init: StartCommunication is due TWuP after. */
    private record WakingUp(long lowAt) implements State {}

    /** Our 5-baud address came: the key-byte handshake runs. */
    private record FiveBaudInit(FiveBaudResponder responder) implements State {}

    /** A session, with the timing in force in it (AccessTimingParameters may change it). */
    private record InSession(KwpTiming timing) implements State {}

    private final Clock clock;
    private final int address;
    private final KeyBytes keyBytes;
    private final KwpTiming standard;
    private final DiagnosticApplication app;
    private final Transmitter tx;
    private final FaultPlan faults = new FaultPlan();
    private final TimedDecoder<KwpFrame> decoder;
    private final Consumer<LinkEvent> events;
    private final LineEndpoint line;
    private final InitCues initCues;
    private final LineConditions conditions;
    private State state;
    private long lastTraffic;
    private long idleBeforeRequest;
    private boolean stopAnswered;
    private WaitWidenedByStops sessionTimer;
    private final PendingAnswer pending;
    private final FastInitRules fastInit;

    private final PowerLoss power;

    /**
     * @param conditions whether this end hears its own bytes, and how exactly it holds the
     *     tester to the limits ({@link LineConditions})
     */
    public KwpEcuLink(
            Clock clock,
            LineEndpoint line,
            LineConditions conditions,
            int address,
            KeyBytes keyBytes,
            KwpTiming timing,
            DiagnosticApplication app,
            Consumer<LinkEvent> events) {
        this.clock = clock;
        this.address = address;
        this.keyBytes = keyBytes;
        this.standard = timing;
        this.app = app;
        this.events = events;
        this.conditions = conditions;
        this.power = new PowerLoss(clock, events);
        this.pending = new PendingAnswer(clock);
        this.fastInit = new FastInitRules(timing, conditions);
        this.tx = new Transmitter(clock, line, conditions.hearsOwnBytes());
        tx.holdOffOnSharedLine(() -> timing().ecuP2());
        KwpFrameDecoder frames = new KwpFrameDecoder(timing.p4().max() + conditions.tolerance());
        frames.resyncByIdle().stretchGaps(conditions.stretch()).onDecoded(this::onDecoded);
        this.decoder = new TimedDecoder<>(clock, frames);
        this.lastTraffic = clock.nanos();
        this.line = line;
        this.initCues = new InitCues(
                address,
                FUNCTIONAL_ADDRESS,
                timing.tiniL().nominal(),
                timing.p4().max(),
                timing.w5Min(),
                conditions.uncertainty().nanos());
        line.onReceive(this::onLine);
        enter(new AwaitingInit(timing.idleAfterPowerOn()));
    }

    /** The timing set in force: the session's (AccessTimingParameters may have changed it), else the standard set. */
    public KwpTiming timing() {
        return state instanceof InSession s ? s.timing() : standard;
    }

    @Override
    public FaultPlan faults() {
        return faults;
    }

    @Override
    public boolean awaitingInit() {
        return state instanceof AwaitingInit;
    }

    // ---- receiving -----------------------------------------------------------------------

    private void onLine(LineEvent e) {
        if (power.swallows(e)) {
            return;
        }
        if (e instanceof LineEvent.Byte b) {
            if (tx.isEcho(b.value(), sent -> events.accept(LinkEvent.Collision.of(b.at(), sent, b.value())))) {
                return;
            }
            onTesterByte(b.value(), b.at());
        } else if (e instanceof LineEvent.Low low) {
            onWakeUp(low);
        } else if (e instanceof LineEvent.SlowByte s) {
            onFiveBaudAddress(s);
        }
    }

    private void onTesterByte(int value, long at) {
        if (state instanceof FiveBaudInit handshake) {
            lastTraffic = at;
            handshake.responder().testerByte(value, at);
            return;
        }
        if (decoder.idle()) {
            idleBeforeRequest = at - lastTraffic;
        }
        lastTraffic = at;
        decoder.feed(value, at);
    }

    private void onDecoded(Decoded<KwpFrame> d) {
        FaultInjection.saidEchoes(faults, Bytes.of(d.raw()), clock.nanos(), events);
        if (d instanceof Decoded.Dropped<KwpFrame> drop) {
            events.accept(new LinkEvent.FrameDropped(
                    clock.nanos(),
                    Direction.ECU,
                    drop.reason().name().toLowerCase(Locale.ROOT),
                    Bytes.of(drop.raw()),
                    drop.why(conditions.limitText(standard.p4().max() + conditions.tolerance()))));
            giveUpWakeUp("the frame after it was dropped");
            return;
        }
        Decoded.Frame<KwpFrame> f = (Decoded.Frame<KwpFrame>) d;
        events.accept(new LinkEvent.FrameReceived(f.lastAt(), Direction.ECU, f.firstAt(), Bytes.of(f.raw())));
        if (f.longestGap() > standard.p4().max()) {
            tolerated(
                    Hex.of(f.raw()),
                    "a gap of " + Durations.format(f.longestGap()) + " between its bytes, above P4max "
                            + Durations.format(standard.p4().max()),
                    conditions.takenWithin(f.firstAt(), f.lastAt()));
        }
        KwpFrame frame = f.frame();
        if (frame.addressing().hasAddressBytes() && frame.target() != address && frame.target() != FUNCTIONAL_ADDRESS) {
            ignore(Hex.of(f.raw()), String.format("addressed to %02X, we are %02X", frame.target(), address));
            return;
        }
        if (frame.sid() == START_COMMUNICATION) {
            startCommunication(f);
            return;
        }
        if (!(state instanceof InSession session)) {
            ignore(Hex.of(f.raw()), "no session: initialise first");
            giveUpWakeUp("a frame other than StartCommunication followed it");
            return;
        }
        long sinceAnswer = f.firstAt() - tx.lastByteAt();
        if (tx.busy()) {
            ignore(Hex.of(f.raw()), "arrived while we were answering");
            return;
        }
        if (pending.isDue()) {
            // no answer now, and no stray frame later either (PendingAnswer)
            ignore(
                    Hex.of(f.raw()),
                    String.format(
                            "arrived while our answer to %02X is pending (responsePending sent); not answered",
                            pending.sid()));
            return;
        }
        long p3Min = session.timing().p3().min();
        // A stop of the machine between our answer and the request (the answer reached the
        // tester late, or the request reached us early after a held byte) shortens the gap as seen.
        long answerEnd = tx.lastByteAt();
        boolean answeredBefore = answerEnd != Long.MIN_VALUE;
        if (answeredBefore
                && sinceAnswer < p3Min
                && sinceAnswer >= p3Min - conditions.tolerance(answerEnd, f.firstAt())) {
            tolerated(
                    Hex.of(f.raw()),
                    "request " + Durations.format(sinceAnswer) + " after our answer, below P3min "
                            + Durations.format(p3Min),
                    conditions.takenWithin(answerEnd, f.firstAt()));
        } else if (answeredBefore && sinceAnswer < p3Min) {
            ignore(
                    Hex.of(f.raw()),
                    "request " + Durations.format(sinceAnswer) + " after our answer; P3min is "
                            + Durations.format(session.timing().p3().min()));
            restartSessionTimer(f.lastAt());
            return;
        }
        restartSessionTimer(f.lastAt());
        handle(frame, f.lastAt());
    }

    // ---- fast init -------------------------------------------------------------------------

    /**
     * A wake-up pattern: K low for TiniL, after the idle the state asks for (inside a session
     * P3min, as a wake-up is a tester transmission). A bad one leaves the ECU ready for a new
     * wake-up at once (ISO 14230-2 s5.1.2).
     */
    private void onWakeUp(LineEvent.Low low) {
        long needed = state instanceof InSession s
                ? s.timing().p3().min()
                : state instanceof AwaitingInit a ? a.idleNeeded() : 0;
        FastInitRules.Verdict verdict = fastInit.wakeUp(low.durationNanos(), low.at() - lastTraffic, needed, timing());
        if (verdict instanceof FastInitRules.Refused refused) {
            ignore("wake-up pattern", refused.why());
            readyAtOnceUnlessInSession();
            return;
        }
        leave("new fast init");
        WakingUp waking = new WakingUp(low.at());
        enter(waking);
        decoder.reset();
        // A wake-up whose StartCommunication never comes whole must not keep the module from
        // hearing the next one: after TWuP and a StartCommunication's time (P4max between its
        // bytes), widened by the line's uncertainty and the machine's stops, it waits for an init again.
        long startCommunicationTime = 5 * standard.p4().max();
        WaitWidenedByStops.start(
                clock,
                conditions,
                low.at(),
                standard.tWup().max() + startCommunicationTime,
                CpuStops.MOST_WAITED,
                waited -> {
                    if (state == waking) {
                        giveUpWakeUp("no StartCommunication within TWuP" + waited);
                    }
                });
    }

    /** Back to awaiting an init after a wake-up whose StartCommunication did not come, and says so. */
    private void giveUpWakeUp(String why) {
        if (state instanceof WakingUp) {
            ignore("wake-up pattern", why + "; waiting for a new init");
            enter(new AwaitingInit(0));
        }
    }

    private void readyAtOnceUnlessInSession() {
        if (state instanceof AwaitingInit) {
            enter(new AwaitingInit(0));
        }
    }

    /**
     * StartCommunication: after a wake-up at TWuP, or (a re-initialisation) inside a session;
     * which are taken, {@link FastInitRules} says.
     */
    private void startCommunication(Decoded.Frame<KwpFrame> f) {
        FastInitRules.Verdict verdict = state instanceof WakingUp wake
                ? fastInit.afterWakeUp(f.firstAt() - wake.lowAt())
                : state instanceof InSession ? FastInitRules.TAKEN : fastInit.withoutWakeUp(idleBeforeRequest);
        if (verdict instanceof FastInitRules.Refused refused) {
            ignore(Hex.of(f.raw()), refused.why());
            if (state instanceof WakingUp) {
                enter(new AwaitingInit(0));
            }
            return;
        }
        if (verdict instanceof FastInitRules.Tolerated tolerated) {
            tolerated(Hex.of(f.raw()), tolerated.why());
        }
        if (state instanceof InSession) {
            endSession("StartCommunication in a session: re-initialising");
        }
        openSession(f.lastAt(), "fast init");
        answer(f.frame(), f.lastAt(), new byte[] {(byte) 0xC1, (byte) keyBytes.kb1(), (byte) keyBytes.kb2()}, false);
    }

    // ---- 5-baud init -------------------------------------------------------------------------

    /** Our address (or the functional one) at 5 baud after W5 of idle starts the key-byte handshake. */
    private void onFiveBaudAddress(LineEvent.SlowByte s) {
        long idle = s.at() - lastTraffic;
        String what = String.format("5-baud address %02X", s.value());
        if (s.value() != address && s.value() != FUNCTIONAL_ADDRESS) {
            ignore(what, "not our address");
            return;
        }
        if (idle < standard.w5Min()) {
            ignore(
                    what,
                    "only " + Durations.format(idle) + " idle before it; W5 is " + Durations.format(standard.w5Min()));
            return;
        }
        leave("new 5-baud init");
        long end = s.at() + s.durationNanos();
        lastTraffic = end;
        FiveBaudResponder responder =
                new FiveBaudResponder(clock, tx, standard, keyBytes, s.value(), conditions, new Handshake());
        enter(new FiveBaudInit(responder));
        responder.start(end);
    }

    /** How the link follows a 5-baud handshake under way. */
    private final class Handshake implements FiveBaudResponder.Outcome {
        @Override
        public void sent(long at) {
            lastTraffic = at;
        }

        @Override
        public void opened(long at) {
            openSession(at, "5-baud init");
        }

        @Override
        public void ignored(String what, String why) {
            ignore(what, why);
        }

        @Override
        public void tolerated(String what, String why, String within) {
            KwpEcuLink.this.tolerated(what, why, within);
        }

        @Override
        public void failed(String what, String why) {
            ignore(what, why);
            enter(new AwaitingInit(0));
        }
    }

    // ---- answering ---------------------------------------------------------------------------

    private void handle(KwpFrame request, long end) {
        int sid = request.sid();
        if (sid == STOP_COMMUNICATION) {
            if (request.data().length != 1) {
                // ISO 14230-2 defines StopCommunication as the service id alone. KWP2000 has no
                // "incorrect message length" code of its own (that is UDS's 0x13): a request of the
                // wrong layout is 0x12 subFunctionNotSupported-invalidFormat, and the session stays.
                answer(request, end, Nrc.INVALID_FORMAT.encode(STOP_COMMUNICATION), true);
                return;
            }
            answer(request, end, new byte[] {(byte) (STOP_COMMUNICATION + 0x40)}, false);
            stopAnswered = true;
            return;
        }
        if (sid == AccessTimingParameters.SID) {
            AccessTimingParameters.Outcome o = AccessTimingParameters.handle(request.data(), standard, timing());
            enter(new InSession(o.timing()));
            answer(request, end, o.answer(), (o.answer()[0] & 0xFF) == Nrc.NEGATIVE_RESPONSE);
            return;
        }
        deliver(request, end, app.onRequest(request.data(), end));
    }

    /**
     * An answer, a responsePending now and the answer later (within P2*max), or nothing (which
     * is said). A session that ends before a pending answer is due drops it.
     */
    private void deliver(KwpFrame request, long end, Reply reply) {
        if (reply instanceof Reply.Answer || reply instanceof Reply.Paced) {
            Bytes requestData = Bytes.of(request.data());
            long due = end + timing().ecuP2();
            int storm = faults.pendingBefore(requestData, a -> FaultInjection.said(a, requestData, due, due, events));
            if (storm > 0) {
                pendAgain(request, end, reply, storm);
                return;
            }
        }
        answerNow(request, end, reply);
    }

    /**
     * An injected responsePending storm: {@code left} more {@code 7F SID 78}, each P2 after the
     * previous frame ended, then the answer; the link treats the wait as any pending answer.
     */
    private void pendAgain(KwpFrame request, long end, Reply reply, int left) {
        if (left == 0) {
            answerNow(request, end, reply);
            return;
        }
        byte[] responsePending = Nrc.RESPONSE_PENDING.encode(request.sid());
        answer(request, end, responsePending, true);
        KwpTiming t = timing();
        int bytes = KwpFrame.responseTo(request, address, responsePending).encode().length;
        long frameEnd = end + t.ecuP2() + (bytes - 1) * t.ecuP1();
        pending.schedule(request.sid(), frameEnd + 1, () -> pendAgain(request, tx.lastByteAt(), reply, left - 1));
    }

    private void answerNow(KwpFrame request, long end, Reply reply) {
        if (reply instanceof Reply.Answer a) {
            byte[] d = a.data();
            answer(request, end, d, d.length >= 1 && (d[0] & 0xFF) == Nrc.NEGATIVE_RESPONSE);
        } else if (reply instanceof Reply.Paced p) {
            byte[] d = p.answer().data();
            answer(request, end, d, d.length >= 1 && (d[0] & 0xFF) == Nrc.NEGATIVE_RESPONSE, p.pace());
        } else if (reply instanceof Reply.Pending p) {
            answer(request, end, Nrc.RESPONSE_PENDING.encode(request.sid()), true);
            KwpTiming t = timing();
            long delay = Math.min(p.delayNanos(), t.p2StarMax());
            pending.schedule(
                    request.sid(),
                    end + Math.max(delay, t.ecuP2()),
                    () -> deliver(
                            request, clock.nanos() - timing().ecuP2(), p.then().get()));
        } else {
            ignore(Hex.of(request.encode()), "the application gives no answer");
        }
    }

    private void answer(KwpFrame request, long requestEnd, byte[] data, boolean negative) {
        answer(request, requestEnd, data, negative, null);
    }

    /** As above, at the instants {@code pace} says when it is not null (a replayed recording's). */
    private void answer(KwpFrame request, long requestEnd, byte[] data, boolean negative, Pace pace) {
        byte[] bytes = KwpFrame.responseTo(request, address, data).encode();
        KwpTiming t = timing();
        long due = requestEnd + t.ecuP2();
        long first = pace == null ? due : pace.first(requestEnd, due);
        Bytes requestData = Bytes.of(request.data());
        FaultPlan.Transmission shaped = faults.shape(
                requestData,
                bytes,
                new FaultPlan.Layout(request.addressing().hasAddressBytes() ? 2 : -1, false),
                requestEnd,
                first,
                t.ecuP1());
        FaultPlan.Transmission out = pace == null ? shaped : pace.retime(shaped, t.ecuP1());
        if (!FaultInjection.said(out, requestData, first, events)) {
            out.made(Fault.PowerDip.class).ifPresent(dip -> powerDip(first, dip));
            if (out.made(Fault.EndSession.class).isPresent()) {
                endSession("ended early by the module (fault end-session); a new init is needed");
            }
            return; // told to stay silent, to end the session, or without power
        }
        tx.send(out.bytes(), out.at(), last -> {
            long sentFirst = tx.frameFirstAt(); // later than planned when another module held the line
            lastTraffic = last;
            events.accept(new LinkEvent.FrameSent(last, Direction.ECU, sentFirst, Bytes.of(out.bytes())));
            String why = negative && data.length >= 3 ? Nrc.describe(data[2]) : "";
            events.accept(
                    new LinkEvent.Answered(last, requestData, Bytes.of(data), negative, sentFirst - requestEnd, why));
            restartSessionTimer(last);
            if (stopAnswered) {
                stopAnswered = false;
                endSession("StopCommunication");
                enter(new AwaitingInit(standard.idleAfterStop()));
            }
        });
    }

    // ---- session ---------------------------------------------------------------------------

    private void openSession(long at, String how) {
        enter(new InSession(standard));
        events.accept(new LinkEvent.SessionStarted(at, how));
        app.sessionStarted(at);
        restartSessionTimer(at);
    }

    private void restartSessionTimer(long from) {
        if (sessionTimer != null) {
            sessionTimer.cancel();
        }
        long p3Max = timing().p3().max();
        if (p3Max >= KwpTiming.INFINITE) {
            sessionTimer = null;
            return;
        }
        // a request the machine's stops held may still come: the session waits for it, up to one more P3max
        sessionTimer = WaitWidenedByStops.start(clock, conditions, from, p3Max, p3Max, waited -> {
            sessionTimer = null;
            if (state instanceof InSession && !tx.busy() && !pending.isDue()) {
                endSession("P3max timeout: no request for " + Durations.format(p3Max) + waited);
                enter(new AwaitingInit(0));
            }
        });
    }

    /**
     * An injected power dip from {@code at}: the session and any init under way are lost, the
     * module hears nothing until the dip is over, then comes back as after power-on (an init
     * after the idle it needs) and says what it did not hear.
     */
    private void powerDip(long at, Fault.PowerDip dip) {
        leave("the module lost power (fault " + dip.text() + ")");
        enter(new AwaitingInit(standard.idleAfterPowerOn()));
        decoder.reset();
        power.begin(at, dip, () -> lastTraffic = clock.nanos());
    }

    /** A new init begins: a session ends, a 5-baud handshake under way stops sending. */
    private void leave(String why) {
        if (state instanceof FiveBaudInit handshake) {
            handshake.responder().stop();
        }
        endSession(why);
    }

    /** Ends a session (if one is open) and its timer; the caller sets the state that follows. */
    private void endSession(String why) {
        if (state instanceof InSession) {
            tx.abort();
            if (pending.drop()) {
                ignore(String.format("pending answer to %02X", pending.sid()), "the session ended first: " + why);
            }
            enter(new AwaitingInit(0));
            events.accept(new LinkEvent.SessionEnded(clock.nanos(), why));
            app.sessionEnded(clock.nanos());
            log.debug("session ended: {}", why);
        }
        if (sessionTimer != null) {
            sessionTimer.cancel();
            sessionTimer = null;
        }
    }

    /**
     * Moves to {@code next}, telling the line which init may come: any while one is awaited; in a
     * session, one after the session's P3min of quiet (a tester may initialise again, see
     * {@link #onWakeUp}: on a pty, where the wake-up is only its 0x00, the line must know that
     * such a byte may be one); none while an init is under way.
     */
    private void enter(State next) {
        State was = state;
        state = next;
        if (next instanceof AwaitingInit && !(was instanceof AwaitingInit)) {
            line.expectInit(initCues);
        } else if (next instanceof InSession s) {
            KwpTiming t = s.timing();
            line.expectInit(new InitCues(
                    initCues.address(),
                    initCues.functionalAddress(),
                    initCues.lowNanos(),
                    Math.max(t.p4().max(), t.p3().min()),
                    initCues.quietBeforeAddress(),
                    initCues.lateBy()));
        } else if (!(next instanceof AwaitingInit) && (was instanceof AwaitingInit || was instanceof InSession)) {
            line.expectNoInit();
        }
    }

    private void ignore(String what, String why) {
        events.accept(new LinkEvent.Ignored(clock.nanos(), what, why));
    }

    private void tolerated(String what, String why) {
        tolerated(what, why, conditions.uncertainty().toString());
    }

    /** Taken within {@code within}: the uncertainty, and the machine's stops where they bear on it. */
    private void tolerated(String what, String why, String within) {
        events.accept(new LinkEvent.Tolerated(clock.nanos(), what, why + "; taken, " + within));
    }
}
