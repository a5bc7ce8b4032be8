package io.klinebench.kline;

import io.klinebench.line.Direction;
import io.klinebench.time.Clock;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Durations;
import io.klinebench.time.TimingRange;

/**
 * The ECU's side of one 5-baud init, after its address came ({@link FiveBaudStep}): 0x55, KB1
 * and KB2 each a fifth into W1, W2, W3; the tester's ~KB2 awaited within W4; ~address a fifth
 * into W4, which opens the session. One instance per handshake; a new init {@link #stop}s it.
 */
final class FiveBaudResponder {

    /** What becomes of the handshake, told to the link. */
    interface Outcome {
        /** One of our bytes is on the line. */
        void sent(long at);

        /** Our ~address is out: the session is open. */
        void opened(long at);

        /** A byte that does not belong to the handshake; it goes on. */
        void ignored(String what, String why);

        /** A byte taken outside its window, on a lenient line, {@code within} the line's uncertainty and stops. */
        void tolerated(String what, String why, String within);

        /** The handshake failed; the ECU awaits a new init. */
        void failed(String what, String why);
    }

    private final Clock clock;
    private final Transmitter tx;
    private final KwpTiming timing;
    private final KeyBytes keyBytes;
    private final int address;
    private final LineConditions conditions;
    private final Outcome outcome;
    private FiveBaudStep next = FiveBaudStep.SYNC;
    private boolean stopped;
    /** Our wait for the tester's ~KB2, while it runs on a lenient line. */
    private WaitWidenedByStops wait;

    /** @param address the address the tester sent: ours or the functional one, whose inverse ends the handshake */
    FiveBaudResponder(
            Clock clock,
            Transmitter tx,
            KwpTiming timing,
            KeyBytes keyBytes,
            int address,
            LineConditions conditions,
            Outcome outcome) {
        this.clock = clock;
        this.tx = tx;
        this.timing = timing;
        this.keyBytes = keyBytes;
        this.address = address;
        this.conditions = conditions;
        this.outcome = outcome;
    }

    /** Starts with 0x55, W1 after the end of the address. */
    void start(long addressEnd) {
        sendNext(addressEnd);
    }

    /** Ends it here: nothing more is sent or reported (a new init began). */
    void stop() {
        stopped = true;
        tx.abort();
        if (wait != null) {
            wait.cancel();
        }
    }

    /**
     * A tester byte while the handshake runs: the inverted KB2, within W4 of our KB2. On a
     * lenient line it is taken however soon it comes (W4min is there to give an ECU time to turn
     * from sending to listening, which a simulator does not need, and a tester on a pty may
     * reckon W4 from our KB2's late arrival) and up to the line's uncertainty late, and said so.
     */
    void testerByte(int value, long at) {
        String what = String.format("%02X", value);
        if (next.from() != Direction.TESTER) {
            outcome.ignored(what, "byte during the 5-baud init while our " + next.text() + " is due");
            return;
        }
        int expected = next.value(keyBytes, address);
        long lastOurs = tx.lastByteAt();
        long w4 = at - lastOurs;
        TimingRange w4Window = next.window(timing);
        boolean inWindow = w4Window.contains(w4);
        boolean tolerated =
                !inWindow && conditions.lenientInits() && w4 <= w4Window.max() + conditions.tolerance(lastOurs, at);
        if (value != expected || !(inWindow || tolerated)) {
            stopped = true;
            outcome.failed(
                    what,
                    String.format(
                            "expected inverted KB2 %02X within W4 %s, got it after %s",
                            expected, next.window(timing), Durations.format(w4)));
            return;
        }
        if (tolerated) {
            outcome.tolerated(
                    what,
                    "inverted KB2 after " + Durations.format(w4) + ", outside W4 " + w4Window,
                    conditions.takenWithin(lastOurs, at));
        }
        next = next.next();
        sendNext(at);
    }

    /** The tester's ~KB2 did not come while we waited for it: the handshake failed. */
    private void noInvertedKeyByte(FiveBaudStep awaited, String beyondW4) {
        if (!stopped && next == awaited) {
            stopped = true;
            outcome.failed("5-baud init", "no inverted KB2 from the tester within W4max" + beyondW4);
        }
    }

    /** Sends the step the handshake is at (an ECU step), inside its window after {@code previousAt}. */
    private void sendNext(long previousAt) {
        FiveBaudStep step = next;
        byte value = (byte) step.value(keyBytes, address);
        tx.send(new byte[] {value}, previousAt + step.window(timing).fifthIn(), 0, sentAt -> {
            if (stopped) {
                return;
            }
            outcome.sent(sentAt);
            if (step.isLast()) {
                stopped = true;
                outcome.opened(sentAt);
                return;
            }
            next = step.next();
            if (next.from() == Direction.ECU) {
                sendNext(sentAt);
            } else {
                FiveBaudStep awaited = next;
                // on a lenient line, the uncertainty and the stops since our KB2: a ~KB2 they held may still come
                wait = WaitWidenedByStops.start(
                        clock,
                        conditions,
                        sentAt,
                        awaited.window(timing).max(),
                        CpuStops.MOST_WAITED,
                        waited -> noInvertedKeyByte(
                                awaited,
                                conditions.tolerance() == 0
                                        ? ""
                                        : " and the line's uncertainty, " + conditions.uncertainty() + waited));
            }
        });
    }
}
