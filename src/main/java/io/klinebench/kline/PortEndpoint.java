package io.klinebench.kline;

import io.klinebench.line.BaudEvidence;
import io.klinebench.line.BytePipe;
import io.klinebench.line.Direction;
import io.klinebench.line.InitCues;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.LineEvent;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.Clock;
import io.klinebench.time.Durations;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One end of a K-line on a real transport (a serial port, a pty: a {@link BytePipe}), in real
 * time. It turns what arrives into line events and puts every byte, wake-up and 5-baud byte
 * on the trace, as what it stands for.
 *
 * <p>On the ECU's side, while the link layer awaits an init ({@link #expectInit}), bytes that
 * stand for an init on a line without break or 5-baud timing are recognised
 * ({@link InitRecognition}); a break (a real UART in PARMRK mode) is the fast-init wake-up
 * {@code Low(at - TiniL, TiniL)} whether or not an init is awaited: a UART reports a break when
 * K goes back high and says nothing of how long it was low, so TiniL is not measured and the
 * link's TiniL check passes by construction; TWuP, counted from the end of the low, is measured
 * as on any line.
 *
 * <p>On the tester's side, a wake-up and a 5-baud address are made with breaks where the port
 * can hold one (a real UART): K low for TiniL; the address bit by bit at 200 ms a bit. Where it
 * cannot (a pty), the bytes a tester sends instead: the 0x00 at the end of the low time, the
 * address when its two seconds are over. On a line that echoes, their echo is swallowed.
 */
public final class PortEndpoint implements LineEndpoint {

    /**
     * When the tester writes its wake-up byte on a line without break: a 0x00 at 360 baud ends
     * when the 25 ms low ends, so it is written at the end of the low time, plus this. The ECU
     * places the low TiniL before the byte's arrival, so TWuP is measured as (StartCommunication's
     * first byte - wake-up byte) + TiniL. Measured on a pty, the first byte of StartCommunication
     * arrives about 0.7 ms later relative to the wake-up byte than scheduled; writing the wake-up
     * byte 0.7 ms late centres TWuP near 50 ms, inside its +-1 ms with a millisecond of reader
     * jitter to spare on either side.
     */
    public static final long WAKE_UP_BYTE_DELAY = 700 * Durations.US;

    /** The baud of the classic wake-up byte: a 0x00's start bit and eight data bits, 25 ms low. */
    public static final int WAKE_UP_BAUD = 360;

    /**
     * How long after the wake-up byte is written the port goes back to the line's baud: its ten
     * bits at 360 baud (27.8 ms), and 2 ms for the UART to finish the stop bit. An adapter that
     * holds bytes longer than that (a USB latency timer) needs the break instead.
     */
    public static final long WAKE_UP_BYTE_OUT = 10 * Durations.S / WAKE_UP_BAUD + 2 * Durations.MS;

    /** How a tester makes the fast init's wake-up. */
    public enum WakeUp {
        /** K held low by a break for TiniL (a pty, which has none, gets a 0x00 when TiniL ends). */
        BREAK,
        /**
         * A 0x00 written at 360 baud: nine low bits, 25 ms, timed by the UART itself; the classic
         * way, independent of how long the driver's break calls take.
         */
        BYTE_AT_360_BAUD
    }

    private static final Logger log = LoggerFactory.getLogger(PortEndpoint.class);

    private final Clock clock;
    private final BytePipe pipe;
    private final Direction local;
    private Consumer<LineEvent> listener = e -> {};
    private Consumer<TraceEntry> trace = t -> {};

    /** What the ECU end expects while it awaits an init; null when it awaits none. */
    private InitCues awaited;
    /** The cues last given: how long a break held K low is taken from them. */
    private long wakeUpLow = KwpTiming.standard().tiniL().nominal();

    private boolean hearsOwnBytes;
    private WakeUp wakeUp = WakeUp.BREAK;
    private int lineBaud;
    private final ArrayDeque<Integer> ownEcho = new ArrayDeque<>();
    private long lastActivity;

    /** @param local who is on this end (ECU for the simulator, TESTER for the tester command) */
    public PortEndpoint(Clock clock, BytePipe pipe, Direction local) {
        this.clock = clock;
        this.pipe = pipe;
        this.local = local;
        this.lastActivity = clock.nanos();
        pipe.onArrival(this::arrived);
    }

    /** Tester side: how the fast init's wake-up is made; {@code lineBaud} is the baud to go back to. */
    public PortEndpoint wakeUp(WakeUp how, int lineBaud) {
        this.wakeUp = how;
        this.lineBaud = lineBaud;
        return this;
    }

    /** Tester side: the line echoes, so the wake-up and 5-baud bytes we write come back and are dropped. */
    public PortEndpoint hearsOwnBytes(boolean echoes) {
        this.hearsOwnBytes = echoes;
        return this;
    }

    /** Every byte read or written, and every wake-up and 5-baud byte as such, on the clock's thread. */
    public void onTrace(Consumer<TraceEntry> l) {
        this.trace = l;
    }

