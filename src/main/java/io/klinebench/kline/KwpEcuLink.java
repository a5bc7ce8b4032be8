package io.klinebench.kline;

import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.LineEvent;
import io.klinebench.time.Clock;
import io.klinebench.time.Durations;
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
 *  AWAIT_INIT --K low TiniL, StartCommunication after TWuP--> SESSION --StopCommunication--> AWAIT_INIT
 *  AWAIT_INIT --5-baud address after W5 idle: 55, KB1, KB2, ~KB2, ~addr--> SESSION
 *  SESSION --no request for P3max--> AWAIT_INIT (silently)
 * </pre>
 */
public final class KwpEcuLink implements EcuLink {

    /** ISO 14230 functional address of the OBD/diagnostic functions. */
    public static final int FUNCTIONAL_ADDRESS = 0x33;

    private static final Logger log = LoggerFactory.getLogger(KwpEcuLink.class);

    private enum State {
        AWAIT_INIT,
        WAKE_UP,
        FIVE_BAUD,
        SESSION
    }

    private final Clock clock;
    private final int address;
    private final KeyBytes keyBytes;
    private final KwpTiming standardTiming;
    private final DiagnosticApplication app;
    private final Transmitter tx;
    private final TimedDecoder<KwpFrame> decoder;
    private final Consumer<LinkEvent> events;
    private KwpTiming timing;
    private State state = State.AWAIT_INIT;
    private long lastTraffic;
    private long idleNeeded;
    private long wakeUpAt;
    private int fiveBaudStep;
    private long idleBeforeRequest;
    private boolean lenientInitTiming;
    private Clock.Scheduled sessionTimer;

    /**
     * @param lineEchoes whether this end hears its own bytes back (a real K-line)
     */
    public KwpEcuLink(
            Clock clock,
            LineEndpoint line,
            boolean lineEchoes,
            int address,
            KeyBytes keyBytes,
            KwpTiming timing,
            DiagnosticApplication app,
            Consumer<LinkEvent> events) {
        this.clock = clock;
        this.address = address;
        this.keyBytes = keyBytes;
        this.standardTiming = timing;
        this.timing = timing;
        this.app = app;
        this.events = events;
        this.tx = new Transmitter(clock, line, lineEchoes);
        KwpFrameDecoder frames = new KwpFrameDecoder(timing.p4Max());
        frames.resyncByIdle().onDecoded(this::onDecoded);
        this.decoder = new TimedDecoder<>(clock, frames);
        this.lastTraffic = clock.nanos();
        this.idleNeeded = timing.idleAfterPowerOn();
        line.onReceive(this::onLine);
    }

    /**
     * For a real line, where wake-ups are seen imprecisely or not at all (a pty carries no
     * break, and a tester may send no 0x00 either): a StartCommunication that comes after at
     * least TWuP of silence is taken as a fast init of its own, and one that follows a wake-up
     * early is taken once the low time is over. Off on the bench's virtual line, which shows
     * every wake-up exactly and so keeps the standard's limits.
     */
    public KwpEcuLink lenientInitTiming(boolean accept) {
        this.lenientInitTiming = accept;
        return this;
    }

    /** The timing set in force (AccessTimingParameters may have changed it). */
    public KwpTiming timing() {
        return timing;
    }

    public boolean inSession() {
        return state == State.SESSION;
    }

    /**
     * True while nothing is going on but waiting for an init (not during a wake-up, a 5-baud
     * handshake or a session): a transport that must guess wake-ups from bytes (a pty) asks this.
     */
    @Override
    public boolean awaitingInit() {
        return state == State.AWAIT_INIT;
    }

    // ---- receiving -----------------------------------------------------------------------

    private void onLine(LineEvent e) {
        if (e instanceof LineEvent.Byte b) {
            if (tx.isEcho(b.value(), sent -> events.accept(new LinkEvent.Collision(b.at(), sent, b.value())))) {
                return;
            }
            onTesterByte(b.value(), b.at());
        } else if (e instanceof LineEvent.Low low) {
            onWakeUp(low);
        } else if (e instanceof LineEvent.SlowByte s) {
            onFiveBaudAddress(s);
        }
    }

