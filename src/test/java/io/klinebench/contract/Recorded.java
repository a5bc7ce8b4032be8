package io.klinebench.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What one thread (a clock's loop, a reader) records and another reads, with a bounded wait for
 * the first item a predicate accepts.
 */
final class Recorded<T> implements Consumer<T> {

    private final List<T> items = new ArrayList<>();

    @Override
    public synchronized void accept(T item) {
        items.add(item);
        notifyAll();
    }

    synchronized List<T> all() {
        return List.copyOf(items);
    }

    /** The first item {@code which} accepts, waiting for it up to {@code nanos}; null when none came. */
    synchronized T await(Predicate<? super T> which, long nanos) {
        long end = System.nanoTime() + nanos;
        int seen = 0;
        while (true) {
            for (; seen < items.size(); seen++) {
                if (which.test(items.get(seen))) {
                    return items.get(seen);
                }
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
