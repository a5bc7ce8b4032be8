package io.klinebench.kline;

import io.klinebench.line.Direction;
import java.util.Optional;
import java.util.Set;

/**
 * The sides of DS2 telegrams: both carry the module's address first, so the turn tells. After
 * a request the next telegram is the answer when it starts with an answer's status byte (A0 ok,
 * A1 busy, A2 refused, B0..B2) or comes within the response timeout; otherwise, and after an
 * answer, it is the tester's.
 */
public record Ds2Sides(long responseTimeout) implements SideRule {

    private static final Set<Integer> STATUS = Set.of(0xA0, 0xA1, 0xA2, 0xB0, 0xB1, 0xB2);

    @Override
    public Optional<Told> sideOf(byte[] raw, Direction previous, long gap) {
        boolean status = raw.length > 2 && STATUS.contains(raw[2] & 0xFF);
        if (previous == Direction.TESTER && status) {
            return Optional.of(new Told(Direction.ECU, String.format("answer to the request, status %02X", raw[2])));
        }
        if (previous == Direction.TESTER && gap <= responseTimeout) {
            return Optional.of(new Told(Direction.ECU, "answer to the request"));
        }
        if (previous == null && status) {
            return Optional.of(new Told(Direction.ECU, String.format("status %02X", raw[2])));
        }
        return Optional.of(
                new Told(Direction.TESTER, previous == Direction.TESTER ? "unanswered, a new request" : "request"));
    }

    @Override
    public String gapName(Direction from, Direction to) {
        return to == Direction.ECU ? "response" : "request gap";
    }
}
