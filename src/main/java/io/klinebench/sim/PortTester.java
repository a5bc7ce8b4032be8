package io.klinebench.sim;

import io.klinebench.kline.Ds2Tester;
import io.klinebench.kline.Init;
import io.klinebench.kline.KwpTester;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.PortEndpoint;
import io.klinebench.kline.Tester;
import io.klinebench.kline.TesterRequest;
import io.klinebench.line.Bytes;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.protocol.DiagnosticProtocol;
import io.klinebench.protocol.InitProcedure;
import io.klinebench.serial.CpuStopWatch;
import io.klinebench.serial.PortChannel;
import io.klinebench.serial.PortPresence;
import io.klinebench.serial.SerialPipe;
import io.klinebench.serial.ThreadPriority;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.SystemClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A diagnostic tester on a port, in real time: the bench's {@link KwpTester} or {@link Ds2Tester}
 * on a serial port or pty. It keeps the line idle W5 before an init, initialises, and sends each
 * request P3min (DS2: the request gap) plus {@link #MARGIN} after the previous answer, with P4
 * between its bytes; it reports each answer with its measured timing.
 *
 * <p>Waiting is generous ({@link #SLACK} beyond the protocol's limit): this is real time on a
 * shared machine, and a late answer is reported with its timing rather than lost. A request the
 * module cannot have taken as sent, or whose answer reached us broken, is sent once more, as
 * ISO 14230-2 lets a tester do, and the exchange says why ({@link Repeat}).
 */
public final class PortTester {

    /** Added to P3min (and W5) so jitter never makes us early. */
    public static final long MARGIN = 10 * Durations.MS;
    /** How much longer than the protocol's limit we wait for an answer. */
    public static final long SLACK = 1 * Durations.S;
    /**
     * One request and what came of it.
     *
     * @param request     the request data ("21 01"), or "fast init" / "5-baud init"
     * @param answer      the answer data, empty when nothing came
     * @param p2Nanos     request end to the answer's first byte, as we measured it
     * @param answerNanos request end to the answer's last byte
     * @param pending     responsePending (7F xx 78) answers seen before the answer
     * @param heard       what else the tester's link layer reported while it waited (bytes it
     *                    dropped and why, answers to something else, collisions): why an
     *                    answer did not come, as far as this end can tell
     * @param repeats     each time the request was sent again, and why (empty: sent once)
     */
    public record Exchange(
            String request,
            Optional<String> answer,
            long p2Nanos,
            long answerNanos,
            int pending,
            List<String> heard,
            List<Repeat> repeats) {
        public Exchange {
            heard = List.copyOf(heard);
            repeats = List.copyOf(repeats);
        }

        /** Sent once. */
        public Exchange(
                String request,
                Optional<String> answer,
                long p2Nanos,
                long answerNanos,
                int pending,
                List<String> heard) {
            this(request, answer, p2Nanos, answerNanos, pending, heard, List.of());
        }

        public boolean answered() {
            return answer.isPresent();
        }

        /** This exchange after a repeat: the repeat's outcome, with everything heard before it. */
        Exchange after(Repeat repeat, Exchange again) {
            List<String> allHeard = new ArrayList<>(heard);
            allHeard.addAll(again.heard);
            List<Repeat> all = new ArrayList<>(repeats);
            all.add(repeat);
            all.addAll(again.repeats);
            return new Exchange(
                    again.request, again.answer, again.p2Nanos, again.answerNanos, again.pending, allHeard, all);
        }
    }

    /**
     * Why a request was sent once more: the module could not have answered it as sent, or it
     * answered and the answer could not be taken. ISO 14230-2 lets a tester repeat a request
     * in both cases; a module answers a repeated read as it answered the first.
     *
     * @param why    which of the two, and whose doing
     * @param detail what this end measured, in words
     */
    public record Repeat(Why why, String detail) {

        /** What made the request worth sending again. */
        public enum Why {
            /** This machine held the tester back between the request's bytes beyond the module's limit. */
            OUR_REQUEST_LATE(false),
            /** Sent in time, but its echo shows the line delivered it stretched beyond the module's limit. */
            REQUEST_STRETCHED_ON_LINE(false),
            /** The module answered, and its answer reached this end broken (dropped by our link layer). */
            ANSWER_BROKEN(true);

            private final boolean moduleAnswered;

            Why(boolean moduleAnswered) {
                this.moduleAnswered = moduleAnswered;
            }

            /** Whether the module answered the first sending (its answer is on the line twice). */
            public boolean moduleAnswered() {
                return moduleAnswered;
            }
        }

        @Override
        public String toString() {
            return detail + "; sent again";
        }
    }

    private final SystemClock clock;
    private final SerialPipe pipe;
    /** The machine's stops while the line is busy: a gap one held is widened by it, as at the simulator. */
    private final CpuStopWatch watch;

    private final DiagnosticProtocol protocol;
    /** The tester's link events, and the port's going ({@link SimEvent.PortGone}), which ends any wait. */
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    /** Set on the clock's loop when the port vanished: nothing more is sent. */
    private volatile SimEvent.PortGone gone;
    /** What this end put on the line and read from it, lately (the clock's thread adds). */
    private final RecentTrace recent = new RecentTrace(64);

    private final Tester tester;
    private long lastAnswerAt;
    private long requestEnd;
    /** The longest gap between the bytes of the request last sent, as this end put them on the line. */
    private long lastRequestGap;
    /** When the request last sent began, and how many bytes it had (its echo is looked for after it). */
    private long lastRequestFirstAt;

    private int lastRequestLength;
    /** What our link layer dropped after the request last sent went out: its answer, broken. */
    private LinkEvent.FrameDropped answerDropped;

    private final boolean hearsOwnBytes;

    /** Whether the clock's loop and the reader were raised, or why not. */
    private final ThreadPriority.Outcome priority;

    /**
     * Puts a tester for {@code profile}'s protocol, talking to {@code address}, on {@code channel} and opens it.
     *
     * @param hearsOwnBytes whether the line brings our own bytes back (a K-line cable and {@code sim --virtual} do)
     */
    public PortTester(
            SystemClock clock, PortChannel channel, DiagnosticProfile profile, int address, boolean hearsOwnBytes)
            throws IOException {
        this(clock, channel, profile, address, hearsOwnBytes, PortEndpoint.WakeUp.BREAK);
    }

    /** As above, with the fast init's wake-up made {@code wakeUp}. */
    public PortTester(
            SystemClock clock,
            PortChannel channel,
            DiagnosticProfile profile,
            int address,
            boolean hearsOwnBytes,
            PortEndpoint.WakeUp wakeUp)
            throws IOException {
        this.clock = clock;
        this.hearsOwnBytes = hearsOwnBytes;
        // A vanished port ends the conversation: a tester has nobody to talk to until it is
        // plugged in again, and would otherwise wait out every request left as unanswered.
        this.pipe = new SerialPipe(clock, channel, false).endWhenGone(() -> portGone(channel.name()));
        // as the simulator does: where refused, the timing is less exact
        this.priority = TimingThreads.raise(clock, pipe);
        this.protocol = profile.protocol();
        PortEndpoint line = new PortEndpoint(clock, pipe, Direction.TESTER)
                .hearsOwnBytes(hearsOwnBytes)
                .wakeUp(wakeUp, profile.baud());
        this.watch = CpuStopWatch.start(clock);
        pipe.keepAwake(watch);
        line.onTrace(recent);
        // The ECU's answers are stamped as they arrive, as ours are at the ECU: judged within the
        // larger of the stated uncertainties, as the tester cannot know which transport it is on,
        // and a gap a stop of the machine held widened by the stop.
        LineConditions conditions =
                LineConditions.real(hearsOwnBytes, PortSettings.CABLE).watched(watch);
        this.tester = PortSimulator.call(clock, () -> {
            Tester t = protocol.tester(clock, line, conditions, address, events::add);
            t.setInterByte(protocol.realLineInterByte());
            return t;
        });
        Warmup.tester(profile);
        pipe.start();
        this.lastAnswerAt = clock.nanos();
    }

    /** On the clock's loop: the port's reads ended. */
    private void portGone(String port) {
        SimEvent.PortGone g = new SimEvent.PortGone(clock.nanos(), port, PortPresence.Gone.USUALLY);
        gone = g;
        events.add(g);
    }

    /** Throws when the port is gone: nothing sent now would reach anyone. */
    private void requirePort() {
        SimEvent.PortGone g = gone;
        if (g != null) {
            throw new PortLost(g);
        }
    }

    /**
     * Initialises (after the protocol's idle time); the exchange's answer is the key bytes, or
     * ~address for 5-baud.
     *
     * @throws IllegalArgumentException for an init the protocol does not have
     * @throws PortLost when the port is gone, or goes while the init waits for its answer
     */
    public Exchange init(Init init) {
        requirePort();
        InitProcedure procedure = protocol.init(init)
                .orElseThrow(() -> new IllegalArgumentException(protocol.name() + " has no " + init.text()));
        Exchange e = attempt(init, procedure);
        if (!e.answered() && init == Init.FAST) {
            // On a pty the wake-up is a byte whose arrival the ECU times; a reader stalled by
            // load can make it look early. A tester tries again, as real ones do.
            e = attempt(init, procedure);
        }
        return e;
    }

    private Exchange attempt(Init init, InitProcedure procedure) {
        long at = clock.nanos() + procedure.idleBefore() + MARGIN;
        requestEnd = at;
        clock.schedule(at, () -> tester.init(init));
        return await(init.text(), null, at, at + procedure.answerWithin() + SLACK);
    }

    /**
     * Sends one request after the gap the protocol asks for, and waits for its answer; sends it
     * once more (and says why) when the module cannot have taken it or its answer came broken.
     *
     * @throws IllegalArgumentException for a request longer than the protocol's frame holds
     * @throws PortLost when the port is gone, or goes while the request waits for its answer
     */
    public Exchange request(byte[] data) {
        unsendable(protocol, data).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        requirePort();
        Exchange e = send(data);
        if (e.answered()) {
            return e;
        }
        return whyRepeat().map(r -> e.after(r, send(data))).orElse(e);
    }

    /**
     * Why {@code data} cannot go out as one request of {@code protocol}, or empty: its frame
     * has room for {@link DiagnosticProtocol#longestRequest()} data bytes. Said before a
     * request is sent, because the frame is made on the clock's loop, where a refusal reaches
     * nobody and the tester would wait for the answer to a request that never went out.
     */
    public static Optional<String> unsendable(DiagnosticProtocol protocol, byte[] data) {
        if (data.length >= 1 && data.length <= protocol.longestRequest()) {
            return Optional.empty();
        }
        return Optional.of("a " + protocol.name() + " request carries 1.." + protocol.longestRequest()
                + " data bytes, not " + data.length);
    }

    /** Why the request last sent, unanswered, is worth sending again; empty when nothing says so. */
    private Optional<Repeat> whyRepeat() {
        if (answerDropped != null) {
            // The module answered, so it took the request; what reached us was not a frame (on a
            // busy machine, a byte delivered to this process later than the inter-byte limit and
            // the line's uncertainty).
            return Optional.of(new Repeat(
                    Repeat.Why.ANSWER_BROKEN,
                    "the module's answer reached us broken (" + answerDropped.reason() + ": " + answerDropped.hex()
                            + ")"));
        }
        long limit = protocol.testerInterByteMax();
        // Where the line echoes, the echo of our request shows how it reached the module:
        // stretched by the line (a pty's delivery stalled by load) beyond what the module takes.
        long echoGap = hearsOwnBytes ? recent.longestEchoGap(lastRequestFirstAt, lastRequestLength) : 0;
        String echo = "its echo came back with a gap of " + Durations.human(echoGap) + " between its bytes";
        if (lastRequestGap > limit) {
            // Our own request broke the protocol: this machine kept the tester from its next byte
            // longer than the module allows, so the module was right to drop it.
            return Optional.of(new Repeat(
                    Repeat.Why.OUR_REQUEST_LATE,
                    "our request went out with a gap of " + Durations.human(lastRequestGap)
                            + " between its bytes, above the module's " + Durations.human(limit)
                            + " (this machine kept the tester waiting)"
                            + (echoGap > lastRequestGap + limit ? ", and " + echo : "")));
        }
        if (echoGap > limit) {
            return Optional.of(new Repeat(
                    Repeat.Why.REQUEST_STRETCHED_ON_LINE,
                    "our request went out in time, but " + echo + ", above the module's " + Durations.human(limit)
                            + " (the line delivered it late, so the module saw the gap too)"));
        }
        return Optional.empty();
    }

    private Exchange send(byte[] data) {
        long at = Math.max(clock.nanos(), lastAnswerAt + protocol.requestGap() + MARGIN);
        requestEnd = Long.MIN_VALUE;
        lastRequestGap = 0;
        answerDropped = null;
        clock.schedule(at, () -> tester.send(data));
        return await(
                Hex.of(data),
                TesterRequest.of(Bytes.of(data)),
                at,
                at + (data.length + 4) * 25 * Durations.MS + protocol.answerTimeout() + SLACK);
    }

    /**
     * Waits for the answer to {@code request} (null: to whatever the tester sent last), sent at
     * {@code sentAt}.
     */
    private Exchange await(String label, TesterRequest request, long sentAt, long deadline) {
        int pending = 0;
        List<String> heard = new ArrayList<>();
        long extendedBy = 0;
        while (true) {
            long left = deadline - clock.nanos();
            Event e;
            try {
                e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                e = null;
            }
            if (e == null) {
                long now = clock.nanos();
                // The machine's stops since the request held the answer as long: wait that
                // much more (a stall still going on keeps counting), up to CpuStops.MOST_WAITED.
                long stopped = Math.min(watch.widening(sentAt, now, 0), CpuStops.MOST_WAITED);
                if (stopped > extendedBy) {
                    deadline += stopped - extendedBy;
                    extendedBy = stopped;
                    continue;
                }
                heard.add("on this end's line, in ms from the request: " + recent.account(sentAt, now)
                        + (extendedBy == 0
                                ? ""
                                : "; waited " + Durations.human(extendedBy) + " longer for the machine's stops ("
                                        + watch.said(sentAt, now, 0) + ")"));
                return new Exchange(label, Optional.empty(), 0, 0, pending, heard);
            }
            if (e instanceof SimEvent.PortGone g) {
                throw new PortLost(g);
            }
            if (e instanceof LinkEvent.FrameSent s && s.from() == Direction.TESTER) {
                requestEnd = s.at();
                lastRequestGap = recent.longestGap(Direction.TESTER, s.firstAt(), s.at());
                lastRequestFirstAt = s.firstAt();
                lastRequestLength = s.hex().length();
            } else if (e instanceof LinkEvent.TesterReceived r
                    && (request == null || r.request().equals(request))) {
                lastAnswerAt = r.at();
                if (protocol.isResponsePending(r.data().toArray())) {
                    pending++;
                    deadline = r.at() + protocol.pendingTimeout() + SLACK;
                    continue;
                }
                long end = requestEnd == Long.MIN_VALUE ? r.at() : requestEnd;
                return new Exchange(
                        label, Optional.of(r.data().toString()), r.waitedNanos(), r.at() - end, pending, heard);
            } else if (!(e instanceof LinkEvent.FrameSent)) {
                if (e instanceof LinkEvent.FrameDropped d
                        && d.by() == Direction.TESTER
                        && requestEnd != Long.MIN_VALUE
                        && answerDropped == null) {
                    answerDropped = d;
                }
                heard.add(e.toString());
            }
        }
    }

    /** Whether this end's timing threads (the clock's loop, the reader) were raised, or why not. */
    public ThreadPriority.Outcome priority() {
        return priority;
    }

    /** Stops the reader and closes the port. */
    public void close() {
        pipe.close();
        watch.close();
    }

    /** Runs a whole conversation: the init (nothing more when it fails), then every request, answered or not. */
    public static List<Exchange> conversation(PortTester t, Optional<Init> init, List<byte[]> requests) {
        List<Exchange> out = new ArrayList<>();
        conversation(t, init, requests, out::add);
        return out;
    }

    /**
     * As above, handing each exchange to {@code each} as it ends: what was said before the port
     * went is not lost with the conversation.
     *
     * @throws PortLost when the port is gone: no request after it is sent
     */
    public static void conversation(PortTester t, Optional<Init> init, List<byte[]> requests, Consumer<Exchange> each) {
        if (init.isPresent()) {
            Exchange e = t.init(init.get());
            each.accept(e);
            if (!e.answered()) {
                return;
            }
        }
        for (byte[] r : requests) {
            each.accept(t.request(r));
        }
    }
}
