package io.klinebench.time;

import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wall time from {@link System#nanoTime()}, with one loop thread that runs scheduled tasks
 * in time order. Any thread may schedule; tasks always run on the loop thread, so code on
 * this clock is single-threaded just as on a {@link VirtualClock}.
 *
 * <p>Precision: the loop parks until shortly before a task is due, then yields until the
 * instant itself, which keeps lateness well under a millisecond without burning a core
 * while idle. How shortly before is learned from the loop's own parks ({@link WakeMargin}).
 */
public final class SystemClock implements Clock, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SystemClock.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final Thread loop;
    private final WakeMargin margin = new WakeMargin();
    private long sequence;
    private volatile boolean running = true;

    public SystemClock(String name) {
        loop = new Thread(this::runLoop, name);
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public long nanos() {
        return System.nanoTime();
    }

    @Override
    public Scheduled schedule(long atNanos, Runnable task) {
        lock.lock();
        try {
            Task t = new Task(atNanos, sequence++, task);
            queue.add(t);
            changed.signal();
            return t;
        } finally {
            lock.unlock();
        }
    }

    /** True when the caller is the loop thread (where model code must run). */
    public boolean inLoop() {
        return Thread.currentThread() == loop;
    }

    @Override
    public void close() {
        running = false;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (!inLoop()) {
            try {
                loop.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void runLoop() {
        while (running) {
            Task due = takeDue();
            if (due != null) {
                try {
                    due.run();
                } catch (RuntimeException e) {
                    log.error("task on clock '{}' failed", loop.getName(), e);
                }
            }
        }
    }

    /** Waits for the next task to fall due and returns it, or null to re-check running. */
    private Task takeDue() {
        lock.lock();
        try {
            Task next = queue.peek();
            if (next == null) {
                changed.awaitUninterruptibly();
                return null;
            }
            long now = System.nanoTime();
            long wait = next.due - now;
            if (wait > margin.nanos()) {
                long wakeAt = next.due - margin.nanos();
                if (changed.awaitNanos(wakeAt - now) <= 0) {
                    // Came back at its own time, not woken by a new task: that is what to learn from.
                    margin.parkEnded(System.nanoTime() - wakeAt);
                }
                return null;
            }
            if (wait > 0) {
                lock.unlock();
                try {
                    Thread.yield();
                } finally {
                    lock.lock();
                }
                return null;
            }
            return queue.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return null;
        } finally {
            lock.unlock();
        }
    }

    private final class Task implements Scheduled, Comparable<Task> {
        final long due;
        final long seq;
        volatile Runnable action;

        Task(long due, long seq, Runnable action) {
            this.due = due;
            this.seq = seq;
            this.action = action;
        }

        void run() {
            Runnable a = action;
            action = null;
            if (a != null) {
                a.run();
            }
        }

        @Override
        public long dueNanos() {
            return due;
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                if (action != null) {
                    action = null;
                    queue.remove(this);
                }
            } finally {
                lock.unlock();
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