    private void onWakeUp(LineEvent.Low low) {
        long idle = low.at() - lastTraffic;
        long dur = low.durationNanos();
        if (Math.abs(dur - timing.tiniL()) > timing.tiniLTolerance()) {
            ignore(
                    "wake-up pattern",
                    "K low for " + Durations.format(dur) + ", TiniL is " + Durations.format(timing.tiniL()) + " +- "
                            + Durations.format(timing.tiniLTolerance()));
            idleNeeded = 0; // a bad wake-up leaves the ECU ready for a new one at once (ISO 14230-2 s5.1.2)
            return;
        }
        long needed = state == State.SESSION ? timing.p3Min() : idleNeeded;
        if (idle < needed) {
            ignore(
                    "wake-up pattern",
                    "only " + Durations.format(idle) + " idle before it; " + Durations.format(needed) + " needed");
            idleNeeded = 0;
            return;
        }
        endSession("new fast init");
        state = State.WAKE_UP;
        wakeUpAt = low.at();
        decoder.reset();
    }

    private void onTesterByte(int value, long at) {
        if (state == State.FIVE_BAUD) {
            onFiveBaudReply(value, at);
            return;
        }
        if (decoder.idle()) {
            idleBeforeRequest = at - lastTraffic;
        }
        lastTraffic = at;
        decoder.feed(value, at);
    }

    private void onDecoded(Decoded<KwpFrame> d) {
        if (d instanceof Decoded.Dropped<KwpFrame> drop) {
            events.accept(new LinkEvent.FrameDropped(
                    clock.nanos(), Direction.ECU, drop.reason().name().toLowerCase(), Hex.of(drop.raw())));
            return;
        }
        Decoded.Frame<KwpFrame> f = (Decoded.Frame<KwpFrame>) d;
        events.accept(new LinkEvent.FrameReceived(f.lastAt(), Direction.ECU, f.firstAt(), Hex.of(f.raw())));
        KwpFrame frame = f.frame();
        if (frame.addressing().hasAddressBytes() && frame.target() != address && frame.target() != FUNCTIONAL_ADDRESS) {
            ignore(
                    Hex.of(f.raw()),
                    "addressed to " + String.format("%02X", frame.target()) + ", we are "
                            + String.format("%02X", address));
            return;
        }
        if (frame.sid() == 0x81) {
            startCommunication(f);
            return;
        }
        if (state != State.SESSION) {
            ignore(Hex.of(f.raw()), "no session: initialise first");
            return;
        }
        long sinceAnswer = f.firstAt() - tx.lastByteAt();
        if (tx.busy()) {
            ignore(Hex.of(f.raw()), "arrived while we were answering");
            return;
        }
        if (tx.lastByteAt() != Long.MIN_VALUE && sinceAnswer < timing.p3Min()) {
            ignore(
                    Hex.of(f.raw()),
                    "request " + Durations.format(sinceAnswer) + " after our answer; P3min is "
                            + Durations.format(timing.p3Min()));
            restartSessionTimer(f.lastAt());
            return;
        }
        restartSessionTimer(f.lastAt());
        handle(frame, f.lastAt());
    }

    // ---- initialisation --------------------------------------------------------------------

    private void startCommunication(Decoded.Frame<KwpFrame> f) {
        if (state == State.WAKE_UP) {
            long sinceWake = f.firstAt() - wakeUpAt;
            boolean early = Math.abs(sinceWake - timing.tWup()) > timing.tWupTolerance() && sinceWake < timing.tWup();
            // On a real line (a pty above all) the wake-up's instant is a byte's arrival, off by
            // the reader's jitter: there a StartCommunication after the low time is taken. The
            // trace, and so the timing validator, still shows the TWuP the tester kept.
            if (early && lenientInitTiming && sinceWake >= timing.tiniL()) {
                early = false;
            }
            if (early) {
                ignore(
                        Hex.of(f.raw()),
                        "StartCommunication " + Durations.format(sinceWake) + " after the wake-up began; TWuP is "
                                + Durations.format(timing.tWup()));
                state = State.AWAIT_INIT;
                idleNeeded = 0;
                return;
            }
        } else if (state != State.SESSION) {
            if (!lenientInitTiming || idleBeforeRequest < timing.tWup()) {
                ignore(Hex.of(f.raw()), "StartCommunication without a wake-up pattern");
                return;
            }
        }
        if (state == State.SESSION) {
            endSession("StartCommunication in a session: re-initialising");
        }
        timing = standardTiming;
        state = State.SESSION;
        events.accept(new LinkEvent.SessionStarted(f.lastAt(), "fast init"));
        app.sessionStarted(f.lastAt());
        restartSessionTimer(f.lastAt());
        answer(f.frame(), f.lastAt(), new byte[] {(byte) 0xC1, (byte) keyBytes.kb1(), (byte) keyBytes.kb2()}, false);
    }

