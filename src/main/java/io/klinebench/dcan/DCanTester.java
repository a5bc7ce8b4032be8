package io.klinebench.dcan;

import io.klinebench.kline.AbstractTester;
import io.klinebench.kline.Init;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.TesterRequest;
import io.klinebench.line.Bytes;
import io.klinebench.line.Direction;
import io.klinebench.line.LineEndpoint;
import io.klinebench.time.Clock;
import io.klinebench.time.Durations;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A tester on a K+DCAN cable's serial side in D-CAN mode, as EDIABAS is: it writes BMW-FAST
 * telegrams to the module's address at 115200 baud, bytes back to back, and reads answers whose
 * bytes come within 10 ms of each other (EdInterfaceObd, D-CAN: ParTimeoutTelEnd). D-CAN has
 * no init: asked for one, it says so and does nothing.
 *
 * <p>It waits for an answer as EDIABAS's BMW-FAST transfer does (ediabaslib, TransKwp2000 and
 * its default communication parameters): {@link #ANSWER_TIMEOUT} after its request's last byte,
 * {@code P2*max} after each responsePending, at most {@link #PENDING_MAX} responsePending answers
 * in a row; a telegram dropped on the way (a bad checksum) is a failed transfer at once. A
 * failed transfer is sent again {@link #REPEATS} time(s), then given up; each is said
 * ({@link LinkEvent.TesterGaveUp}), and an answer that comes after the tester gave up on it is
 * said as ignored.
 */
public final class DCanTester extends AbstractTester<BmwFastTelegram> {

    /** EDIABAS's limit between two bytes of an answer, D-CAN concept (EdInterfaceObd.cs). */
    public static final long ANSWER_INTER_BYTE_MAX = 10_000_000L;

    /** How long EDIABAS waits for an answer: its BMW-FAST default ParTimeoutStd, 1200 ms (ediabaslib). */
    public static final long ANSWER_TIMEOUT = 1200 * Durations.MS;

    /** responsePending answers taken in a row: ParRetryNr78 2 lets the first and two more wait (ediabaslib). */
    public static final int PENDING_MAX = 3;

    /** A failed transfer is sent again this often (EDIABAS: CommRepeats, from the SGBD; 1 here, an assumption). */
    public static final int REPEATS = 1;

    /** Hands the events on, and lets this tester watch them (the base class reports the answers). */
    private static final class Relay implements Consumer<LinkEvent> {
        private final Consumer<LinkEvent> out;
        private Consumer<LinkEvent> watcher = e -> {};

        Relay(Consumer<LinkEvent> out) {
            this.out = out;
        }

        @Override
        public void accept(LinkEvent e) {
            out.accept(e);
            watcher.accept(e);
        }
    }

    private final int ecuAddress;
    private final int testerAddress;
    private final long pendingTimeout;

    /** The request waited for, or null. */
    private byte[] awaiting;
    /** A request given up on: its late answer is said as ignored. */
    private byte[] givenUp;

    private long requestEnd;
    private int repeatsLeft;
    private int pendings;
    private Clock.Scheduled watchdog;

    public DCanTester(
            Clock clock,
            LineEndpoint line,
            LineConditions conditions,
            int ecuAddress,
            int testerAddress,
            DCanTiming timing,
            Consumer<LinkEvent> events) {
        this(clock, line, conditions, ecuAddress, testerAddress, timing, new Relay(events));
    }

    private DCanTester(
            Clock clock,
            LineEndpoint line,
            LineConditions conditions,
            int ecuAddress,
            int testerAddress,
            DCanTiming timing,
            Relay relay) {
        super(
                clock,
                line,
                conditions.hearsOwnBytes(),
                new BmwFastDecoder(ANSWER_INTER_BYTE_MAX + conditions.tolerance()),
                timing.serialByte(),
                relay);
        this.ecuAddress = ecuAddress;
        this.testerAddress = testerAddress;
        this.pendingTimeout = timing.p2StarMax();
        relay.watcher = this::watch;
    }

    @Override
    public void init(Init init) {
        events.accept(new LinkEvent.Ignored(
                clock.nanos(), init.text(), "D-CAN has no init: a tester simply sends BMW-FAST telegrams"));
    }

    @Override
    public void send(byte[] data) {
        repeatsLeft = REPEATS;
        givenUp = null;
        request(data.clone());
    }

    private void request(byte[] data) {
        stopWatching();
        awaiting = data;
        pendings = 0;
        transmit(
                TesterRequest.of(Bytes.of(data)),
                new BmwFastTelegram(ecuAddress, testerAddress, data).encode(),
                clock.nanos());
    }

    /** What the tester makes of its own events: its request out, an answer in, a telegram dropped. */
    private void watch(LinkEvent e) {
        if (awaiting == null) {
            return;
        }
        if (e instanceof LinkEvent.FrameSent s && s.from() == Direction.TESTER) {
            requestEnd = s.at();
            waitUntil(s.at() + ANSWER_TIMEOUT, "no answer within " + Durations.format(ANSWER_TIMEOUT));
        } else if (e instanceof LinkEvent.FrameDropped d && d.by() == Direction.TESTER) {
            fail(d.at(), "the answer's telegram was dropped (" + d.reason().replace('_', ' ') + ")", true);
        } else if (e instanceof LinkEvent.TesterReceived r) {
            byte[] data = r.data().toArray();
            boolean pending = data.length == 3 && (data[0] & 0xFF) == 0x7F && (data[2] & 0xFF) == 0x78;
            if (!pending) {
                stopWatching();
                awaiting = null;
                givenUp = null;
            } else if (++pendings > PENDING_MAX) {
                fail(r.at(), "responsePending " + pendings + " times in a row; it takes at most " + PENDING_MAX, false);
            } else {
                waitUntil(
                        r.at() + pendingTimeout,
                        "no answer within " + Durations.format(pendingTimeout) + " of a responsePending");
            }
        }
    }

    /** Waits for an answer until {@code deadline}, inclusive: an answer ending on it is taken, 1 ns later it is not. */
    private void waitUntil(long deadline, String why) {
        stopWatching();
        watchdog = clock.schedule(deadline + 1, () -> {
            watchdog = null;
            fail(deadline + 1, why, true);
        });
    }

    /** The transfer failed at {@code at}: said, then sent again when {@code repeatable} and a repeat is left. */
    private void fail(long at, String why, boolean repeatable) {
        stopWatching();
        byte[] request = awaiting;
        boolean again = repeatable && repeatsLeft > 0;
        String next = again
                ? "sends the request again (repeat " + (REPEATS - repeatsLeft + 1) + " of " + REPEATS + ")"
                : repeatable ? "gives the request up (no repeat left)" : "gives the request up";
        events.accept(new LinkEvent.TesterGaveUp(at, TesterRequest.of(Bytes.of(request)), at - requestEnd, why, next));
        awaiting = null;
        givenUp = request;
        if (again) {
            repeatsLeft--;
            request(request);
        }
    }

    private void stopWatching() {
        if (watchdog != null) {
            watchdog.cancel();
            watchdog = null;
        }
    }

    @Override
    protected Optional<String> notFromOurModule(BmwFastTelegram t) {
        if (t.source() != ecuAddress) {
            return Optional.of(String.format("an answer from %02X; this tester talks to %02X", t.source(), ecuAddress));
        }
        if (awaiting == null && givenUp != null) {
            return Optional.of("an answer after the tester gave up on " + Bytes.of(givenUp));
        }
        return Optional.empty();
    }

    @Override
    protected byte[] dataOf(BmwFastTelegram t) {
        return t.data();
    }
}
