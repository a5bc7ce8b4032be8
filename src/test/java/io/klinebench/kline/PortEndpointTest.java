package io.klinebench.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.BytePipe;
import io.klinebench.line.Direction;
import io.klinebench.line.InitCues;
import io.klinebench.line.LineEvent;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.Durations;
import io.klinebench.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * One end of the K-line on a real transport: a tester on a UART makes its inits with breaks
 * (K low for TiniL, a 5-baud address bit by bit); on a pty, with the bytes testers send
 * instead; the ECU's end takes a break for a wake-up and recognises a pty's inits only while
 * one is awaited.
 */
class PortEndpointTest {

    private static final long MS = Durations.MS;

    /** A transport on the virtual clock that records what happened to the line; breaks only if it can hold them. */
    private static final class FakePipe implements BytePipe {
        final List<String> line = new ArrayList<>();
        final VirtualClock clock;
        final boolean canBreak;
        Consumer<Arrival> listener;

        FakePipe(VirtualClock clock, boolean canBreak) {
            this.clock = clock;
            this.canBreak = canBreak;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public void start() {}

        @Override
        public void onArrival(Consumer<Arrival> l) {
            listener = l;
        }

        @Override
        public void write(int value) {
            line.add(clock.nanos() / MS + "ms byte " + value);
        }

        @Override
        public boolean setBreak(boolean on) {
            if (canBreak) {
                line.add(clock.nanos() / MS + "ms " + (on ? "low" : "high"));
            }
            return canBreak;
        }

        @Override
        public void close() {}
    }

    private final VirtualClock clock = new VirtualClock();

    @Test
    void onAUartTheFastInitWakeUpIsABreakOfTiniL() {
        FakePipe pipe = new FakePipe(clock, true);
        PortEndpoint tester = new PortEndpoint(clock, pipe, Direction.TESTER);
        clock.advanceTo(100 * MS);
        tester.sendLow(25 * MS);
        clock.advanceBy(Durations.S);
        assertThat(pipe.line).containsExactly("100ms low", "125ms high");
    }

    @Test
    void onAUartTheFiveBaudAddressIsSentBitByBitWithBreaks() {
        FakePipe pipe = new FakePipe(clock, true);
        PortEndpoint tester = new PortEndpoint(clock, pipe, Direction.TESTER);
        tester.sendSlow(0x33); // 0011 0011: LSB first 1,1,0,0,1,1,0,0
        pipe.line.remove(0); // the probe that asked whether breaks work
        clock.advanceBy(3 * Durations.S);
        assertThat(pipe.line)
                .containsExactly(
                        "0ms low",
                        "200ms high",
                        "400ms high",
                        "600ms low",
                        "800ms low",
                        "1000ms high",
                        "1200ms high",
                        "1400ms low",
                        "1600ms low",
                        "1800ms high",
                        "2000ms high");
    }

    @Test
    void onAPtyTheWakeUpIsTheZeroByteAtTheEndOfTheLowAndTheAddressComesAfterItsTwoSeconds() {
        FakePipe pipe = new FakePipe(clock, false);
        PortEndpoint tester = new PortEndpoint(clock, pipe, Direction.TESTER).hearsOwnBytes(true);
        List<TraceEntry> trace = new ArrayList<>();
        List<LineEvent> heard = new ArrayList<>();
        tester.onTrace(trace::add);
        tester.onReceive(heard::add);
        tester.sendLow(25 * MS);
        clock.advanceBy(Durations.S);
        tester.sendSlow(0x40);
        clock.advanceBy(3 * Durations.S);
        assertThat(pipe.line).containsExactly("25ms byte 0", "3000ms byte 64");
        // their echo comes back and is swallowed, not heard and not traced twice
        pipe.listener.accept(new BytePipe.Arrival.Bytes(clock.nanos(), new byte[] {0x00}));
        pipe.listener.accept(new BytePipe.Arrival.Bytes(clock.nanos(), new byte[] {0x40}));
        assertThat(heard).isEmpty();
        assertThat(trace).extracting(TraceEntry::value).containsExactly(0x00, 0x40);
    }

    @Test
    void theEcuTakesABreakForAWakeUpOfTheTiniLItWasToldEndingAtTheRead() {
        FakePipe pipe = new FakePipe(clock, false);
        PortEndpoint ecu = new PortEndpoint(clock, pipe, Direction.ECU);
        List<LineEvent> heard = new ArrayList<>();
        List<TraceEntry> trace = new ArrayList<>();
        ecu.onReceive(heard::add);
        ecu.onTrace(trace::add);
        ecu.expectInit(new InitCues(0x40, 0x33, 24 * MS, 20 * MS, 300 * MS, 0));
        ecu.expectNoInit(); // in a session: a break is still a wake-up
        clock.advanceTo(Durations.S);
        pipe.listener.accept(new BytePipe.Arrival.Break(clock.nanos()));
        assertThat(heard).containsExactly(new LineEvent.Low(Durations.S - 24 * MS, 24 * MS));
        assertThat(trace)
                .containsExactly(
                        new TraceEntry(Durations.S - 24 * MS, Direction.TESTER, TraceEntry.Kind.LOW, -1, 24 * MS));
    }

    @Test
    void aPtysWakeUpByteIsRecognisedOnlyWhileAnInitIsAwaited() {
        FakePipe pipe = new FakePipe(clock, false);
        PortEndpoint ecu = new PortEndpoint(clock, pipe, Direction.ECU);
        List<LineEvent> heard = new ArrayList<>();
        ecu.onReceive(heard::add);
        clock.advanceTo(Durations.S);
        pipe.listener.accept(new BytePipe.Arrival.Bytes(clock.nanos(), new byte[] {0x00}));
        ecu.expectInit(new InitCues(0x40, 0x33, 25 * MS, 20 * MS, 300 * MS, 0));
        clock.advanceTo(2 * Durations.S);
        pipe.listener.accept(new BytePipe.Arrival.Bytes(clock.nanos(), new byte[] {0x00}));
        assertThat(heard)
                .containsExactly(
                        new LineEvent.Byte(Durations.S, 0x00), new LineEvent.Low(2 * Durations.S - 25 * MS, 25 * MS));
    }
}
