package io.klinebench.car;

import io.klinebench.car.CarEvent.CountReset;
import io.klinebench.car.CarEvent.LearnAbort;
import io.klinebench.car.CarEvent.LockState;
import io.klinebench.car.CarEvent.WindowClose;
import io.klinebench.fob.Key;
import io.klinebench.fob.Transmission;
import io.klinebench.time.Clock;
import io.klinebench.time.TimingWindow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ritual: ignition cycles, then either the remote gesture after a quick key-out
 * (R50/R53) or the key in the ignition learned at once (R56), and the learn window in which
 * further remotes may follow.
 *
 * <pre>
 *  IDLE --cycle n of N--> COUNTING --Nth cycle--> (gesture) AWAIT_KEY_OUT --key out in time--> WINDOW_OPEN
 *                                            \--> (inserted key) learn it, chime --------------> WINDOW_OPEN
 *  WINDOW_OPEN --each remote learned: extend--> WINDOW_OPEN --timer / door / key / ignition--> IDLE
 * </pre>
 */
final class LearnProcedure {

    private final Profile profile;
    private final Profile.Completion rule;
    private final Clock clock;
    private final CarEventListener sink;
    private final CycleCounter cycles;
    private final DoorsAndLocks doors;
    private final Supplier<RemoteReceiver> receiver;
    private final Map<Integer, Gesture> gestures = new HashMap<>();
    private final LateGestureWatch late;

    private Clock.Scheduled keyOutTimer;
    private long lastCycleOff = -1;
    private boolean keyOutLate;

    private boolean windowOpen;
    private long windowOpenedAt;
    private long closesAt;
    private long lastLearnAt;
    private Clock.Scheduled closeTimer;

    LearnProcedure(
            Profile profile,
            Clock clock,
            CarEventListener sink,
            DoorsAndLocks doors,
            Supplier<RemoteReceiver> receiver) {
        this.profile = profile;
        this.rule = profile.completion();
        this.clock = clock;
        this.sink = sink;
        this.doors = doors;
        this.receiver = receiver;
        this.cycles = new CycleCounter(profile.cycles(), clock, sink);
        this.late = new LateGestureWatch(rule, clock, sink);
    }

    int cycleCount() {
        return cycles.count();
    }

    int cyclesNeeded() {
        return cycles.needed();
    }

    boolean windowOpen() {
        return windowOpen;
    }

    /** When the open window closes unless a remote extends it; -1 when closed. */
    long windowClosesAt() {
        return windowOpen ? closesAt : -1;
    }

    boolean learnsByGesture() {
        return rule.kind() == Profile.Completion.Kind.REMOTE_GESTURE;
    }

    // ---- what happens to the car (told by PhysicalInputs and the module) ----------------

    void ignitionChanged(int from, int to, Optional<CountReset> precondition, Key key) {
        int run = profile.cycles().runPosition();
        if (from < run && to >= run) {
            if (windowOpen) {
                closeWindow(WindowClose.IGNITION_ON);
            }
            cancelKeyOut();
            keyOutLate = false;
            cycles.runStarted(precondition.isEmpty(), precondition.orElse(null));
        } else if (from >= run && to < run) {
            cycles.runEnded();
        }
        if (to == 3) {
            cycles.engineStart();
        }
        if (to == 0 && cycles.reachedOff() && cycles.complete()) {
            cyclesComplete(key);
        }
    }

    void keyInserted(Key key) {
        if (!windowOpen) {
            return;
        }
        if (learnsByGesture()) {
            closeWindow(WindowClose.KEY_INSERTED);
        } else if (key.hasRemote()) {
            learnInsertedKey(key);
        }
    }

    void keyRemoved() {
        long now = clock.nanos();
        if (keyOutTimer != null || keyOutLate) {
            long waited = now - lastCycleOff;
            TimingWindow w = TimingWindow.atMost(
                    "completion.key-out-deadline", rule.keyOutDeadlineNanos(), waited, "key out after the last cycle");
            judge(w);
            boolean inTime = !keyOutLate;
            cancelKeyOut();
            keyOutLate = false;
            if (inTime) {
                cycles.clear();
                openWindow(rule.firstRemoteNanos());
            }
            return;
        }
        int n = cycles.count();
        if (n > 0) {
            sink.accept(new CarEvent.LearnAborted(
                    now, LearnAbort.WRONG_CYCLE_COUNT, "key out after " + n + " of " + cycles.needed() + " cycles"));
            cycles.abandon(CountReset.KEY_REMOVED);
        }
    }

