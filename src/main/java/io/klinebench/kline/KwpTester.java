package io.klinebench.kline;

import io.klinebench.line.Hex;
import io.klinebench.line.LineEndpoint;
import io.klinebench.time.Clock;
import java.util.function.Consumer;

/** A KWP2000 tester: fast or 5-baud init, physically addressed requests, answers decoded. */
public final class KwpTester extends AbstractTester<KwpFrame> {

    private final int ecuAddress;
    private final int testerAddress;
    private final KwpTiming timing;
    private int fiveBaudStep = -1;

    public KwpTester(
            Clock clock,
            LineEndpoint line,
            boolean lineEchoes,
            int ecuAddress,
            int testerAddress,
            KwpTiming timing,
            Consumer<LinkEvent> events) {
        super(clock, line, lineEchoes, new KwpFrameDecoder(timing.p1Max()), timing.p4Min(), events);
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
        line.sendLow(timing.tiniL());
        transmit(
                "81",
                KwpFrame.physical(ecuAddress, testerAddress, (byte) 0x81).encode(),
                clock.nanos() + timing.tWup());
    }

    /** The ECU's address at 5 baud; the handshake that follows is answered as it comes. */
    public void fiveBaudInit() {
        fiveBaudStep = 0;
        line.sendSlow(ecuAddress);
    }

    @Override
    public void send(byte[] data) {
        transmit(
                Hex.of(data), KwpFrame.physical(ecuAddress, testerAddress, data).encode(), clock.nanos());
    }

    @Override
    protected byte[] dataOf(KwpFrame frame) {
        return frame.data();
    }

    /** 0x55, KB1, KB2 from the ECU; we answer ~KB2 a fifth into W4; the ECU answers ~address. */
    @Override
    protected boolean onRawByte(int value, long at) {
        switch (fiveBaudStep) {
            case -1:
                return false;
            case 0:
                fiveBaudStep = value == 0x55 ? 1 : -1;
                return true;
            case 1:
                fiveBaudStep = 2;
                return true;
            case 2:
                fiveBaudStep = 3;
                long w4 = timing.w4Min() + (timing.w4Max() - timing.w4Min()) / 5;
                tx.send(new byte[] {(byte) ~value}, at + w4, 0, last -> {});
                return true;
            default:
                fiveBaudStep = -1;
                events.accept(new LinkEvent.TesterReceived(at, "5-baud init", String.format("%02X", value), 0));
                return true;
        }
    }
}
