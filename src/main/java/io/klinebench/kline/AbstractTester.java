package io.klinebench.kline;

import io.klinebench.line.Bytes;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.LineEvent;
import io.klinebench.time.Clock;
import io.klinebench.time.Durations;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What both testers share: sending frames with the tester's own byte gap, hearing (and
 * discarding) their echo, decoding the answers and reporting each as
 * {@link LinkEvent.TesterReceived} with the time waited for it.
 */
public abstract class AbstractTester<F> implements Tester {

    protected final Clock clock;
    protected final LineEndpoint line;
    protected final Transmitter tx;
    protected final Consumer<LinkEvent> events;
    private final TimedDecoder<F> decoder;
    private long interByte;
    private TesterRequest lastRequest = TesterRequest.of(Bytes.of());
    private long lastRequestEnd;
    /** The longest gap between an answer's bytes the decoder takes (the line's tolerance in it). */
    private final long answerInterByteMax;

    protected AbstractTester(
            Clock clock,
            LineEndpoint line,
            boolean hearsOwnBytes,
            FrameDecoder<F> decoder,
            long interByte,
            Consumer<LinkEvent> events) {
        this.clock = clock;
        this.line = line;
        this.events = events;
        this.interByte = interByte;
        this.tx = new Transmitter(clock, line, hearsOwnBytes);
        decoder.onDecoded(this::onDecoded);
        this.answerInterByteMax = decoder.interByteMax();
        this.decoder = new TimedDecoder<>(clock, decoder);
        line.onReceive(this::onLine);
    }

    /** The request data of a frame, for reports. */
    protected abstract byte[] dataOf(F frame);

    /**
     * Why a received frame is not the answer of the module this tester talks to (another
     * sender), or empty when it is, or when the frame does not say who sent it.
     */
    protected Optional<String> notFromOurModule(F frame) {
        return Optional.empty();
    }

    /** A byte from the ECU that is not part of a frame (5-baud handshake); true if taken. */
    protected boolean onRawByte(int value, long at) {
        return false;
    }

    @Override
    public void setInterByte(long nanos) {
        this.interByte = nanos;
    }

    @Override
    public void sendRaw(byte[] bytes) {
        transmit(TesterRequest.of(Bytes.of(bytes)), bytes, clock.nanos());
    }

    protected void transmit(TesterRequest request, byte[] bytes, long firstAt) {
        lastRequest = request;
        tx.send(bytes, firstAt, interByte, last -> {
            lastRequestEnd = last;
            events.accept(new LinkEvent.FrameSent(last, Direction.TESTER, firstAt, Bytes.of(bytes)));
        });
    }

    private void onLine(LineEvent e) {
        if (!(e instanceof LineEvent.Byte b)
                || tx.isEcho(b.value(), sent -> events.accept(LinkEvent.Collision.of(b.at(), sent, b.value())))) {
            return;
        }
        if (!onRawByte(b.value(), b.at())) {
            decoder.feed(b.value(), b.at());
        }
    }

    private void onDecoded(Decoded<F> d) {
        if (d instanceof Decoded.Dropped<F> drop) {
            events.accept(new LinkEvent.FrameDropped(
                    clock.nanos(),
                    Direction.TESTER,
                    drop.reason().name().toLowerCase(Locale.ROOT),
                    Bytes.of(drop.raw()),
                    drop.why(Durations.format(answerInterByteMax))));
            return;
        }
        Decoded.Frame<F> f = (Decoded.Frame<F>) d;
        Optional<String> other = notFromOurModule(f.frame());
        if (other.isPresent()) {
            // a tester takes an answer only from the module it asked; anything else is said, not taken
            events.accept(new LinkEvent.Ignored(f.lastAt(), Hex.of(f.raw()), other.get()));
            return;
        }
        events.accept(new LinkEvent.TesterReceived(
                f.lastAt(), lastRequest, Bytes.of(dataOf(f.frame())), f.firstAt() - lastRequestEnd));
    }
}
