package io.klinebench.bench;

import io.klinebench.kline.Ds2Telegram;
import io.klinebench.kline.KwpStarTelegram;
import io.klinebench.kline.ModuleSearch;
import io.klinebench.protocol.DCan;
import io.klinebench.protocol.DiagnosticProtocol;
import io.klinebench.protocol.Ds2;

/**
 * How many data bytes one request may carry, and the frame that sets it, as a refusal says them.
 * A longer {@code tester send} cannot be framed at all (the length field cannot say it), so a
 * step is refused at its place when it is read, not met half-way through a run as the frame's own
 * exception. The profile's protocol gives its own number ({@link
 * DiagnosticProtocol#longestRequest()}, which the {@code tester} command refuses by too); the
 * other modules of the R50/R53's lines speak by {@link ModuleSearch.Kind}, whose numbers are their
 * telegrams' ({@link Ds2Telegram}, {@link KwpStarTelegram}).
 */
final class RequestSize {

    /** A protocol's limit, and the frame that sets it, as a message says them. */
    record Limit(int maxData, String frame, String why) {}

    private static final Limit DS2 = new Limit(
            Ds2Telegram.MAX_LENGTH - 3,
            "a DS2 telegram",
            "its length byte counts the whole telegram, address and checksum too, up to " + Ds2Telegram.MAX_LENGTH);

    private RequestSize() {}

    /** The limit of a request from the bench's tester to the profile's module. */
    static Limit of(DiagnosticProtocol protocol) {
        int most = protocol.longestRequest();
        if (protocol instanceof Ds2) {
            return new Limit(most, DS2.frame(), DS2.why());
        }
        if (protocol instanceof DCan d && d.access().slcan()) {
            return new Limit(most, "an ISO-TP message", "its first frame's length counts the data, up to 4095");
        }
        if (protocol instanceof DCan) {
            return new Limit(most, "a BMW-FAST telegram", "its length byte counts the data, up to 255");
        }
        return new Limit(most, "a KWP2000 frame", "its length byte counts the data, up to 255");
    }

    /** The limit of a request to another module of the car's lines, in that module's protocol. */
    static Limit of(ModuleSearch.Kind kind) {
        return switch (kind) {
            case DS2 -> DS2;
            case KWP2000_STAR ->
                new Limit(
                        KwpStarTelegram.MAX_DATA, "a KWP2000* telegram", "its length byte counts the data, up to 255");
        };
    }
}
