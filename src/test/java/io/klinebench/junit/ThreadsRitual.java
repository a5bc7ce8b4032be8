package io.klinebench.junit;

import io.klinebench.bench.Bench;

/** The thread's ritual on a bench whose key "A" has a remote, in the words of sequence steps. */
final class ThreadsRitual {

    private ThreadsRitual() {}

    /**
     * Console unlock, key in, {@code cycles} ignition cycles (on 1 s, off {@code offTime} before
     * each but the first), key out after 1 s, UNLOCK held and LOCK pressed three times; then
     * everything still pending runs.
     */
    static Bench perform(Bench bench, int cycles, String offTime) {
        bench.perform("console unlock").after("1s", "insert A");
        for (int i = 0; i < cycles; i++) {
            bench.after(i == 0 ? "1s" : offTime, "ignition 2").after("1s", "ignition 0");
        }
        return bench.after("1s", "remove key")
                .after("1s", "hold A unlock")
                .after("500ms", "press A lock")
                .after("500ms", "press A lock")
                .after("500ms", "hold A lock")
                .after("200ms", "release A lock unlock")
                .settle();
    }
}
