package io.klinebench.sweep;

/** Told how far a sweep is, from the thread that collects the points: points done, of how many. */
@FunctionalInterface
public interface PointProgress {

    PointProgress NONE = (done, total) -> {};

    void pointsDone(long done, long total);
}
