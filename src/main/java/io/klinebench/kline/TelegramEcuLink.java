package io.klinebench.kline;

import io.klinebench.line.Bytes;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.LineEvent;
import io.klinebench.time.Clock;
import io.klinebench.time.Durations;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The link layer of a module that needs no initialisation (BMW's DS2 and KWP2000*): a telegram
 * addressed to it is handed to the application at once, and the answer goes back as a telegram,
 * the first byte after the module's response delay, the rest one inter-byte gap apart, each on
 * the clock. What is not answered is said: a telegram for another module, one with a bad
 * checksum or cut short, one that comes while the module is answering, a wake-up or 5-baud
 * byte. The two protocols differ only in their telegram (its layout, addressing and what a
 * refusal looks like), which a subclass gives; the timing values are the module's own
 * parameters ({@link Ds2Timing}: EDIABAS takes them from the module's description file, no
 * standard sets them).
 *
 * @param <T> the protocol's telegram
 */
abstract class TelegramEcuLink<T> implements EcuLink {

    private final Clock clock;
    private final int address;
    private final Ds2Timing timing;
    private final DiagnosticApplication app;
    private final Transmitter tx;
    private final FaultPlan faults;
    private final TimedDecoder<T> decoder;
    private final Consumer<LinkEvent> events;
    private final LineConditions conditions;
    private final PowerLoss power;
    private final String protocol;
    /** The longest gap between a telegram's bytes the decoder takes, in words. */
    private final String interByteLimit;

    /**
     * @param telegrams the protocol's decoder, its longest gap inside a telegram already widened
     *     by the line's tolerance
     * @param protocol the protocol's name, as events say it ("DS2")
     */
    TelegramEcuLink(
            Clock clock,
            LineEndpoint line,
            LineConditions conditions,
            int address,
            Ds2Timing timing,
            DiagnosticApplication app,
            Consumer<LinkEvent> events,
            FrameDecoder<T> telegrams,
            String protocol) {
        this.clock = clock;
        this.address = address;
        this.timing = timing;
        this.app = app;
        this.events = events;
        this.conditions = conditions;
        this.protocol = protocol;
        this.faults = new FaultPlan(f -> cannotMake(protocol, f));
        this.power = new PowerLoss(clock, events);
        this.tx = new Transmitter(clock, line, conditions.hearsOwnBytes());
        tx.holdOffOnSharedLine(timing::ecuResponseDelay);
        this.interByteLimit = conditions.limitText(telegrams.interByteMax());
        telegrams.resyncByIdle().stretchGaps(conditions.stretch()).onDecoded(this::onDecoded);
        this.decoder = new TimedDecoder<>(clock, telegrams);
        line.onReceive(this::onLine);
    }

    /**
     * Neither protocol has a responsePending or a session: the faults that need them cannot be
     * made (and are refused where a setup or sequence names them), nor can a CAN frame's; null for
     * one that can.
     */
    static String cannotMake(String protocol, Fault f) {
        if (f instanceof Fault.Pending) {
            return protocol + " has no responsePending";
        }
        if (f instanceof Fault.EndSession) {
            return protocol + " has no session to end";
        }
        return FaultPlan.kLineCannotMake(f);
    }

    /** The module's address. */
    final int address() {
        return address;
    }

    /** The telegram's target address. */
    abstract int target(T telegram);

    /** Whether {@code target} reaches this module (its own address, or one all modules take). */
    abstract boolean takes(int target);

    /** The telegram's data (what the application reads). */
    abstract byte[] data(T telegram);

    /** The answer to {@code request} carrying {@code data}, as it goes on the line. */
    abstract byte[] answer(T request, byte[] data);

    /** Where the answer's length and first data byte are, for faults that change them. */
    abstract FaultPlan.Layout layout();

    /** Whether an answer's data is a refusal. */
    abstract boolean refusal(byte[] data);

    /** The telegram as it came, for events. */
    abstract byte[] encode(T telegram);

    @Override
    public final FaultPlan faults() {
        return faults;
    }

    /** There is no initialisation: the module is always ready for a telegram. */
    @Override
    public final boolean awaitingInit() {
        return false;
    }

    private void onLine(LineEvent e) {
        if (power.swallows(e)) {
            return;
        }
        if (!(e instanceof LineEvent.Byte b)) {
            events.accept(new LinkEvent.Ignored(e.at(), e.toString(), protocol + " has no initialisation"));
            return;
        }
        if (tx.isEcho(b.value(), sent -> events.accept(LinkEvent.Collision.of(b.at(), sent, b.value())))) {
            return;
        }
        decoder.feed(b.value(), b.at());
    }

    private void onDecoded(Decoded<T> d) {
        FaultInjection.saidEchoes(faults, Bytes.of(d.raw()), clock.nanos(), events);
        if (d instanceof Decoded.Dropped<T> drop) {
            events.accept(new LinkEvent.FrameDropped(
                    clock.nanos(),
                    Direction.ECU,
                    drop.reason().name().toLowerCase(Locale.ROOT),
                    Bytes.of(drop.raw()),
                    drop.why(interByteLimit)));
            return;
        }
        Decoded.Frame<T> f = (Decoded.Frame<T>) d;
        events.accept(new LinkEvent.FrameReceived(f.lastAt(), Direction.ECU, f.firstAt(), Bytes.of(f.raw())));
        if (f.longestGap() > timing.testerInterByteMax()) {
            events.accept(new LinkEvent.Tolerated(
                    f.lastAt(),
                    Hex.of(f.raw()),
                    "a gap of " + Durations.format(f.longestGap()) + " between its bytes, above the "
                            + Durations.format(timing.testerInterByteMax()) + " allowed; taken, "
                            + conditions.takenWithin(f.firstAt(), f.lastAt())));
        }
        T request = f.frame();
        if (!takes(target(request))) {
            events.accept(new LinkEvent.Ignored(
                    f.lastAt(),
                    Hex.of(f.raw()),
                    "addressed to " + Hex.ofByte(target(request)) + ", we are " + Hex.ofByte(address)));
            return;
        }
        if (tx.busy()) {
            events.accept(new LinkEvent.Ignored(f.lastAt(), Hex.of(f.raw()), "arrived while we were answering"));
            return;
        }
        deliver(request, f.lastAt(), app.onRequest(data(request), f.lastAt()));
    }

    private void deliver(T request, long end, Reply reply) {
        Pace pace = null;
        if (reply instanceof Reply.Paced p) {
            pace = p.pace();
            reply = p.answer();
        }
        if (reply instanceof Reply.Answer a) {
            byte[] data = a.data();
            byte[] bytes = answer(request, data);
            long due = end + timing.ecuResponseDelay();
            long first = pace == null ? due : pace.first(end, due);
            Bytes req = Bytes.of(data(request));
            FaultPlan.Transmission shaped = faults.shape(req, bytes, layout(), end, first, timing.ecuInterByte());
            FaultPlan.Transmission out = pace == null ? shaped : pace.retime(shaped, timing.ecuInterByte());
            if (!FaultInjection.said(out, req, first, events)) {
                // without power: nothing half-heard is kept, and back it simply listens (no session to lose)
                out.made(Fault.PowerDip.class).ifPresent(dip -> {
                    decoder.reset();
                    power.begin(first, dip, () -> {});
                });
                return; // told to stay silent, or without power
            }
            tx.send(out.bytes(), out.at(), last -> {
                long sentFirst = tx.frameFirstAt(); // later than planned when another module held the line
                events.accept(new LinkEvent.FrameSent(last, Direction.ECU, sentFirst, Bytes.of(out.bytes())));
                events.accept(
                        new LinkEvent.Answered(last, req, Bytes.of(data), refusal(data), sentFirst - end, a.why()));
            });
        } else if (reply instanceof Reply.Pending p) {
            // no responsePending in these protocols: the answer simply comes when the job is done
            clock.schedule(
                    end + p.delayNanos(),
                    () -> deliver(request, clock.nanos(), p.then().get()));
        } else {
            events.accept(new LinkEvent.Ignored(end, Hex.of(encode(request)), "the application gives no answer"));
        }
    }
}
