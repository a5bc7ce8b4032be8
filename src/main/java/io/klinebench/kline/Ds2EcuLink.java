package io.klinebench.kline;

import io.klinebench.line.LineEndpoint;
import io.klinebench.time.Clock;
import java.util.function.Consumer;

/**
 * The simulated body controller's DS2 link layer ({@link TelegramEcuLink}: no initialisation,
 * each telegram answered after the response delay). A DS2 telegram is address, length, data,
 * checksum; the answer goes to the tester with the module's own address in it, and a refusal is
 * any status byte other than A0 (OK).
 */
public final class Ds2EcuLink extends TelegramEcuLink<Ds2Telegram> {

    public Ds2EcuLink(
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
                new Ds2Decoder(timing.testerInterByteMax() + conditions.tolerance()),
                "DS2");
    }

    /** DS2 has no responsePending and no session: the faults that need them cannot be made. */
    public static String cannotMake(Fault f) {
        return TelegramEcuLink.cannotMake("DS2", f);
    }

    @Override
    int target(Ds2Telegram telegram) {
        return telegram.address();
    }

    @Override
    boolean takes(int target) {
        return target == address();
    }

    @Override
    byte[] data(Ds2Telegram telegram) {
        return telegram.data();
    }

    @Override
    byte[] answer(Ds2Telegram request, byte[] data) {
        return new Ds2Telegram(address(), data).encode();
    }

    @Override
    FaultPlan.Layout layout() {
        return new FaultPlan.Layout(0, true);
    }

    @Override
    boolean refusal(byte[] data) {
        return (data[0] & 0xFF) != Ds2Telegram.STATUS_OK;
    }

    @Override
    byte[] encode(Ds2Telegram telegram) {
        return telegram.encode();
    }
}
