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
 * The simulated body controller's DS2 link layer: no initialisation; telegrams addressed to
 * us are handed to the application, and its answer goes back as a telegram, first byte
 * after the response delay, the rest one inter-byte gap apart, each on the clock.
 * Telegrams for other addresses, with a bad checksum, or truncated get no answer.
 */
public final class Ds2EcuLink implements EcuLink {

    private final Clock clock;
    private final int address;
    private final Ds2Timing timing;
    private final DiagnosticApplication app;
    private final Transmitter tx;
    private final FaultPlan faults = new FaultPlan(Ds2EcuLink::cannotMake);
    private final TimedDecoder<Ds2Telegram> decoder;
    private final Consumer<LinkEvent> events;
    private final LineConditions conditions;
    private final PowerLoss power;

    public Ds2EcuLink(
            Clock clock,
            LineEndpoint line,
            LineConditions conditions,
            int address,
            Ds2Timing timing,
            DiagnosticApplication app,
            Consumer<LinkEvent> events) {
        this.clock = clock;
        this.address = address;
        this.timing = timing;
        this.app = app;
        this.events = events;
        this.conditions = conditions;
        this.power = new PowerLoss(clock, events);
        this.tx = new Transmitter(clock, line, conditions.hearsOwnBytes());
        tx.holdOffOnSharedLine(timing::ecuResponseDelay);
        Ds2Decoder telegrams = new Ds2Decoder(timing.testerInterByteMax() + conditions.tolerance());
        telegrams.resyncByIdle().onDecoded(this::onDecoded);
        this.decoder = new TimedDecoder<>(clock, telegrams);
        line.onReceive(this::onLine);
    }

    /** DS2 has no initialisation: the module is always ready for a telegram. */
    @Override
    public FaultPlan faults() {
        return faults;
    }

    @Override
    public boolean awaitingInit() {
        return false;
    }

    /** DS2 has no responsePending and no session: the faults that need them cannot be made. */
    public static String cannotMake(Fault f) {
        if (f instanceof Fault.Pending) {
            return "DS2 has no responsePending";
        }
        if (f instanceof Fault.EndSession) {
            return "DS2 has no session to end";
        }
        return FaultPlan.kLineCannotMake(f);
    }

    private void onLine(LineEvent e) {
        if (power.swallows(e)) {
            return;
        }
        if (!(e instanceof LineEvent.Byte b)) {
            events.accept(new LinkEvent.Ignored(e.at(), e.toString(), "DS2 has no initialisation"));
            return;
        }
        if (tx.isEcho(b.value(), sent -> events.accept(LinkEvent.Collision.of(b.at(), sent, b.value())))) {
            return;
        }
        decoder.feed(b.value(), b.at());
    }

    private void onDecoded(Decoded<Ds2Telegram> d) {
        FaultInjection.saidEchoes(faults, Bytes.of(d.raw()), clock.nanos(), events);
        if (d instanceof Decoded.Dropped<Ds2Telegram> drop) {
            events.accept(new LinkEvent.FrameDropped(
                    clock.nanos(), Direction.ECU, drop.reason().name().toLowerCase(Locale.ROOT), Bytes.of(drop.raw())));
            return;
        }
        Decoded.Frame<Ds2Telegram> f = (Decoded.Frame<Ds2Telegram>) d;
        events.accept(new LinkEvent.FrameReceived(f.lastAt(), Direction.ECU, f.firstAt(), Bytes.of(f.raw())));
        if (f.longestGap() > timing.testerInterByteMax()) {
            events.accept(new LinkEvent.Tolerated(
                    f.lastAt(),
                    Hex.of(f.raw()),
                    "a gap of " + Durations.format(f.longestGap()) + " between its bytes, above the "
                            + Durations.format(timing.testerInterByteMax()) + " allowed; taken, "
                            + conditions.uncertainty()));
        }
        if (f.frame().address() != address) {
            events.accept(new LinkEvent.Ignored(
                    f.lastAt(),
                    Hex.of(f.raw()),
                    String.format("addressed to %02X, we are %02X", f.frame().address(), address)));
            return;
        }
        if (tx.busy()) {
            events.accept(new LinkEvent.Ignored(f.lastAt(), Hex.of(f.raw()), "arrived while we were answering"));
            return;
        }
        deliver(f.frame(), f.lastAt(), app.onRequest(f.frame().data(), f.lastAt()));
    }

    private void deliver(Ds2Telegram request, long end, Reply reply) {
        Pace pace = null;
        if (reply instanceof Reply.Paced p) {
            pace = p.pace();
            reply = p.answer();
        }
        if (reply instanceof Reply.Answer a) {
            byte[] data = a.data();
            byte[] bytes = new Ds2Telegram(address, data).encode();
            long due = end + timing.ecuResponseDelay();
            long first = pace == null ? due : pace.first(end, due);
            Bytes req = Bytes.of(request.data());
            FaultPlan.Transmission shaped =
                    faults.shape(req, bytes, new FaultPlan.Layout(0, true), end, first, timing.ecuInterByte());
            FaultPlan.Transmission out = pace == null ? shaped : pace.retime(shaped, timing.ecuInterByte());
            if (!FaultInjection.said(out, req, first, events)) {
                // without power: nothing half-heard is kept, and back it simply listens (DS2 has no session)
                out.made(Fault.PowerDip.class).ifPresent(dip -> {
                    decoder.reset();
                    power.begin(first, dip, () -> {});
                });
                return; // told to stay silent, or without power
            }
            tx.send(out.bytes(), out.at(), last -> {
                long sentFirst = tx.frameFirstAt(); // later than planned when another module held the line
                events.accept(new LinkEvent.FrameSent(last, Direction.ECU, sentFirst, Bytes.of(out.bytes())));
                events.accept(new LinkEvent.Answered(
                        last,
                        req,
                        Bytes.of(data),
                        (data[0] & 0xFF) != Ds2Telegram.STATUS_OK,
                        sentFirst - end,
                        a.why()));
            });
        } else if (reply instanceof Reply.Pending p) {
            // DS2 has no responsePending: the answer simply comes when the job is done.
            clock.schedule(
                    end + p.delayNanos(),
                    () -> deliver(request, clock.nanos(), p.then().get()));
        } else {
            events.accept(new LinkEvent.Ignored(end, Hex.of(request.encode()), "the application gives no answer"));
        }
    }
}
