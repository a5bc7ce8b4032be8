package io.klinebench.bench;

/** Told how far a long sequence is, while it is read and while it runs: steps so far, of how many. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (done, total) -> {};

    void stepsDone(int done, int total);
}
