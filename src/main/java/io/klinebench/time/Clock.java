package io.klinebench.time;

/**
 * The one source of time for the model, the bench and the protocol code.
 *
 * <p>It answers "what time is it" and "run this at time t" together, so a test that
 * freezes the clock also freezes everything scheduled on it. Times are nanoseconds on
 * the clock's own time line; only differences between them mean anything.
 *
 * <p>Tasks run one at a time, in time order, on the clock's own thread (the caller's
 * thread for {@link VirtualClock}): code scheduled on a clock needs no locks.
 */
public interface Clock {

    /** Now, in nanoseconds on this clock's time line. */
    long nanos();

    /**
     * Runs {@code task} when the clock reaches {@code atNanos} (at once if that is already
     * past). Tasks due at the same instant run in the order they were scheduled.
     */
    Scheduled schedule(long atNanos, Runnable task);

    /** Runs {@code task} {@code delayNanos} from now. */
    default Scheduled scheduleAfter(long delayNanos, Runnable task) {
        return schedule(nanos() + delayNanos, task);
    }

    /** A task waiting on a clock. */
    interface Scheduled {
        /** The instant the task is due. */
        long dueNanos();

        /** Stops the task from running; does nothing if it already ran or was cancelled. */
        void cancel();

        /** True until the task has run or has been cancelled. */
        boolean isPending();
    }
}