    private void onFiveBaudAddress(LineEvent.SlowByte s) {
        long idle = s.at() - lastTraffic;
        if (s.value() != address && s.value() != FUNCTIONAL_ADDRESS) {
            ignore(String.format("5-baud address %02X", s.value()), "not our address");
            return;
        }
        if (idle < timing.w5Min()) {
            ignore(
                    String.format("5-baud address %02X", s.value()),
                    "only " + Durations.format(idle) + " idle before it; W5 is " + Durations.format(timing.w5Min()));
            return;
        }
        endSession("new 5-baud init");
        state = State.FIVE_BAUD;
        fiveBaudStep = 0;
        long end = s.at() + s.durationNanos();
        lastTraffic = end;
        long w1 = within(timing.w1Min(), timing.w1Max());
        long w2 = within(timing.w2Min(), timing.w2Max());
        long w3 = within(timing.w3Min(), timing.w3Max());
        byte[] seq = {0x55, (byte) keyBytes.kb1(), (byte) keyBytes.kb2()};
        tx.send(
                new byte[] {seq[0]},
                end + w1,
                0,
                t0 -> tx.send(
                        new byte[] {seq[1]},
                        t0 + w2,
                        0,
                        t1 -> tx.send(new byte[] {seq[2]}, t1 + w3, 0, t2 -> {
                            fiveBaudStep = 1;
                            lastTraffic = t2;
                            clock.schedule(t2 + timing.w4Max() + 1, () -> {
                                if (state == State.FIVE_BAUD && fiveBaudStep == 1) {
                                    state = State.AWAIT_INIT;
                                    ignore("5-baud init", "no inverted KB2 from the tester within W4max");
                                }
                            });
                        })));
        fiveBaudAddress = s.value();
    }

    private int fiveBaudAddress;

    /** The tester's inverted KB2 ends the 5-baud init; we answer with the inverted address. */
    private void onFiveBaudReply(int value, long at) {
        lastTraffic = at;
        if (fiveBaudStep != 1) {
            ignore(String.format("%02X", value), "byte during the 5-baud init before our key bytes were out");
            return;
        }
        long w4 = at - tx.lastByteAt();
        if (value != (~keyBytes.kb2() & 0xFF) || w4 < timing.w4Min() || w4 > timing.w4Max()) {
            ignore(
                    String.format("%02X", value),
                    "expected inverted KB2 " + String.format("%02X", ~keyBytes.kb2() & 0xFF) + " within W4 "
                            + Durations.format(timing.w4Min()) + ".." + Durations.format(timing.w4Max())
                            + ", got it after " + Durations.format(w4));
            state = State.AWAIT_INIT;
            return;
        }
        fiveBaudStep = 2;
        tx.send(new byte[] {(byte) ~fiveBaudAddress}, at + within(timing.w4Min(), timing.w4Max()), 0, last -> {
            lastTraffic = last;
            timing = standardTiming;
            state = State.SESSION;
            events.accept(new LinkEvent.SessionStarted(last, "5-baud init"));
            app.sessionStarted(last);
            restartSessionTimer(last);
        });
    }

    /** A value inside [min, max]: a fifth of the way in, so both edges are kept clear. */
    private static long within(long min, long max) {
        return min + (max - min) / 5;
    }

    // ---- answering ---------------------------------------------------------------------------

    private void handle(KwpFrame request, long end) {
        byte[] data = request.data();
        int sid = request.sid();
        if (sid == 0x82) {
            answer(request, end, new byte[] {(byte) 0xC2}, false);
            idleAfterStop = true;
            return;
        }
        if (sid == 0x83) {
            answer(request, end, accessTimingParameters(data), false);
            return;
        }
        deliver(request, end, app.onRequest(data, end));
    }

    private boolean idleAfterStop;

    private void deliver(KwpFrame request, long end, Reply reply) {
        if (reply instanceof Reply.Answer a) {
            byte[] d = a.data();
            answer(request, end, d, d.length >= 1 && (d[0] & 0xFF) == 0x7F);
        } else if (reply instanceof Reply.Pending p) {
            answer(request, end, new byte[] {0x7F, (byte) request.sid(), 0x78}, true);
            long delay = Math.min(p.delayNanos(), timing.p2StarMax());
            clock.schedule(end + Math.max(delay, timing.ecuP2()), () -> {
                if (state == State.SESSION) {
                    deliver(request, clock.nanos() - timing.ecuP2(), p.then().get());
                }
            });
        } else {
            ignore(Hex.of(request.encode()), "the application gives no answer");
        }
    }

