package io.klinebench.car;

import io.klinebench.car.DiagnosticLearnState.Phase;
import io.klinebench.fob.Transmission;
import io.klinebench.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The dealer's diagnostic learn (BMW's; writing a code straight into a slot with
 * WRITE_PLIP_CODES is {@link DiagnosticAccess#writeRemoteCode} instead): once
 * started for a slot, the next genuine remote code is learned into that slot, whoever the
 * remote is and whatever the model year's ritual allows: a brand-new remote on 2002-2004, or
 * any remote after a receiver replacement once the receiver is coded. It waits at most a
 * timeout. Codes it takes are not acted on (no unlock), and a key in the ignition does not
 * stop it: the dealer works with the ignition on.
 *
 * <pre>
 *  IDLE/ended --start(slot, timeout)--> WAITING --genuine code--> LEARNED
 *                                          |--timeout----------> TIMED_OUT
 *                                          \--stop/reset/power/receiver replaced or restored--> CANCELLED
 * </pre>
 */
final class DiagnosticLearn {

    private final Clock clock;
    private final CarEventListener sink;
    private final Supplier<RemoteReceiver> receiver;
    private DiagnosticLearnState state = DiagnosticLearnState.IDLE;
    private Clock.Scheduled timer;

    DiagnosticLearn(Clock clock, CarEventListener sink, Supplier<RemoteReceiver> receiver) {
        this.clock = clock;
        this.sink = sink;
        this.receiver = receiver;
    }

    DiagnosticLearnState state() {
        return state;
    }

    boolean waiting() {
        return state.waiting();
    }

    void start(int slot, long timeoutNanos) {
        long now = clock.nanos();
        cancelTimer();
        state = new DiagnosticLearnState(Phase.WAITING, slot, now + timeoutNanos, 0, 0);
        sink.accept(new CarEvent.DiagnosticLearnStarted(now, slot, now + timeoutNanos));
        // One nanosecond past the limit: a code exactly at the timeout is still learned.
        timer = clock.schedule(now + timeoutNanos + 1, this::timedOut);
    }

    /** A code while waiting; always consumed. */
    void onCode(Transmission.Code code) {
        Optional<RemoteReceiver.Check.Rejected> rejected = receiver.get().checkForLearning(code, true);
        if (rejected.isPresent()) {
            sink.accept(new CarEvent.RemoteCodeRejected(
                    clock.nanos(),
                    code.serial(),
                    rejected.get().reason(),
                    rejected.get().detail()));
            return;
        }
        learn(code.serial(), code.counter());
    }

    /** The CAS reads the remote of a key put in the ignition (inserted-key profiles). */
    void onKey(int serial, int counter) {
        if (!receiver.get().coded()) {
            return;
        }
        learn(serial, counter);
    }

    /** Ends a wait early; does nothing when not waiting. */
    void cancel() {
        if (!waiting()) {
            return;
        }
        cancelTimer();
        end(Phase.CANCELLED, 0, 0);
    }

    /** The module restarted: results are volatile. */
    void forget() {
        cancel();
        state = DiagnosticLearnState.IDLE;
    }

    private void learn(int serial, int counter) {
        int slot = state.slot();
        RemoteReceiver r = receiver.get();
        boolean same = r.slots().get(slot).map(s -> s.serial() == serial).orElse(false);
        cancelTimer();
        long now = clock.nanos();
        r.learnInto(slot, serial, counter, now);
        sink.accept(new CarEvent.RemoteLearned(now, serial, slot, same));
        end(Phase.LEARNED, serial, counter & 0xFFFF);
    }

    private void timedOut() {
        timer = null;
        end(Phase.TIMED_OUT, 0, 0);
    }

    private void end(Phase phase, int serial, int counter) {
        long now = clock.nanos();
        state = new DiagnosticLearnState(phase, state.slot(), now, serial, counter);
        sink.accept(new CarEvent.DiagnosticLearnEnded(now, state.slot(), phase, serial));
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
