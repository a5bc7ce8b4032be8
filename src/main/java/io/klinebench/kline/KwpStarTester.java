package io.klinebench.kline;

import io.klinebench.line.Bytes;
import io.klinebench.line.LineEndpoint;
import io.klinebench.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A KWP2000* tester (BMW's concept 0x010D): telegrams to the module's address from the tester's,
 * no initialisation. Talking to the broadcast address ({@link KwpStarTelegram#BROADCAST}) it
 * takes an answer from every module that gives one.
 */
public final class KwpStarTester extends AbstractTester<KwpStarTelegram> {

    private final int ecuAddress;
    private final int testerAddress;

    public KwpStarTester(
            Clock clock,
            LineEndpoint line,
            LineConditions conditions,
            int ecuAddress,
            int testerAddress,
            Ds2Timing timing,
            Consumer<LinkEvent> events) {
        super(
                clock,
                line,
                conditions.hearsOwnBytes(),
                new KwpStarDecoder(
                                Math.max(timing.testerInterByteMax(), timing.ecuInterByte()) + conditions.tolerance())
                        .stretchGaps(conditions.stretch()),
                timing.ecuInterByte(),
                events);
        this.ecuAddress = ecuAddress;
        this.testerAddress = testerAddress;
    }

    /** KWP2000* has no initialisation: a tester just sends. Asked for one, it says so and does nothing. */
    @Override
    public void init(Init init) {
        events.accept(new LinkEvent.Ignored(
                clock.nanos(), init.text(), "KWP2000* has no initialisation: send requests directly"));
    }

    @Override
    public void send(byte[] data) {
        transmit(
                TesterRequest.of(Bytes.of(data)),
                new KwpStarTelegram(ecuAddress, testerAddress, data).encode(),
                clock.nanos());
    }

    @Override
    protected Optional<String> notFromOurModule(KwpStarTelegram frame) {
        if (frame.target() != testerAddress) {
            return Optional.of(String.format("a telegram to %02X; this tester is %02X", frame.target(), testerAddress));
        }
        return ecuAddress != KwpStarTelegram.BROADCAST && frame.source() != ecuAddress
                ? Optional.of(
                        String.format("an answer from %02X; this tester talks to %02X", frame.source(), ecuAddress))
                : Optional.empty();
    }

    @Override
    protected byte[] dataOf(KwpStarTelegram frame) {
        return frame.data();
    }
}
