package io.klinebench.bench;

import io.klinebench.dcan.BmwFastTelegram;
import io.klinebench.kline.Ds2Telegram;
import io.klinebench.kline.KwpFrame;
import io.klinebench.kline.KwpStarTelegram;
import io.klinebench.kline.ModuleSearch;
import io.klinebench.protocol.DCan;
import io.klinebench.protocol.DiagnosticProtocol;
import io.klinebench.protocol.Ds2;
import io.klinebench.protocol.Kwp2000;

/**
 * How many data bytes one request may carry in each protocol's frame. A longer {@code tester
 * send} cannot be framed at all (the length field cannot say it), so a step is refused at its
 * place when it is read, not met half-way through a run as the frame's own exception. The
 * numbers are the frames' own ({@link Ds2Telegram}, {@link KwpFrame}, {@link BmwFastTelegram},
 * {@link KwpStarTelegram}); this class only says which frame a request goes in. (It would sit
 * best on {@link DiagnosticProtocol} itself, as a member each protocol answers.)
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
        if (protocol instanceof Ds2) {
            return DS2;
        }
        if (protocol instanceof Kwp2000) {
            return new Limit(KwpFrame.MAX_DATA, "a KWP2000 frame", "its length byte counts the data, up to 255");
        }
        if (protocol instanceof DCan) {
            return new Limit(
                    BmwFastTelegram.MAX_DATA, "a BMW-FAST telegram", "its length byte counts the data, up to 255");
        }
        throw new IllegalStateException("no request size known for " + protocol.id());
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
