package io.klinebench.car;

import io.klinebench.car.FaultMemory.Fault;

/**
 * Sets faults from what the module does: it watches the module's own events, first among
 * the listeners, and records each fault with the event's time.
 *
 * <pre>
 *  receiver-replaced                    -> RECEIVER_NOT_CODED (present until coded)
 *  receiver-coded                       -> RECEIVER_NOT_CODED healed (stored)
 *  receiver-coding-refused              -> CODING_REFUSED
 *  learn-aborted                        -> LEARN_ABORTED (and RECEIVER_NOT_CODED for that reason)
 *  learn-window-closed timeout          -> LEARN_WINDOW_TIMEOUT
 *  gesture-failed                       -> GESTURE_FAILED
 *  remote-code-rejected battery-too-low -> REMOTE_BATTERY_LOW
 *    outside-window, replayed           -> CODE_OUT_OF_SYNC
 *    not-synchronised                   -> REMOTE_NOT_SYNCHRONISED
 *    unknown-remote, invalid-code       -> UNKNOWN_REMOTE
 *    receiver-not-coded                 -> RECEIVER_NOT_CODED
 *  car-battery-changed connected        -> CAR_BATTERY_LOST
 *  diagnostic-learn-ended timed-out     -> DIAGNOSTIC_LEARN_TIMEOUT
 *  ignition reaching KL15 (position 2)  -> event faults stored, every entry one cycle older
 * </pre>
 */
final class FaultDetector implements CarEventListener {

    /** KL15: ignition position 2. */
    private static final int KL15 = 2;

    private final FaultMemory memory;

    FaultDetector(FaultMemory memory) {
        this.memory = memory;
    }

    @Override
    public void accept(CarEvent e) {
        long at = e.at();
        if (e instanceof CarEvent.IgnitionChanged i) {
            if (i.from() < KL15 && i.to() >= KL15) {
                memory.ignitionOn();
            }
        } else if (e instanceof CarEvent.ReceiverReplaced) {
            memory.set(Fault.RECEIVER_NOT_CODED, at);
        } else if (e instanceof CarEvent.ReceiverCoded) {
            memory.heal(Fault.RECEIVER_NOT_CODED);
        } else if (e instanceof CarEvent.ReceiverCodingRefused) {
            memory.set(Fault.CODING_REFUSED, at);
        } else if (e instanceof CarEvent.LearnAborted a) {
            memory.set(Fault.LEARN_ABORTED, at);
            if (a.reason() == CarEvent.LearnAbort.RECEIVER_NOT_CODED) {
                memory.set(Fault.RECEIVER_NOT_CODED, at);
            }
        } else if (e instanceof CarEvent.LearnWindowClosed c) {
            if (c.reason() == CarEvent.WindowClose.TIMEOUT) {
                memory.set(Fault.LEARN_WINDOW_TIMEOUT, at);
            }
        } else if (e instanceof CarEvent.GestureFailed) {
            memory.set(Fault.GESTURE_FAILED, at);
        } else if (e instanceof CarEvent.RemoteCodeRejected r) {
            rejected(r.reason(), at);
        } else if (e instanceof CarEvent.CarBatteryChanged b) {
            if (b.connected()) {
                memory.set(Fault.CAR_BATTERY_LOST, at);
            }
        } else if (e instanceof CarEvent.DiagnosticLearnEnded d) {
            if (d.outcome() == DiagnosticLearnState.Phase.TIMED_OUT) {
                memory.set(Fault.DIAGNOSTIC_LEARN_TIMEOUT, at);
            }
        }
    }

    private void rejected(CarEvent.CodeReject reason, long at) {
        switch (reason) {
            case BATTERY_TOO_LOW -> memory.set(Fault.REMOTE_BATTERY_LOW, at);
            case OUTSIDE_WINDOW, REPLAYED -> memory.set(Fault.CODE_OUT_OF_SYNC, at);
            case NOT_SYNCHRONISED -> memory.set(Fault.REMOTE_NOT_SYNCHRONISED, at);
            case UNKNOWN_REMOTE, INVALID_CODE -> memory.set(Fault.UNKNOWN_REMOTE, at);
            case RECEIVER_NOT_CODED -> memory.set(Fault.RECEIVER_NOT_CODED, at);
            case KEY_IN_IGNITION, WAITING_FOR_SECOND_CODE -> {
                // normal operation, not a fault
            }
        }
    }
}
