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
 * A module's KWP2000* link layer (BMW's concept 0x010D, the R50/R53 engine controller on pin
 * 7): no initialisation, as EDIABAS's KWP2000* transmit function sends a telegram straight
 * away; telegrams addressed to us, or to the broadcast address, are handed to the application,
 * and its answer goes back to the sender as a telegram, the first byte after the module's
 * response delay, the rest one inter-byte gap apart. Telegrams for other modules, with a bad
 * checksum or truncated get no answer, and each is said. The timing values are the module's
 * own parameters, as for DS2 ({@link Ds2Timing}: EDIABAS takes them from the module's
 * description file, no standard sets them).
 */
public final class KwpStarEcuLink implements EcuLink {

    private final Clock clock;
    private final int address;
    private final Ds2Timing timing;
    private final DiagnosticApplication app;
    private final Transmitter tx;
    private final FaultPlan faults = new FaultPlan();
    private final TimedDecoder<KwpStarTelegram> decoder;
    private final Consumer<LinkEvent> events;
    private final LineConditions conditions;

    public KwpStarEcuLink(
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
        this.tx = new Transmitter(clock, line, conditions.hearsOwnBytes());
        tx.holdOffOnSharedLine(timing::ecuResponseDelay);
        KwpStarDecoder telegrams = new KwpStarDecoder(
                Math.max(timing.testerInterByteMax(), timing.ecuInterByte()) + conditions.tolerance());
        telegrams.resyncByIdle().onDecoded(this::onDecoded);
        this.decoder = new TimedDecoder<>(clock, telegrams);
        line.onReceive(this::onLine);
    }

    @Override
    public FaultPlan faults() {
        return faults;
    }

    /** KWP2000* has no initialisation: the module is always ready for a telegram. */
    @Override
    public boolean awaitingInit() {
        return false;
    }

    private void onLine(LineEvent e) {
        if (!(e instanceof LineEvent.Byte b)) {
            events.accept(new LinkEvent.Ignored(e.at(), e.toString(), "KWP2000* has no initialisation"));
            return;
        }
        if (tx.isEcho(b.value(), sent -> events.accept(LinkEvent.Collision.of(b.at(), sent, b.value())))) {
            return;
        }
        decoder.feed(b.value(), b.at());
    }

    private void onDecoded(Decoded<KwpStarTelegram> d) {
        if (d instanceof Decoded.Dropped<KwpStarTelegram> drop) {
            events.accept(new LinkEvent.FrameDropped(
                    clock.nanos(), Direction.ECU, drop.reason().name().toLowerCase(Locale.ROOT), Bytes.of(drop.raw())));
            return;
        }
        Decoded.Frame<KwpStarTelegram> f = (Decoded.Frame<KwpStarTelegram>) d;
        events.accept(new LinkEvent.FrameReceived(f.lastAt(), Direction.ECU, f.firstAt(), Bytes.of(f.raw())));
        if (f.longestGap() > timing.testerInterByteMax()) {
            events.accept(new LinkEvent.Tolerated(
                    f.lastAt(),
                    Hex.of(f.raw()),
                    "a gap of " + Durations.format(f.longestGap()) + " between its bytes, above the "
                            + Durations.format(timing.testerInterByteMax()) + " allowed; taken, "
                            + conditions.uncertainty()));
        }
        KwpStarTelegram request = f.frame();
        if (request.target() != address && request.target() != KwpStarTelegram.BROADCAST) {
            events.accept(new LinkEvent.Ignored(
                    f.lastAt(),
                    Hex.of(f.raw()),
                    String.format("addressed to %02X, we are %02X", request.target(), address)));
            return;
        }
        if (tx.busy()) {
            events.accept(new LinkEvent.Ignored(f.lastAt(), Hex.of(f.raw()), "arrived while we were answering"));
            return;
        }
        deliver(request, f.lastAt(), app.onRequest(request.data(), f.lastAt()));
    }

    private void deliver(KwpStarTelegram request, long end, Reply reply) {
        if (reply instanceof Reply.Answer a) {
            byte[] data = a.data();
            byte[] bytes = new KwpStarTelegram(request.source(), address, data).encode();
            long first = end + timing.ecuResponseDelay();
            Bytes req = Bytes.of(request.data());
            FaultPlan.Transmission out =
                    faults.shape(req, bytes, new FaultPlan.Layout(2, true), end, first, timing.ecuInterByte());
            if (!FaultInjection.said(out, req, first, events)) {
                return; // told to stay silent
            }
            tx.send(out.bytes(), out.at(), last -> {
                long sentFirst = tx.frameFirstAt();
                events.accept(new LinkEvent.FrameSent(last, Direction.ECU, sentFirst, Bytes.of(out.bytes())));
                events.accept(new LinkEvent.Answered(
                        last,
                        req,
                        Bytes.of(data),
                        (data[0] & 0xFF) == Nrc.NEGATIVE_RESPONSE,
                        sentFirst - end,
                        a.why()));
            });
        } else if (reply instanceof Reply.Pending p) {
            // the module's answer simply comes when the job is done (no responsePending modelled here)
            clock.schedule(
                    end + p.delayNanos(),
                    () -> deliver(request, clock.nanos(), p.then().get()));
        } else {
            events.accept(new LinkEvent.Ignored(end, Hex.of(request.encode()), "the application gives no answer"));
        }
    }
}