    private void answer(KwpFrame request, long requestEnd, byte[] data, boolean negative) {
        KwpFrame.Addressing mode =
                request.addressing().hasAddressBytes() ? KwpFrame.Addressing.PHYSICAL : KwpFrame.Addressing.NONE;
        int tester = request.addressing().hasAddressBytes() ? request.source() : 0;
        KwpFrame response = new KwpFrame(
                mode, tester, address, request.lengthByte() || data.length > KwpFrame.MAX_DATA_IN_FMT, data);
        byte[] bytes = response.encode();
        long first = requestEnd + timing.ecuP2();
        String requestHex = Hex.of(request.data());
        tx.send(bytes, first, timing.ecuP1(), last -> {
            lastTraffic = last;
            events.accept(new LinkEvent.FrameSent(last, Direction.ECU, first, Hex.of(bytes)));
            events.accept(new LinkEvent.Answered(last, requestHex, Hex.of(data), negative, first - requestEnd));
            restartSessionTimer(last);
            if (idleAfterStop) {
                idleAfterStop = false;
                endSession("StopCommunication");
                idleNeeded = timing.idleAfterStop();
            }
        });
    }

    /** AccessTimingParameters (83): 00 read limits, 01 set defaults, 02 read current, 03 set values. */
    private byte[] accessTimingParameters(byte[] data) {
        if (data.length < 2) {
            return new byte[] {0x7F, (byte) 0x83, 0x12};
        }
        int tpi = data[1] & 0xFF;
        switch (tpi) {
            case 0x00:
                return timingAnswer(0x00, standardTiming);
            case 0x01:
                timing = standardTiming;
                return new byte[] {(byte) 0xC3, 0x01};
            case 0x02:
                return timingAnswer(0x02, timing);
            case 0x03: {
                if (data.length != 7) {
                    return new byte[] {0x7F, (byte) 0x83, 0x12};
                }
                long p2Min = (data[2] & 0xFF) * 500_000L;
                long p2Max = (data[3] & 0xFF) * 25 * Durations.MS;
                long p3Min = (data[4] & 0xFF) * 500_000L;
                long p3Max = (data[5] & 0xFF) == 0xFF ? KwpTiming.INFINITE : (data[5] & 0xFF) * 250 * Durations.MS;
                long p4Min = (data[6] & 0xFF) * 500_000L;
                // The standard's constraints: P3min > P2max? no: P2min > P4max, P3min > P2max are the tester's duty
                // to respect; we refuse only what we cannot honour.
                if (p2Max < p2Min || p3Max < p3Min || p2Max < timing.p2Min()) {
                    return new byte[] {0x7F, (byte) 0x83, 0x31};
                }
                try {
                    timing = timing.withSession(p2Min, p2Max, p3Min, p3Max, p4Min);
                } catch (IllegalArgumentException e) {
                    return new byte[] {0x7F, (byte) 0x83, 0x31};
                }
                return new byte[] {(byte) 0xC3, 0x03};
            }
            default:
                return new byte[] {0x7F, (byte) 0x83, 0x12};
        }
    }

    private static byte[] timingAnswer(int tpi, KwpTiming t) {
        return new byte[] {
            (byte) 0xC3,
            (byte) tpi,
            (byte) (t.p2Min() / 500_000L),
            (byte) Math.min(0xFF, t.p2Max() / (25 * Durations.MS)),
            (byte) Math.min(0xFF, t.p3Min() / 500_000L),
            (byte) (t.p3Max() >= KwpTiming.INFINITE ? 0xFF : Math.min(0xFE, t.p3Max() / (250 * Durations.MS))),
            (byte) Math.min(0xFF, t.p4Min() / 500_000L)
        };
    }

    // ---- session ---------------------------------------------------------------------------

    private void restartSessionTimer(long from) {
        if (sessionTimer != null) {
            sessionTimer.cancel();
        }
        if (timing.p3Max() >= KwpTiming.INFINITE) {
            sessionTimer = null;
            return;
        }
        sessionTimer = clock.schedule(from + timing.p3Max() + 1, () -> {
            sessionTimer = null;
            if (state == State.SESSION && !tx.busy()) {
                endSession("P3max timeout: no request for " + Durations.format(timing.p3Max()));
                idleNeeded = 0;
            }
        });
    }

    private void endSession(String why) {
        if (state == State.SESSION) {
            tx.abort();
            state = State.AWAIT_INIT;
            timing = standardTiming;
            events.accept(new LinkEvent.SessionEnded(clock.nanos(), why));
            app.sessionEnded(clock.nanos());
            log.debug("session ended: {}", why);
        }
        if (sessionTimer != null) {
            sessionTimer.cancel();
            sessionTimer = null;
        }
    }

    private void ignore(String what, String why) {
        events.accept(new LinkEvent.Ignored(clock.nanos(), what, why));
    }
}
