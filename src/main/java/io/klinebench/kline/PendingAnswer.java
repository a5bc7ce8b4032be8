package io.klinebench.kline;

import io.klinebench.time.Clock;

/**
 * The final answer to a request the module answered with responsePending ({@code 7F SID 78}),
 * while it is due. ISO 14230-3: the tester then waits for that answer, and the module sends
 * nothing else until it, so while one is due a new request gets no answer at all; a session that
 * ends first drops it.
 */
final class PendingAnswer {

    private final Clock clock;
    private Clock.Scheduled due;
    private int sid;

    PendingAnswer(Clock clock) {
        this.clock = clock;
    }

    /** {@code answer} runs at {@code at}: the answer to the request with service id {@code sid}. */
    void schedule(int sid, long at, Runnable answer) {
        this.sid = sid;
        due = clock.schedule(at, () -> {
            due = null;
            answer.run();
        });
    }

    boolean isDue() {
        return due != null && due.isPending();
    }

    /** The service id of the request whose answer is (or was last) pending. */
    int sid() {
        return sid;
    }

    /** Drops the answer due, if one is; true when one was. */
    boolean drop() {
        boolean was = isDue();
        if (due != null) {
            due.cancel();
            due = null;
        }
        return was;
    }
}
