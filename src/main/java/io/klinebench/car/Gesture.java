package io.klinebench.car;

import io.klinebench.fob.Button;
import io.klinebench.fob.Transmission;
import io.klinebench.time.TimingWindow;

/**
 * One remote's progress through the learning gesture: hold UNLOCK, press LOCK n times,
 * release both together on the last press (the thread's step 3). With {@code holdUnlock}
 * off the gesture is UNLOCK pressed and released, then n LOCK presses (the pre-facelift
 * variant the domain notes quote).
 */
final class Gesture {

    sealed interface Outcome {
        record Pending() implements Outcome {}

        record Complete(int counter, TimingWindow release) implements Outcome {}

        record Failed(String why, TimingWindow release) implements Outcome {}

        /** A code that neither starts nor continues a gesture: the car does nothing with it. */
        record Ignored(String why) implements Outcome {}
    }

    static final Outcome PENDING = new Outcome.Pending();

    private final Profile.Completion rule;
    private boolean started;
    private int presses;
    private int lastCounter;
    private long firstReleaseAt = -1;

    Gesture(Profile.Completion rule) {
        this.rule = rule;
    }

    /** True once UNLOCK started the gesture and until it completes or fails. */
    boolean inProgress() {
        return started;
    }

    Outcome onCode(Transmission.Code code) {
        boolean unlock = Button.has(code.buttons(), Button.UNLOCK);
        boolean lock = Button.has(code.buttons(), Button.LOCK);
        lastCounter = code.counter();
        if (unlock && !lock) {
            started = true;
            presses = 0;
            firstReleaseAt = -1;
            return PENDING;
        }
        if (!started) {
            return new Outcome.Ignored(
                    lock
                            ? "LOCK without UNLOCK held first: the learn window takes codes only as the gesture"
                            : "no UNLOCK held: the learn window takes codes only as the gesture");
        }
        if (!lock) {
            return PENDING;
        }
        if (rule.holdUnlock() != unlock) {
            return fail(
                    rule.holdUnlock() ? "LOCK pressed without UNLOCK held" : "UNLOCK still held while LOCK pressed",
                    null);
        }
        if (presses == rule.lockPresses()) {
            return fail("more than " + rule.lockPresses() + " LOCK presses", null);
        }
        presses++;
        if (!rule.holdUnlock() && presses == rule.lockPresses()) {
            started = false;
            return new Outcome.Complete(lastCounter, null);
        }
        return PENDING;
    }

    Outcome onReleased(Transmission.Released r, long at) {
        if (!started || !rule.holdUnlock()) {
            return PENDING;
        }
        if (presses < rule.lockPresses()) {
            if (Button.has(r.released(), Button.UNLOCK)) {
                return fail("UNLOCK released after " + presses + " of " + rule.lockPresses() + " LOCK presses", null);
            }
            return PENDING;
        }
        if (r.stillHeld() != 0) {
            if (firstReleaseAt < 0) {
                firstReleaseAt = at;
            }
            return PENDING;
        }
        long apart = firstReleaseAt < 0 ? 0 : at - firstReleaseAt;
        TimingWindow w = TimingWindow.atMost(
                "completion.release-tolerance",
                rule.releaseToleranceNanos(),
                apart,
                "UNLOCK and LOCK released together after the last LOCK press");
        started = false;
        return w.met() ? new Outcome.Complete(lastCounter, w) : fail("buttons not released together", w);
    }

    private Outcome fail(String why, TimingWindow w) {
        started = false;
        presses = 0;
        firstReleaseAt = -1;
        return new Outcome.Failed(why, w);
    }
}
