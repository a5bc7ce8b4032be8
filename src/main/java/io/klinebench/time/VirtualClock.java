package io.klinebench.time;

import java.util.PriorityQueue;

/**
 * Discrete-event time: nothing moves until the owner advances it, and then every due task
 * runs in time order (ties in scheduling order) with {@link #nanos()} equal to its due
 * instant. Idle time costs nothing, so a simulated month takes as long as the work in it.
 *
 * <p>Not thread-safe: one thread owns a virtual clock, as one thread owns the car.
 */
public final class VirtualClock implements Clock {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    public VirtualClock() {
        this(0);
    }

    public VirtualClock(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public Scheduled schedule(long atNanos, Runnable task) {
        Task t = new Task(Math.max(atNanos, now), sequence++, task);
        queue.add(t);
        return t;
    }

    /** Runs every task due up to {@code targetNanos}, then leaves the clock there. */
    public void advanceTo(long targetNanos) {
        if (targetNanos < now) {
            throw new IllegalArgumentException("time cannot go back: now " + now + " ns, asked " + targetNanos + " ns");
        }
        Task next;
        while ((next = queue.peek()) != null && next.due <= targetNanos) {
            queue.poll();
            now = next.due;
            next.run();
        }
        now = targetNanos;
    }

    /** Advances by {@code deltaNanos}, running what falls due on the way. */
    public void advanceBy(long deltaNanos) {
        advanceTo(now + deltaNanos);
    }

    /**
     * Runs tasks until none is left or the next one is later than {@code limitNanos}; the
     * clock stops at the last task run (not at the limit).
     *
     * @return true if the queue ran dry, false if work remains beyond the limit
     */
    public boolean runUntilIdle(long limitNanos) {
        Task next;
        while ((next = queue.peek()) != null) {
            if (next.due > limitNanos) {
                return false;
            }
            queue.poll();
            now = next.due;
            next.run();
        }
        return true;
    }

    /** The due time of the next pending task, or {@code Long.MAX_VALUE} when idle. */
    public long nextDueNanos() {
        Task next = queue.peek();
        return next == null ? Long.MAX_VALUE : next.due;
    }

    /** Number of pending tasks (cancelled ones are removed at once). */
    public int pending() {
        return queue.size();
    }

    private final class Task implements Scheduled, Comparable<Task> {
        final long due;
        final long seq;
        Runnable action;

        Task(long due, long seq, Runnable action) {
            this.due = due;
            this.seq = seq;
            this.action = action;
        }

        void run() {
            Runnable a = action;
            action = null;
            a.run();
        }

        @Override
        public long dueNanos() {
            return due;
        }

        @Override
        public void cancel() {
            if (action != null) {
                action = null;
                queue.remove(this);
            }
        }

        @Override
        public boolean isPending() {
            return action != null;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
