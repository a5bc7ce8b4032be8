package io.klinebench.sim;

import io.klinebench.kline.Ds2Tester;
import io.klinebench.kline.KwpTester;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.Tester;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.serial.SerialLine;
import io.klinebench.services.DiagnosticProfile;
import io.klinebench.time.Durations;
import io.klinebench.time.SystemClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A diagnostic tester on a port, in real time: the bench's {@link KwpTester} or {@link Ds2Tester}
 * on a {@link SerialLine}. It keeps the line idle W5 before an init, initialises, and sends each
 * request P3min (DS2: the request gap) plus {@link #MARGIN} after the previous answer, with P4
 * between its bytes; it reports each answer with its measured timing.
 *
 * <p>Waiting is generous ({@link #SLACK} beyond the protocol's limit): this is real time on a
 * shared machine, and a late answer is reported with its timing rather than lost.
 */
public final class PortTester {

    /** Added to P3min (and W5) so jitter never makes us early. */
    public static final long MARGIN = 10 * Durations.MS;
    /** How much longer than the protocol's limit we wait for an answer. */
    public static final long SLACK = 1 * Durations.S;

    public enum Init {
        NONE,
        FAST,
        FIVE_BAUD
    }

    /**
     * One request and what came of it.
     *
     * @param request     the request data ("21 01"), or "fast init" / "5-baud init"
     * @param answer      the answer data, empty when nothing came
     * @param p2Nanos     request end to the answer's first byte, as we measured it
     * @param answerNanos request end to the answer's last byte
     * @param pending     responsePending (7F xx 78) answers seen before the answer
     */
    public record Exchange(String request, Optional<String> answer, long p2Nanos, long answerNanos, int pending) {
        public boolean answered() {
            return answer.isPresent();
        }
    }

    private final SystemClock clock;
    private final SerialLine line;
    private final DiagnosticProfile profile;
    private final BlockingQueue<LinkEvent> events = new LinkedBlockingQueue<>();
    private final Tester tester;
    private long lastAnswerAt;
    private long requestEnd;

    /** Puts a tester for {@code profile}'s protocol, talking to {@code address}, on {@code line} and starts the line. */
    public PortTester(SystemClock clock, SerialLine line, DiagnosticProfile profile, int address, boolean lineEchoes)
            throws IOException {
        this.clock = clock;
        this.line = line;
        this.profile = profile;
        line.hearsOwnBytes(lineEchoes);
        this.tester = PortSimulator.call(
                clock,
                () -> kwp()
                        ? (Tester) new KwpTester(
                                clock, line, lineEchoes, address, profile.testerAddress(), profile.kwp(), events::add)
                        : new Ds2Tester(clock, line, lineEchoes, address, profile.ds2(), events::add));
        if (kwp()) {
            // P4min exactly leaves no room for scheduling jitter in real time: a byte 0.1 ms
            // early breaks P4min. A third of the way into [P4min, P4max] keeps clear of both.
            long p4 = profile.kwp().p4Min()
                    + (profile.kwp().p4Max() - profile.kwp().p4Min()) / 3;
            PortSimulator.call(clock, () -> {
                tester.setInterByte(p4);
                return null;
            });
        }
        line.start();
        this.lastAnswerAt = clock.nanos();
    }

    /** Initialises (after W5 of idle); the exchange's answer is the key bytes, or ~address for 5-baud. */
    public Exchange init(Init init) {
        if (init == Init.NONE) {
            return new Exchange("none", Optional.of(""), 0, 0, 0);
        }
        if (!kwp()) {
            throw new IllegalArgumentException("DS2 has no initialisation");
        }
        var t = profile.kwp();
        long at = clock.nanos() + t.w5Min() + MARGIN;
        requestEnd = at;
        if (init == Init.FAST) {
            clock.schedule(at, tester::fastInit);
            Exchange first = await("fast init", "81", at + t.tWup() + t.p2Max() + SLACK);
            if (first.answer().isPresent()) {
                return first;
            }
            // On a pty the wake-up is a byte whose arrival the ECU times; a reader stalled by
            // load can make it look early. A tester tries again, as real ones do.
            long again = clock.nanos() + t.w5Min() + MARGIN;
            requestEnd = again;
            clock.schedule(again, tester::fastInit);
            return await("fast init", "81", again + t.tWup() + t.p2Max() + SLACK);
        }
        clock.schedule(at, tester::fiveBaudInit);
        long limit = SerialLine.FIVE_BAUD_BYTE + t.w1Max() + t.w2Max() + t.w3Max() + 2 * t.w4Max();
        Exchange e = await("5-baud init", "5-baud init", at + limit + SLACK);
        return new Exchange(e.request(), e.answer(), 0, e.answered() ? lastAnswerAt - at : 0, 0);
    }

    /** Sends one request after the gap the protocol asks for, and waits for its answer. */
    public Exchange request(byte[] data) {
        long gap = kwp() ? profile.kwp().p3Min() : profile.ds2().minRequestGap();
        long at = Math.max(clock.nanos(), lastAnswerAt + gap + MARGIN);
        requestEnd = Long.MIN_VALUE;
        clock.schedule(at, () -> tester.send(data));
        long limit = kwp() ? profile.kwp().p2Max() : profile.ds2().responseTimeout();
        return await(Hex.of(data), Hex.of(data), at + (data.length + 4) * 25 * Durations.MS + limit + SLACK);
    }

    private Exchange await(String label, String request, long deadline) {
        int pending = 0;
        while (true) {
            long left = deadline - clock.nanos();
            LinkEvent e;
            try {
                e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                e = null;
            }
            if (e == null) {
                return new Exchange(label, Optional.empty(), 0, 0, pending);
            }
            if (e instanceof LinkEvent.FrameSent s && s.from() == Direction.TESTER) {
                requestEnd = s.at();
            } else if (e instanceof LinkEvent.TesterReceived r && r.request().equals(request)) {
                lastAnswerAt = r.at();
                if (kwp() && r.data().matches("7F .. 78")) {
                    pending++;
                    deadline = r.at() + profile.kwp().p2StarMax() + SLACK;
                    continue;
                }
                long end = requestEnd == Long.MIN_VALUE ? r.at() : requestEnd;
                return new Exchange(label, Optional.of(r.data()), r.waitedNanos(), r.at() - end, pending);
            }
        }
    }

    private boolean kwp() {
        return profile.protocol() == DiagnosticProfile.Protocol.KWP2000;
    }

    /** Stops the reader and closes the port. */
    public void close() {
        line.close();
    }

    /** Runs a whole conversation: the init (nothing more when it fails), then every request, answered or not. */
    public static List<Exchange> conversation(PortTester t, Init init, List<byte[]> requests) {
        List<Exchange> out = new ArrayList<>();
        if (init != Init.NONE) {
            Exchange e = t.init(init);
            out.add(e);
            if (!e.answered()) {
                return out;
            }
        }
        for (byte[] r : requests) {
            out.add(t.request(r));
        }
        return out;
    }
}
