package io.klinebench.kline;

import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.LineEvent;
import io.klinebench.time.Clock;
import java.util.function.Consumer;

/** A KWP2000 tester: fast or 5-baud init, physically addressed requests, answers decoded. */
public final class KwpTester implements Tester {

    private final Clock clock;
    private final LineEndpoint line;
    private final int ecuAddress;
    private final int testerAddress;
    private final KwpTiming timing;
    private final Transmitter tx;
    private final KwpFrameDecoder decoder;
    private final Consumer<LinkEvent> events;
    private long interByte;
    private String lastRequest = "";
    private long lastRequestEnd;
    private int fiveBaudStep = -1;
    private int keyByte2;

    public KwpTester(Clock clock, LineEndpoint line, boolean lineEchoes, int ecuAddress, int testerAddress, KwpTiming timing,
            Consumer<LinkEvent> events) {
        this.clock = clock;
        this.line = line;
        this.ecuAddress = ecuAddress;
        this.testerAddress = testerAddress;
        this.timing = timing;
        this.events = events;
        this.interByte = timing.p4Min();
        this.tx = new Transmitter(clock, line, lineEchoes);
        this.decoder = new KwpFrameDecoder(timing.p1Max());
        this.decoder.onDecoded(this::onDecoded);
        line.onReceive(this::onLine);
    }

    @Override
    public void setInterByte(long nanos) {
        this.interByte = nanos;
    }

    @Override
    public void fastInit() {
        line.sendLow(timing.tiniL());
        long start = clock.nanos();
        byte[] startComm = KwpFrame.physical(ecuAddress, testerAddress, (byte) 0x81).encode();
        lastRequest = "81";
        transmit(startComm, start + timing.tWup());
    }

    @Override
    public void fiveBaudInit() {
        fiveBaudStep = 0;
        line.sendSlow(ecuAddress);
    }

    @Override
    public void send(byte[] data) {
        lastRequest = Hex.of(data);
        transmit(KwpFrame.physical(ecuAddress, testerAddress, data).encode(), clock.nanos());
    }

    @Override
    public void sendRaw(byte[] bytes) {
        lastRequest = Hex.of(bytes);
        transmit(bytes, clock.nanos());
    }

    private void transmit(byte[] bytes, long firstAt) {
        tx.send(bytes, firstAt, interByte, last -> {
            lastRequestEnd = last;
            events.accept(new LinkEvent.FrameSent(last, Direction.TESTER, firstAt, Hex.of(bytes)));
        });
    }

    private void onLine(LineEvent e) {
        if (!(e instanceof LineEvent.Byte b)) {
            return;
        }
        if (tx.isEcho(b.value(), sent -> events.accept(new LinkEvent.Collision(b.at(), sent, b.value())))) {
            return;
        }
        if (fiveBaudStep >= 0) {
            fiveBaud(b.value(), b.at());
            return;
        }
        decoder.expire(b.at());
        decoder.feed(b.value(), b.at());
    }

    /** 0x55, KB1, KB2 from the ECU; we answer ~KB2 after W4; the ECU answers ~address. */
    private void fiveBaud(int value, long at) {
        switch (fiveBaudStep) {
            case 0 -> fiveBaudStep = value == 0x55 ? 1 : -1;
            case 1 -> fiveBaudStep = 2;
            case 2 -> {
                keyByte2 = value;
                fiveBaudStep = 3;
                long w4 = timing.w4Min() + (timing.w4Max() - timing.w4Min()) / 5;
                tx.send(new byte[] {(byte) ~keyByte2}, at + w4, 0, last -> { });
            }
            case 3 -> {
                fiveBaudStep = -1;
                events.accept(new LinkEvent.TesterReceived(at, "5-baud init", String.format("%02X", value), 0));
            }
            default -> fiveBaudStep = -1;
        }
    }

    private void onDecoded(Decoded<KwpFrame> d) {
        if (d instanceof Decoded.Dropped<KwpFrame> drop) {
            events.accept(new LinkEvent.FrameDropped(drop.lastAt(), Direction.TESTER, drop.reason().name().toLowerCase(),
                    Hex.of(drop.raw())));
            return;
        }
        Decoded.Frame<KwpFrame> f = (Decoded.Frame<KwpFrame>) d;
        events.accept(new LinkEvent.TesterReceived(f.lastAt(), lastRequest, Hex.of(f.frame().data()), f.firstAt() - lastRequestEnd));
    }
}
