package io.klinebench.dcan;

import io.klinebench.kline.AbstractTester;
import io.klinebench.kline.Init;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.TesterRequest;
import io.klinebench.line.Bytes;
import io.klinebench.line.LineEndpoint;
import io.klinebench.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A tester on a K+DCAN cable's serial side in D-CAN mode, as EDIABAS is: it writes BMW-FAST
 * telegrams to the module's address at 115200 baud, bytes back to back, and reads answers whose
 * bytes come within 10 ms of each other (EdInterfaceObd, D-CAN: ParTimeoutTelEnd). D-CAN has
 * no init: asked for one, it says so and does nothing.
 */
public final class DCanTester extends AbstractTester<BmwFastTelegram> {

    /** EDIABAS's limit between two bytes of an answer, D-CAN concept (EdInterfaceObd.cs). */
    public static final long ANSWER_INTER_BYTE_MAX = 10_000_000L;

    private final int ecuAddress;
    private final int testerAddress;

    public DCanTester(
            Clock clock,
            LineEndpoint line,
            LineConditions conditions,
            int ecuAddress,
            int testerAddress,
            DCanTiming timing,
            Consumer<LinkEvent> events) {
        super(
                clock,
                line,
                conditions.hearsOwnBytes(),
                new BmwFastDecoder(ANSWER_INTER_BYTE_MAX + conditions.tolerance()),
                timing.serialByte(),
                events);
        this.ecuAddress = ecuAddress;
        this.testerAddress = testerAddress;
    }

    @Override
    public void init(Init init) {
        events.accept(new LinkEvent.Ignored(
                clock.nanos(), init.text(), "D-CAN has no init: a tester simply sends BMW-FAST telegrams"));
    }

    @Override
    public void send(byte[] data) {
        transmit(
                TesterRequest.of(Bytes.of(data)),
                new BmwFastTelegram(ecuAddress, testerAddress, data).encode(),
                clock.nanos());
    }

    @Override
    protected Optional<String> notFromOurModule(BmwFastTelegram t) {
        return t.source() != ecuAddress
                ? Optional.of(String.format("an answer from %02X; this tester talks to %02X", t.source(), ecuAddress))
                : Optional.empty();
    }

    @Override
    protected byte[] dataOf(BmwFastTelegram t) {
        return t.data();
    }
}
