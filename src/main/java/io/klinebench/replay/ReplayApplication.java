package io.klinebench.replay;

import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.Pace;
import io.klinebench.kline.Reply;
import io.klinebench.line.Bytes;
import io.klinebench.line.Hex;
import io.klinebench.protocol.DiagnosticProtocol;
import io.klinebench.time.Event;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The replay module's application layer: where the services would answer, it answers from a
 * {@link ReplayScript}. The profile's link layer around it does the inits, the framing, the
 * addresses and checksums, and (unless the recording's timing is asked for) the timing. Each
 * request's rule gives its answers in order; after the last, {@link ReplayOptions.AfterLast}
 * says what follows. Single-threaded, on the link's clock.
 */
public final class ReplayApplication implements DiagnosticApplication {

    private final ReplayScript script;
    private final DiagnosticProtocol protocol;
    private final ReplayOptions options;
    private final Consumer<Event> events;
    /** How many requests each rule has answered. */
    private final int[] asked;

    public ReplayApplication(
            ReplayScript script, DiagnosticProtocol protocol, ReplayOptions options, Consumer<Event> events) {
        this.script = script;
        this.protocol = protocol;
        this.options = options;
        this.events = events;
        this.asked = new int[script.rules().size()];
    }

    @Override
    public Reply onRequest(byte[] data, long now) {
        Optional<Integer> found = script.ruleFor(data);
        if (found.isEmpty()) {
            return unknown(data, now, "the recording has no answer to " + Hex.of(data));
        }
        int i = found.get();
        Rule rule = script.rules().get(i);
        List<ReplayAnswer> answers = rule.answers();
        int n = asked[i]++;
        String note = "";
        if (n >= answers.size()) {
            String used = "the recording's " + (answers.size() == 1 ? "one answer" : answers.size() + " answers")
                    + " to " + rule.pattern() + " used up";
            if (options.afterLast() == ReplayOptions.AfterLast.UNKNOWN) {
                return unknown(data, now, used);
            }
            note = used + "; the last again";
            n = answers.size() - 1;
        }
        ReplayAnswer answer = answers.get(n);
        if (answer.data().isEmpty()) {
            events.accept(new ReplayEvent.ReplayIgnored(
                    now, Bytes.of(data), "the recorded module did not answer it (" + answer.source() + ")"));
            return Reply.silence();
        }
        byte[] made;
        try {
            made = answer.data().get().forRequest(data);
        } catch (IllegalArgumentException e) {
            // a computed answer (ediabaslib's calculations) that this request leaves no frame of
            return unknown(data, now, "the answer at " + answer.source() + " cannot be made: " + e.getMessage());
        }
        events.accept(new ReplayEvent.ReplayAnswered(
                now, Bytes.of(data), rule.pattern().toString(), n + 1, answers.size(), answer.source(), note));
        Reply.Answer reply = new Reply.Answer(made);
        return timed(reply, answer.timing(), data);
    }

    /**
     * The answer at the recording's instants when they are asked for and known: each recorded
     * responsePending first (the link sends it at its own P2, the next frame after the recorded
     * wait), then the answer at its recorded P2 and gaps. The profile's timing: the link's P2 and
     * gap; a recorded responsePending still comes, after the recorded wait.
     */
    private Reply timed(Reply.Answer answer, Optional<RecordedTiming> recorded, byte[] request) {
        if (recorded.isEmpty()) {
            return answer;
        }
        RecordedTiming t = recorded.get();
        boolean asRecorded = options.timing() == ReplayOptions.Timing.RECORDED;
        long[] pendingAt = t.pendingAt();
        Reply last = asRecorded
                ? new Reply.Paced(answer, new Pace(pendingAt.length == 0 ? t.p2() : Pace.LINK_P2, t.gaps()))
                : answer;
        if (pendingAt.length == 0) {
            return last;
        }
        // Built from the answer backwards: each responsePending's wait ends when the next frame is due.
        // The link sends the first one at its P2 after the request, each later frame at the end of
        // the wait before it, and counts a wait after the first from P2 before that frame's instant.
        Reply next = last;
        long linkP2 = protocol.answerDelay();
        for (int k = pendingAt.length - 1; k >= 0; k--) {
            long nextAt = k + 1 < pendingAt.length ? pendingAt[k + 1] : t.p2();
            long wait = k == 0 ? nextAt : nextAt - pendingAt[k] + linkP2;
            Reply then = next;
            next = new Reply.Pending(Math.max(wait, 0), () -> then);
        }
        return next;
    }

    private Reply unknown(byte[] data, long now, String why) {
        if (options.unknown() instanceof UnknownRequest.Refuse r) {
            byte[] refusal = protocol.refusal(data, r.code());
            events.accept(new ReplayEvent.ReplayRefused(now, Bytes.of(data), Bytes.of(refusal), why));
            return Reply.refusal(refusal, why);
        }
        events.accept(new ReplayEvent.ReplayIgnored(now, Bytes.of(data), why + "; ignoring it, as asked"));
        return Reply.silence();
    }
}
