package io.klinebench.kline;

import io.klinebench.line.Bytes;
import io.klinebench.line.LineEndpoint;
import io.klinebench.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/** A DS2 tester: telegrams to the module's address, answers decoded. DS2 has no init. */
public final class Ds2Tester extends AbstractTester<Ds2Telegram> {

    private final int ecuAddress;

    public Ds2Tester(
            Clock clock,
            LineEndpoint line,
            LineConditions conditions,
            int ecuAddress,
            Ds2Timing timing,
            Consumer<LinkEvent> events) {
        // Answers come with the ECU's inter-byte gap; allow the tester's own limit too.
        super(
                clock,
                line,
                conditions.hearsOwnBytes(),
                new Ds2Decoder(Math.max(timing.testerInterByteMax(), timing.ecuInterByte()) + conditions.tolerance())
                        .stretchGaps(conditions.stretch()),
                timing.ecuInterByte(),
                events);
        this.ecuAddress = ecuAddress;
    }

    /** DS2 has no initialisation: a tester just sends. Asked for one, it says so and does nothing. */
    @Override
    public void init(Init init) {
        events.accept(
                new LinkEvent.Ignored(clock.nanos(), init.text(), "DS2 has no initialisation: send requests directly"));
    }

    @Override
    public void send(byte[] data) {
        transmit(TesterRequest.of(Bytes.of(data)), new Ds2Telegram(ecuAddress, data).encode(), clock.nanos());
    }

    @Override
    protected Optional<String> notFromOurModule(Ds2Telegram frame) {
        return frame.address() != ecuAddress
                ? Optional.of(
                        String.format("an answer from %02X; this tester talks to %02X", frame.address(), ecuAddress))
                : Optional.empty();
    }

    @Override
    protected byte[] dataOf(Ds2Telegram frame) {
        return frame.data();
    }
}
