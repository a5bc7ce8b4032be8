package io.klinebench.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.BytePipe;
import io.klinebench.line.Direction;
import io.klinebench.line.InitCues;
import io.klinebench.line.LineEvent;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.CpuStop;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Durations;
import io.klinebench.time.Uncertainty;
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

    /**
     * A tester that closes the pty and opens it again while the module's session runs (P3max is
     * 5 s) initialises as before: in a session the ECU end takes a 0x00 after P3min of quiet for a
     * wake-up too, and the module re-initialises, instead of taking the 0x00 for the first byte of
     * StartCommunication and dropping the whole (found by the transport contract, PtyContractIT).
     */
    @Test
    void onAPtyAFastInitInsideASessionReinitialises() {
        FakePipe pipe = new FakePipe(clock, false);
        List<LinkEvent> events = new ArrayList<>();
        kwpEcuOnAPty(pipe, events);

        fastInitFromAPty(pipe, Durations.S);
        fastInitFromAPty(pipe, 2 * Durations.S); // in the session, long after P3min

        assertThat(events)
                .filteredOn(e -> e instanceof LinkEvent.SessionStarted)
                .extracting(e -> ((LinkEvent.SessionStarted) e).how())
                .containsExactly("fast init", "fast init");
        assertThat(events).noneMatch(e -> e instanceof LinkEvent.FrameDropped);
        assertThat(events)
                .filteredOn(e -> e instanceof LinkEvent.Answered)
                .extracting(e -> ((LinkEvent.Answered) e).data().toString())
                .containsExactly("C1 EF 8F", "C1 EF 8F");
    }

    /**
     * Seen under load: a StartCommunication whose last two bytes came 70 ms late (beyond the
     * pty's stated 25 ms) is dropped; the tester's next fast init, 1.3 s later and on time,
     * must open the session.
     */
    @Test
    void aFastInitAfterOneCutByALateDeliveryOpensTheSession() {
        FakePipe pipe = new FakePipe(clock, false);
        List<LinkEvent> events = new ArrayList<>();
        kwpEcuOnAPty(pipe, events);
        byte[] start = KwpFrame.physical(0x40, 0xF1, (byte) 0x81).encode();
        long at = Durations.S;
        clock.advanceTo(at);
        pipe.listener.accept(new BytePipe.Arrival.Bytes(clock.nanos(), new byte[] {0x00}));
        for (int i = 0; i < start.length; i++) {
            clock.advanceTo(at + 25 * MS + i * 10 * MS + (i >= 3 ? 70 * MS : 0));
            pipe.listener.accept(new BytePipe.Arrival.Bytes(clock.nanos(), new byte[] {start[i]}));
        }
        clock.advanceBy(200 * MS);
        fastInitFromAPty(pipe, at + 1400 * MS);

        assertThat(events)
                .as("%s", events)
                .filteredOn(e -> e instanceof LinkEvent.Answered)
                .extracting(e -> ((LinkEvent.Answered) e).data().toString())
                .containsExactly("C1 EF 8F");
    }

    /**
     * A request whose bytes a stop of the machine held 100 ms, 120 ms after the one before it: on
     * a pty (25 ms stated) P4's 20 ms allows 45 ms, and the frame is cut; with the stop seen in
     * that gap the link widens the bound by it, answers, and says why it took the gap.
     */
    @Test
    void aGapAStopOfTheMachineHeldIsWidenedByTheStopAndSaid() {
        long held = 3 * Durations.S;
        CpuStop stop = new CpuStop(1, held + 15 * MS, held + 115 * MS);
        assertThat(requestWithAGapOf120ms(CpuStops.of(List.of(stop)), held))
                .filteredOn(e -> e instanceof LinkEvent.Answered || e instanceof LinkEvent.Tolerated)
                .extracting(Object::toString)
                .anySatisfy(e -> assertThat(e).contains("Answered").contains("request=21 01"))
                .anySatisfy(e -> assertThat(e)
                        .contains("a gap of 120ms between its bytes, above P4max 20ms; taken, +-25ms (a pty)")
                        .contains("the machine: CPU 1 ran nothing of ours for 100ms"));
    }

    @Test
    void theSameGapWithNoStopOfTheMachineInItCutsTheFrame() {
        long held = 3 * Durations.S;
        CpuStop elsewhere = new CpuStop(1, held - 500 * MS, held - 400 * MS);
        assertThat(requestWithAGapOf120ms(CpuStops.of(List.of(elsewhere)), held))
                .noneMatch(e -> e instanceof LinkEvent.Answered && e.toString().contains("request=21 01"))
                .anySatisfy(e -> assertThat(e).isInstanceOf(LinkEvent.FrameDropped.class));
    }

    @Test
    void aStrictLinkDoesNotWidenForAStop() {
        long held = 3 * Durations.S;
        CpuStop stop = new CpuStop(1, held + 15 * MS, held + 115 * MS);
        List<LinkEvent> events = new ArrayList<>();
        FakePipe pipe = new FakePipe(clock, false);
        kwpEcuOnAPty(pipe, events, onAPty().watched(CpuStops.of(List.of(stop))).strictly());
        sendWithAGapOf120ms(pipe, held);
        assertThat(events)
                .noneMatch(e -> e instanceof LinkEvent.Answered && e.toString().contains("request=21 01"));
    }

    /**
     * The session outlasts P3max by the machine's stops since the last request: a stop of the
     * kernel's pty delivery (300 ms) in the quiet time may have held a request, so one that
     * comes 180 ms after the session would have ended is still answered; without the stop it
     * finds no session. A session that ends all the same says how much longer it waited, and why.
     */
    @Test
    void theSessionOutlastsP3maxByTheMachinesStopsMeanwhile() {
        assertThat(requestAfterQuietTime(true, 6_700 * MS))
                .as("with the stop")
                .anySatisfy(e -> assertThat(e.toString()).contains("Answered").contains("request=21 01"));
        assertThat(requestAfterQuietTime(false, 6_700 * MS))
                .as("without it")
                .noneMatch(e -> e instanceof LinkEvent.Answered && e.toString().contains("request=21 01"))
                .anySatisfy(e -> assertThat(e.toString()).contains("P3max timeout: no request for 5s"));
        assertThat(requestAfterQuietTime(true, 8 * Durations.S))
                .as("too late even so")
                .anySatisfy(e -> assertThat(e.toString())
                        .contains("P3max timeout: no request for 5s (waited 300ms longer for the machine's stops: the"
                                + " kernel delivered no pty byte for 300ms)"));
    }

    /**
     * A request 20 ms after our answer, below P3min (55 ms) by more than a pty's 25 ms: ignored;
     * but when the kernel's pty delivery stalled between our answer and it (our answer reached
     * the tester that much later), the gap is widened by the stall, and the request is taken,
     * saying so.
     */
    @Test
    void aRequestSoonAfterOurAnswerIsTakenWhenTheMachineStoppedBetween() {
        assertThat(requestSoonAfterAnAnswer(true))
                .filteredOn(e -> e instanceof LinkEvent.Tolerated)
                .extracting(Object::toString)
                .anySatisfy(e -> assertThat(e)
                        .contains("after our answer, below P3min 55ms; taken, +-25ms (a pty)")
                        .contains("the machine: the kernel delivered no pty byte for 15ms"));
        assertThat(requestSoonAfterAnAnswer(false))
                .filteredOn(e -> e instanceof LinkEvent.Ignored)
                .extracting(Object::toString)
                .anySatisfy(e -> assertThat(e).contains("after our answer; P3min is 55ms"));
    }

    private List<LinkEvent> requestSoonAfterAnAnswer(boolean stalled) {
        long t0 = clock.nanos();
        List<CpuStop> seen = new ArrayList<>();
        CpuStops stops =
                (from, to) -> seen.stream().filter(s -> s.overlaps(from, to)).toList();
        FakePipe pipe = new FakePipe(clock, false);
        List<LinkEvent> events = new ArrayList<>();
        kwpEcuOnAPty(pipe, events, onAPty().watched(stops));
        fastInitFromAPty(pipe, t0 + 1_400 * MS);
        byte[] request = KwpFrame.physical(0x40, 0xF1, (byte) 0x21, (byte) 0x01).encode();
        int before = pipe.line.size();
        sendAt(pipe, request, t0 + 3 * Durations.S);
        // on until our answer is out: begun, then 12 ms with no byte more (its bytes come P1min apart)
        int quiet = 0;
        for (int size = before; quiet < 12 || pipe.line.size() == before; ) {
            clock.advanceBy(MS);
            quiet = pipe.line.size() == size ? quiet + 1 : 0;
            size = pipe.line.size();
        }
        String last = pipe.line.get(pipe.line.size() - 1); // "3075ms byte 101": our answer's last byte
        long answerEnd = Long.parseLong(last.substring(0, last.indexOf("ms"))) * MS;
        if (stalled) {
            seen.add(new CpuStop(CpuStop.PTY_DELIVERY, answerEnd, answerEnd + 15 * MS));
        }
        sendAt(pipe, request, answerEnd + 20 * MS);
        clock.advanceBy(300 * MS);
        return events;
    }

    private void sendAt(FakePipe pipe, byte[] bytes, long at) {
        for (int i = 0; i < bytes.length; i++) {
            clock.advanceTo(at + i * 5 * MS);
            pipe.listener.accept(new BytePipe.Arrival.Bytes(clock.nanos(), new byte[] {bytes[i]}));
        }
    }

    /**
     * From now: a fast init at 1.4 s, the kernel's pty delivery stalled from 3 s to 3.3 s when
     * {@code stalled}, then {@code 82 40 F1 21 01 D5} at {@code at}, its bytes 5 ms apart.
     */
    private List<LinkEvent> requestAfterQuietTime(boolean stalled, long at) {
        long t0 = clock.nanos();
        CpuStops stops = stalled
                ? CpuStops.of(List.of(new CpuStop(CpuStop.PTY_DELIVERY, t0 + 3 * Durations.S, t0 + 3_300 * MS)))
                : CpuStops.NONE;
        FakePipe pipe = new FakePipe(clock, false);
        List<LinkEvent> events = new ArrayList<>();
        kwpEcuOnAPty(pipe, events, onAPty().watched(stops));
        fastInitFromAPty(pipe, t0 + 1_400 * MS);
        sendAt(pipe, KwpFrame.physical(0x40, 0xF1, (byte) 0x21, (byte) 0x01).encode(), t0 + at);
        clock.advanceBy(500 * MS);
        return events;
    }

    /** After a fast init, {@code 82 40 F1 21 01 D5} with 120 ms before its fourth byte, from {@code held}. */
    private List<LinkEvent> requestWithAGapOf120ms(CpuStops stops, long held) {
        FakePipe pipe = new FakePipe(clock, false);
        List<LinkEvent> events = new ArrayList<>();
        kwpEcuOnAPty(pipe, events, onAPty().watched(stops));
        sendWithAGapOf120ms(pipe, held);
        return events;
    }

    private void sendWithAGapOf120ms(FakePipe pipe, long held) {
        fastInitFromAPty(pipe, Durations.S + 400 * MS);
        byte[] request = KwpFrame.physical(0x40, 0xF1, (byte) 0x21, (byte) 0x01).encode();
        for (int i = 0; i < request.length; i++) {
            clock.advanceTo(held + i * 5 * MS + (i >= 3 ? 115 * MS : 0));
            pipe.listener.accept(new BytePipe.Arrival.Bytes(clock.nanos(), new byte[] {request[i]}));
        }
        clock.advanceBy(500 * MS);
    }

    /** A KWP ECU at 0x40 on {@code pipe}, a pty's end (25 ms stated), answering SID + 0x40. */
    private void kwpEcuOnAPty(FakePipe pipe, List<LinkEvent> events) {
        kwpEcuOnAPty(pipe, events, onAPty());
    }

    /** A pty's end as the sim has it: no echo of its own bytes, stamps within 25 ms (stated). */
    private static LineConditions onAPty() {
        return LineConditions.real(false, new Uncertainty(25 * MS, "a pty"));
    }

    private void kwpEcuOnAPty(FakePipe pipe, List<LinkEvent> events, LineConditions conditions) {
        new KwpEcuLink(
                clock,
                new PortEndpoint(clock, pipe, Direction.ECU),
                conditions,
                0x40,
                new KeyBytes(0xEF, 0x8F),
                KwpTiming.standard(),
                (data, now) -> Reply.answer((byte) ((data[0] & 0xFF) + 0x40)),
                events::add);
    }

    /** What a tester's fast init brings on a pty: the 0x00 at {@code at} (the low's end), StartCommunication 25 ms on. */
    private void fastInitFromAPty(FakePipe pipe, long at) {
        byte[] start = KwpFrame.physical(0x40, 0xF1, (byte) 0x81).encode();
        clock.advanceTo(at);
        pipe.listener.accept(new BytePipe.Arrival.Bytes(clock.nanos(), new byte[] {0x00}));
        for (int i = 0; i < start.length; i++) {
            clock.advanceTo(at + 25 * MS + i * 5 * MS);
            pipe.listener.accept(new BytePipe.Arrival.Bytes(clock.nanos(), new byte[] {start[i]}));
        }
        clock.advanceBy(200 * MS);
    }
}