    void doorOpened() {
        if (profile.cycles().requireDoorsClosed()) {
            cycles.abandon(CountReset.DOOR_OPENED);
            cancelKeyOut();
            keyOutLate = false;
        }
        if (windowOpen) {
            closeWindow(WindowClose.DOOR_OPENED);
        }
    }

    void carLocked() {
        if (profile.cycles().requireUnlocked()) {
            cycles.abandon(CountReset.CAR_LOCKED);
            cancelKeyOut();
            keyOutLate = false;
        }
    }

    /** The module stops (power lost, ECU reset): the count, a key-out wait and a window are gone. */
    void abandonAll(CountReset countReason, WindowClose windowReason) {
        cycles.abandon(countReason);
        cancelKeyOut();
        keyOutLate = false;
        if (windowOpen) {
            closeWindow(windowReason);
        }
    }

    /** Remotes learned in the open window (0 when closed). */
    int learnedInWindow() {
        return windowOpen ? receiver.get().learnedInSessionCount() : 0;
    }

    /** A code while the window is open; returns false when the window is not for gestures. */
    boolean onCode(Transmission.Code code) {
        if (!windowOpen || !learnsByGesture()) {
            return false;
        }
        Optional<RemoteReceiver.Check.Rejected> rejected =
                receiver.get().checkForLearning(code, rule.acceptsNewRemotes());
        if (rejected.isPresent()) {
            sink.accept(new CarEvent.RemoteCodeRejected(
                    clock.nanos(),
                    code.serial(),
                    rejected.get().reason(),
                    rejected.get().detail()));
            return true;
        }
        handle(
                code.serial(),
                gestures.computeIfAbsent(code.serial(), s -> new Gesture(rule)).onCode(code));
        return true;
    }

    boolean onReleased(Transmission.Released r) {
        if (!windowOpen || !learnsByGesture()) {
            return false;
        }
        Gesture g = gestures.get(r.serial());
        if (g != null) {
            handle(r.serial(), g.onReleased(r, clock.nanos()));
        }
        return true;
    }

    // ---- the ritual's steps -----------------------------------------------------------

    private void cyclesComplete(Key key) {
        lastCycleOff = cycles.lastOff();
        if (rule.chime()) {
            sink.accept(new CarEvent.Chime(clock.nanos(), cycles.needed() + " ignition cycles"));
        }
        if (learnsByGesture()) {
            // One nanosecond past the limit, so a key pulled exactly at the deadline is in time.
            keyOutTimer = clock.schedule(lastCycleOff + rule.keyOutDeadlineNanos() + 1, this::keyOutExpired);
            return;
        }
        cycles.clear();
        if (!key.hasRemote()) {
            sink.accept(new CarEvent.LearnAborted(
                    clock.nanos(), LearnAbort.NO_REMOTE_IN_KEY, "key " + key.id() + " has no remote to learn"));
            return;
        }
        if (!receiver.get().coded()) {
            sink.accept(new CarEvent.LearnAborted(
                    clock.nanos(), LearnAbort.RECEIVER_NOT_CODED, "receiver module not coded to this car"));
            return;
        }
        openWindow(rule.furtherRemoteNanos());
        learnInsertedKey(key);
    }

    private void keyOutExpired() {
        keyOutTimer = null;
        // The window is judged when the key does come out, with the real lateness.
        keyOutLate = true;
        sink.accept(new CarEvent.LearnAborted(
                clock.nanos(), LearnAbort.KEY_OUT_TOO_LATE, "key not removed within the deadline"));
        cycles.clear();
    }

    private void cancelKeyOut() {
        if (keyOutTimer != null) {
            keyOutTimer.cancel();
            keyOutTimer = null;
        }
    }

    private void openWindow(long length) {
        long now = clock.nanos();
        late.stop();
        windowOpen = true;
        windowOpenedAt = now;
        lastLearnAt = -1;
        gestures.clear();
        receiver.get().startSession();
        sink.accept(new CarEvent.LearnWindowOpened(now, now + length));
        scheduleClose(now + length);
    }

    private void scheduleClose(long at) {
        if (closeTimer != null) {
            closeTimer.cancel();
        }
        closesAt = at;
        // Inclusive limit: a remote completing exactly at closesAt is still in time.
        closeTimer = clock.schedule(at + 1, this::windowTimedOut);
    }

