package io.klinebench.kline;

import io.klinebench.line.Bytes;
import io.klinebench.line.LineEndpoint;
import io.klinebench.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A KWP2000 tester: fast or 5-baud init, physically addressed requests, answers decoded. Talking
 * to the functional address ({@link KwpEcuLink#FUNCTIONAL_ADDRESS}) it addresses its frames
 * functionally and takes an answer from every module that gives one (ISO 14230-2: several ECUs
 * may answer a functional request, one after another).
 */
public final class KwpTester extends AbstractTester<KwpFrame> {

    private static final byte START_COMMUNICATION = (byte) 0x81;

    private final int ecuAddress;
    private final int testerAddress;
    private final KwpTiming timing;
    /** The ECU's next step of a 5-baud handshake under way, or null. */
    private FiveBaudStep awaiting;

    public KwpTester(
            Clock clock,
            LineEndpoint line,
            LineConditions conditions,
            int ecuAddress,
            int testerAddress,
            KwpTiming timing,
            Consumer<LinkEvent> events) {
        super(
                clock,
                line,
                conditions.hearsOwnBytes(),
                new KwpFrameDecoder(timing.p1().max() + conditions.tolerance()).stretchGaps(conditions.stretch()),
                timing.p4().min(),
                events);
        this.ecuAddress = ecuAddress;
        this.testerAddress = testerAddress;
        this.timing = timing;
    }

    @Override
    public void init(Init init) {
        switch (init) {
            case FAST -> fastInit();
            case FIVE_BAUD -> fiveBaudInit();
        }
    }

    /** K low for TiniL, then StartCommunication at TWuP. */
    public void fastInit() {
        line.sendLow(timing.tiniL().nominal());
        transmit(
                TesterRequest.of(Bytes.of(START_COMMUNICATION)),
                frame(START_COMMUNICATION).encode(),
                clock.nanos() + timing.tWup().nominal());
    }

    /** The ECU's address at 5 baud; the handshake that follows is answered as it comes. */
    public void fiveBaudInit() {
        awaiting = FiveBaudStep.SYNC;
        line.sendSlow(ecuAddress);
    }

    @Override
    public void send(byte[] data) {
        transmit(TesterRequest.of(Bytes.of(data)), frame(data).encode(), clock.nanos());
    }

    private boolean functional() {
        return ecuAddress == KwpEcuLink.FUNCTIONAL_ADDRESS;
    }

    private KwpFrame frame(byte... data) {
        return functional()
                ? KwpFrame.functional(ecuAddress, testerAddress, data)
                : KwpFrame.physical(ecuAddress, testerAddress, data);
    }

    @Override
    protected Optional<String> notFromOurModule(KwpFrame frame) {
        return !functional() && frame.addressing().hasAddressBytes() && frame.source() != ecuAddress
                ? Optional.of(
                        String.format("an answer from %02X; this tester talks to %02X", frame.source(), ecuAddress))
                : Optional.empty();
    }

    @Override
    protected byte[] dataOf(KwpFrame frame) {
        return frame.data();
    }

    /**
     * The ECU's side of the 5-baud handshake ({@link FiveBaudStep}): 0x55, KB1, KB2; we answer
     * ~KB2 a fifth into W4; the ECU's ~address ends it and is reported as the init's answer.
     */
    @Override
    protected boolean onRawByte(int value, long at) {
        if (awaiting == null) {
            return false;
        }
        FiveBaudStep step = awaiting;
        awaiting = switch (step) {
            case SYNC -> value == FiveBaudStep.SYNC_BYTE ? FiveBaudStep.KEY_BYTE_1 : null;
            case KEY_BYTE_1 -> FiveBaudStep.KEY_BYTE_2;
            case KEY_BYTE_2 -> {
                FiveBaudStep ours = step.next();
                tx.send(new byte[] {(byte) ~value}, at + ours.window(timing).fifthIn(), 0, last -> {});
                yield ours.next();
            }
            default -> {
                events.accept(new LinkEvent.TesterReceived(
                        at, new TesterRequest.Initialisation(Init.FIVE_BAUD), Bytes.of((byte) value), 0));
                yield null;
            }
        };
        return true;
    }
}
