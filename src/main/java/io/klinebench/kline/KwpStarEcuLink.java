package io.klinebench.kline;

import io.klinebench.line.LineEndpoint;
import io.klinebench.time.Clock;
import java.util.function.Consumer;

/**
 * A module's KWP2000* link layer (BMW's concept 0x010D, the R50/R53 engine controller on pin
 * 7; {@link TelegramEcuLink}): no initialisation, as EDIABAS's KWP2000* transmit function sends
 * a telegram straight away. A telegram is format, target, source, data, checksum; one for us or
 * for the broadcast address is taken, the answer goes back to its sender, and a refusal is a
 * 7F answer as in KWP2000.
 */
public final class KwpStarEcuLink extends TelegramEcuLink<KwpStarTelegram> {

    public KwpStarEcuLink(
            Clock clock,
            LineEndpoint line,
            LineConditions conditions,
            int address,
            Ds2Timing timing,
            DiagnosticApplication app,
            Consumer<LinkEvent> events) {
        super(
                clock,
                line,
                conditions,
                address,
                timing,
                app,
                events,
                new KwpStarDecoder(
                        Math.max(timing.testerInterByteMax(), timing.ecuInterByte()) + conditions.tolerance()),
                "KWP2000*");
    }

    @Override
    int target(KwpStarTelegram telegram) {
        return telegram.target();
    }

    @Override
    boolean takes(int target) {
        return target == address() || target == KwpStarTelegram.BROADCAST;
    }

    @Override
    byte[] data(KwpStarTelegram telegram) {
        return telegram.data();
    }

    @Override
    byte[] answer(KwpStarTelegram request, byte[] data) {
        return new KwpStarTelegram(request.source(), address(), data).encode();
    }

    @Override
    FaultPlan.Layout layout() {
        return new FaultPlan.Layout(2, true);
    }

    @Override
    boolean refusal(byte[] data) {
        return (data[0] & 0xFF) == Nrc.NEGATIVE_RESPONSE;
    }

    @Override
    byte[] encode(KwpStarTelegram telegram) {
        return telegram.encode();
    }
}