    private void windowTimedOut() {
        closeTimer = null;
        int learned = receiver.get().learnedInSessionCount();
        // A gesture still in progress is judged when it completes, with its real lateness.
        if (learnsByGesture() && learned == 0 && gestures.values().stream().noneMatch(Gesture::inProgress)) {
            judge(TimingWindow.expired(
                    "completion.first-remote-within", rule.firstRemoteNanos(), "no remote completed the gesture"));
        }
        long reference = lastLearnAt >= 0 ? lastLearnAt : windowOpenedAt;
        Map<Integer, Gesture> inProgress = new HashMap<>(gestures);
        closeWindow(learned == 0 ? WindowClose.TIMEOUT : WindowClose.COMPLETED);
        if (learnsByGesture()) {
            late.start(reference, lastLearnAt >= 0, clock.nanos() + (closesAt - reference), inProgress);
        }
    }

    /** Observes a code outside the window; never consumes it. */
    void observeLate(Transmission t) {
        late.observe(t);
    }

    private void closeWindow(WindowClose reason) {
        if (closeTimer != null) {
            closeTimer.cancel();
            closeTimer = null;
        }
        windowOpen = false;
        gestures.clear();
        RemoteReceiver r = receiver.get();
        int learned = r.learnedInSessionCount();
        List<CarEvent.DroppedSlot> dropped = r.endSession(rule.dropsRemotesNotLearned());
        long now = clock.nanos();
        if (!dropped.isEmpty()) {
            sink.accept(new CarEvent.SlotsDropped(now, dropped));
        }
        sink.accept(new CarEvent.LearnWindowClosed(now, reason, learned));
    }

    private void handle(int serial, Gesture.Outcome outcome) {
        if (outcome instanceof Gesture.Outcome.Complete c) {
            if (c.release() != null) {
                judge(c.release());
            }
            learn(serial, c.counter());
            confirm();
        } else if (outcome instanceof Gesture.Outcome.Failed f) {
            if (f.release() != null) {
                judge(f.release());
            }
            sink.accept(new CarEvent.GestureFailed(clock.nanos(), serial, f.why()));
        } else if (outcome instanceof Gesture.Outcome.Ignored i) {
            sink.accept(new CarEvent.RemoteCodeIgnored(clock.nanos(), serial, i.why()));
        }
    }

    private void learnInsertedKey(Key key) {
        int serial = key.remote().serial();
        if (!rule.acceptsNewRemotes() && receiver.get().slotOf(serial).isEmpty()) {
            sink.accept(new CarEvent.RemoteCodeRejected(
                    clock.nanos(),
                    serial,
                    CarEvent.CodeReject.UNKNOWN_REMOTE,
                    "this car resynchronises known keys only; a new key needs the dealer's diagnostic learn"));
            return;
        }
        learn(serial, key.remote().counter());
    }

    private void learn(int serial, int counter) {
        long now = clock.nanos();
        if (lastLearnAt < 0) {
            if (learnsByGesture()) {
                judge(TimingWindow.atMost(
                        "completion.first-remote-within",
                        rule.firstRemoteNanos(),
                        now - windowOpenedAt,
                        "first remote learned after the window opened"));
            }
        } else {
            judge(TimingWindow.atMost(
                    "completion.further-remote-within",
                    rule.furtherRemoteNanos(),
                    now - lastLearnAt,
                    "remote learned after the previous one"));
        }
        lastLearnAt = now;
        RemoteReceiver r = receiver.get();
        RemoteReceiver.LearnResult result = r.learn(serial, counter, now);
        sink.accept(new CarEvent.RemoteLearned(now, serial, result.slot(), result.resynchronised()));
        scheduleClose(now + rule.furtherRemoteNanos());
    }

    /** The thread: "You'll hear the car try to unlock each door, and then lock the whole car." */
    private void confirm() {
        long t = clock.nanos();
        for (String door : doors.doors()) {
            t += rule.confirmStepNanos();
            clock.schedule(t, () -> doors.actuate(door, LockState.UNLOCKED));
        }
        clock.schedule(t + rule.confirmStepNanos(), () -> doors.actuateAll(LockState.LOCKED));
    }

    private void judge(TimingWindow w) {
        sink.accept(new CarEvent.WindowJudged(clock.nanos(), w));
    }
}
