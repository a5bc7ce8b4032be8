package io.klinebench.kline;

import io.klinebench.line.Direction;
import java.util.Optional;

/**
 * The sides of KWP2000 frames by their header: with address bytes, a frame to the module's
 * address (or the functional one) or from the tester's is the tester's, one from the module's
 * address is the module's; without them (or with addresses that name neither), by the service
 * id: a response's is the request's + 0x40 (0x50..0x7F, 0xC0..0xFF, and 7F for a refusal).
 */
public record KwpSides(int ecuAddress, int testerAddress) implements SideRule {

    private static final int RESPONSE_BIT = 0x40;

    @Override
    public Optional<Told> sideOf(byte[] raw, Direction previous, long gap) {
        if (raw.length == 0) {
            return Optional.empty();
        }
        int fmt = raw[0] & 0xFF;
        boolean addressed = KwpFrame.Addressing.ofFormat(fmt).hasAddressBytes();
        if (addressed && raw.length >= 3) {
            int target = raw[1] & 0xFF;
            int source = raw[2] & 0xFF;
            if (source == ecuAddress || target == testerAddress && source != testerAddress) {
                return Optional.of(new Told(Direction.ECU, String.format("from 0x%02X", source)));
            }
            if (target == ecuAddress || target == KwpEcuLink.FUNCTIONAL_ADDRESS || source == testerAddress) {
                return Optional.of(new Told(Direction.TESTER, String.format("to 0x%02X", target)));
            }
        }
        int sidAt = 1 + (addressed ? 2 : 0) + ((fmt & 0x3F) == 0 ? 1 : 0);
        if (raw.length <= sidAt) {
            return Optional.empty();
        }
        int sid = raw[sidAt] & 0xFF;
        Direction side = (sid & RESPONSE_BIT) != 0 ? Direction.ECU : Direction.TESTER;
        return Optional.of(new Told(side, String.format("service id %02X", sid)));
    }

    @Override
    public String gapName(Direction from, Direction to) {
        if (to == Direction.ECU) {
            return "P2";
        }
        return from == Direction.TESTER ? "P3 (unanswered)" : "P3";
    }
}
