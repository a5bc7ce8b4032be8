package io.klinebench.car;

import io.klinebench.fob.Transmission;
import io.klinebench.time.Clock;
import io.klinebench.time.TimingWindow;
import java.util.HashMap;
import java.util.Map;

/**
 * After a gesture learn window ran out, gestures are still watched for one more window
 * length. The car does not learn them; the bench learns by how much they missed (a real
 * module would simply ignore them, and so does this one: the codes also go through normal
 * checking).
 */
final class LateGestureWatch {

    /**
     * @param reference when the missed limit started: the window's opening, or the last learn
     * @param further   whether a remote was learned in the window (the further-remote limit applies)
     * @param until     when the watch ends
     */
    private record Watch(long reference, boolean further, long until) {}

    private final Profile.Completion rule;
    private final Clock clock;
    private final CarEventListener sink;
    private final Map<Integer, Gesture> gestures = new HashMap<>();
    private Watch watch;

    LateGestureWatch(Profile.Completion rule, Clock clock, CarEventListener sink) {
        this.rule = rule;
        this.clock = clock;
        this.sink = sink;
    }

    /** The window ran out: gestures in progress go on being watched, until {@code until}. */
    void start(long reference, boolean further, long until, Map<Integer, Gesture> inProgress) {
        watch = new Watch(reference, further, until);
        gestures.putAll(inProgress);
    }

    /** A new window opened: nothing is late any more. */
    void stop() {
        watch = null;
        gestures.clear();
    }

    /** Observes a code outside the window; never consumes it. */
    void observe(Transmission t) {
        if (watch == null) {
            return;
        }
        long now = clock.nanos();
        if (now > watch.until()) {
            stop();
            return;
        }
        Gesture g = gestures.computeIfAbsent(t.serial(), s -> new Gesture(rule));
        Gesture.Outcome o =
                t instanceof Transmission.Code c ? g.onCode(c) : g.onReleased((Transmission.Released) t, now);
        if (o instanceof Gesture.Outcome.Complete) {
            long limit = watch.further() ? rule.furtherRemoteNanos() : rule.firstRemoteNanos();
            String name = watch.further() ? "completion.further-remote-within" : "completion.first-remote-within";
            sink.accept(new CarEvent.WindowJudged(
                    clock.nanos(),
                    TimingWindow.atMost(
                            name,
                            limit,
                            now - watch.reference(),
                            "gesture completed after the learn window closed; not learned")));
            sink.accept(new CarEvent.GestureFailed(now, t.serial(), "learn window already closed"));
            gestures.remove(t.serial());
        }
    }
}
