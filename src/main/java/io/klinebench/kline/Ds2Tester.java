package io.klinebench.kline;

import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.LineEvent;
import io.klinebench.time.Clock;
import java.util.function.Consumer;

/** A DS2 tester: telegrams to the module's address, answers decoded. DS2 has no init. */
public final class Ds2Tester implements Tester {

    private final Clock clock;
    private final int ecuAddress;
    private final Transmitter tx;
    private final Ds2Decoder decoder;
    private final Consumer<LinkEvent> events;
    private long interByte;
    private String lastRequest = "";
    private long lastRequestEnd;

    public Ds2Tester(Clock clock, LineEndpoint line, boolean lineEchoes, int ecuAddress, Ds2Timing timing,
            Consumer<LinkEvent> events) {
        this.clock = clock;
        this.ecuAddress = ecuAddress;
        this.events = events;
        this.interByte = timing.ecuInterByte();
        this.tx = new Transmitter(clock, line, lineEchoes);
        // Answers come with the ECU's inter-byte gap; allow the tester's own limit too.
        this.decoder = new Ds2Decoder(Math.max(timing.testerInterByteMax(), timing.ecuInterByte()));
        this.decoder.onDecoded(this::onDecoded);
        line.onReceive(this::onLine);
    }

    @Override
    public void fastInit() {
        throw new UnsupportedOperationException("DS2 has no fast init");
    }

    @Override
    public void fiveBaudInit() {
        throw new UnsupportedOperationException("DS2 has no 5-baud init");
    }

    @Override
    public void setInterByte(long nanos) {
        this.interByte = nanos;
    }

    @Override
    public void send(byte[] data) {
        lastRequest = Hex.of(data);
        transmit(new Ds2Telegram(ecuAddress, data).encode());
    }

    @Override
    public void sendRaw(byte[] bytes) {
        lastRequest = Hex.of(bytes);
        transmit(bytes);
    }

    private void transmit(byte[] bytes) {
        long first = clock.nanos();
        tx.send(bytes, first, interByte, last -> {
            lastRequestEnd = last;
            events.accept(new LinkEvent.FrameSent(last, Direction.TESTER, first, Hex.of(bytes)));
        });
    }

    private void onLine(LineEvent e) {
        if (e instanceof LineEvent.Byte b
                && !tx.isEcho(b.value(), sent -> events.accept(new LinkEvent.Collision(b.at(), sent, b.value())))) {
            decoder.expire(b.at());
            decoder.feed(b.value(), b.at());
        }
    }

    private void onDecoded(Decoded<Ds2Telegram> d) {
        if (d instanceof Decoded.Dropped<Ds2Telegram> drop) {
            events.accept(new LinkEvent.FrameDropped(drop.lastAt(), Direction.TESTER, drop.reason().name().toLowerCase(),
                    Hex.of(drop.raw())));
            return;
        }
        Decoded.Frame<Ds2Telegram> f = (Decoded.Frame<Ds2Telegram>) d;
        events.accept(new LinkEvent.TesterReceived(f.lastAt(), lastRequest, Hex.of(f.frame().data()), f.firstAt() - lastRequestEnd));
    }
}