    @Override
    public void onReceive(Consumer<LineEvent> l) {
        this.listener = l;
    }

    @Override
    public void expectInit(InitCues cues) {
        awaited = cues;
        wakeUpLow = cues.lowNanos();
        pipe.baudEvidence().ifPresent(b -> b.watch(true));
    }

    @Override
    public void expectNoInit() {
        awaited = null;
        pipe.baudEvidence().ifPresent(b -> b.watch(false));
    }

    // ---- sending (clock thread) ------------------------------------------------------------

    @Override
    public void send(int value) {
        write(value & 0xFF);
    }

    @Override
    public void sendLow(long durationNanos) {
        if (wakeUp == WakeUp.BYTE_AT_360_BAUD && pipe.setBaud(WAKE_UP_BAUD)) {
            // The UART times the low itself: 25 ms at 360 baud is TiniL, whatever the break calls cost.
            long start = clock.nanos();
            writeOwn(0x00);
            clock.schedule(start + WAKE_UP_BYTE_OUT, () -> {
                if (!pipe.setBaud(lineBaud)) {
                    log.warn("cannot set the port back to {} baud after the wake-up byte", lineBaud);
                }
            });
            return;
        }
        // A real cable: K held low (a break) for the whole TiniL, as ISO 14230-2 draws it.
        if (pipe.setBreak(true)) {
            long start = clock.nanos();
            trace.accept(new TraceEntry(start, local, TraceEntry.Kind.LOW, -1, durationNanos));
            clock.schedule(start + durationNanos, () -> pipe.setBreak(false));
            return;
        }
        // A pty carries no break: the 0x00 a tester sends at 360 baud instead, written when
        // its low time ends (see WAKE_UP_BYTE_DELAY).
        clock.schedule(clock.nanos() + durationNanos + WAKE_UP_BYTE_DELAY, () -> writeOwn(0x00));
    }

    @Override
    public void sendSlow(int value) {
        long start = clock.nanos();
        long byteTime = LineEvent.SlowByte.DURATION;
        if (pipe.setBreak(false)) {
            // A real cable: the byte bit by bit at 5 baud (200 ms a bit), K low for a 0 bit:
            // start bit, 8 data bits LSB first, stop bit (UARTs cannot do 5 baud themselves).
            trace.accept(new TraceEntry(start, local, TraceEntry.Kind.SLOW, value & 0xFF, byteTime));
            long bit = byteTime / 10;
            for (int i = 0; i < 10; i++) {
                boolean low = i == 0 || (i < 9 && ((value >> (i - 1)) & 1) == 0);
                clock.schedule(start + i * bit, () -> pipe.setBreak(low));
            }
            clock.schedule(start + byteTime, () -> pipe.setBreak(false));
            return;
        }
        // A pty: the byte at once when its two seconds are over (it arrives whole anyway).
        clock.schedule(start + byteTime, () -> writeOwn(value & 0xFF));
    }

    private void writeOwn(int value) {
        if (hearsOwnBytes) {
            ownEcho.add(value);
        }
        write(value);
    }

    private void write(int value) {
        try {
            pipe.write(value);
        } catch (IOException e) {
            lastActivity = clock.nanos();
            log.debug("byte {} not sent: {}", value, e.getMessage()); // after the attempt, never before
            return;
        }
        long now = clock.nanos();
        lastActivity = now;
        trace.accept(TraceEntry.ofByte(now, local, value));
    }

    // ---- receiving (clock thread) ----------------------------------------------------------

    private void arrived(BytePipe.Arrival a) {
        if (a instanceof BytePipe.Arrival.Bytes bytes) {
            byte[] values = bytes.values();
            for (byte value : values) {
                receivedByte(bytes.at(), value & 0xFF, values.length == 1);
            }
        } else {
            lastActivity = a.at();
            LineEvent e = new LineEvent.Low(a.at() - wakeUpLow, wakeUpLow);
            trace.accept(TraceEntry.of(local.other(), e));
            listener.accept(e);
        }
    }

    private void receivedByte(long stamp, int b, boolean alone) {
        long idle = stamp - lastActivity;
        lastActivity = stamp;
        Integer own = ownEcho.peek();
        if (own != null && own == b) {
            ownEcho.poll(); // our own wake-up or 5-baud byte, already traced when written
            return;
        }
        LineEvent e = awaited == null ? new LineEvent.Byte(stamp, b) : recognise(b, stamp, idle, alone);
        // A wake-up or 5-baud address is traced as what it stands for, so that the
        // validator judges it as an init and not as the first byte of a frame.
        trace.accept(
                e instanceof LineEvent.Byte
                        ? TraceEntry.ofByte(stamp, local.other(), b)
                        : TraceEntry.of(local.other(), e));
        listener.accept(e);
    }

    private LineEvent recognise(int b, long stamp, long idle, boolean alone) {
        List<BaudEvidence.Switch> switches =
                pipe.baudEvidence().map(BaudEvidence::switchesNow).orElse(null);
        return InitRecognition.classify(b, stamp, idle, alone, awaited, switches);
    }
}
