package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.testsupport.KernelWorkersRaised;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The kernel's serial-line workers raised for as long as a command runs and put back after it,
 * on this machine's kernel (root or CAP_SYS_NICE, else skipped saying why). The effect on a pty's
 * delivery under load is measured in BENCHMARKS.md, not asserted here: a wall-clock budget.
 */
class PtyWorkersIT {

    @Test
    void everyUnboundWorkerIsRaisedWhileItRunsAndPutBackAfter() throws Exception {
        // the test run's own raise (KernelWorkersRaised) undone meanwhile, or this one would find them raised
        KernelWorkersRaised.whilePutBack(PtyWorkersIT::raisedAndPutBack);
    }

    private static void raisedAndPutBack() throws Exception {
        Map<Integer, Integer> before = unboundWorkers();
        Assumptions.assumeFalse(before.isEmpty(), "no kworker/u* thread listed here (not Linux?)");
        // a sim running beside the tests on this machine raises them too, and puts them back only
        // when it ends: then there is nothing left for this raise to do, and nothing to see
        Assumptions.assumeFalse(
                before.values().stream().allMatch(nice -> nice == ThreadPriority.NICE),
                "every kworker/u* thread is at nice -20 already: another process on this machine raised them");
        Map<Integer, Integer> seen;
        try (PtyWorkers workers = PtyWorkers.raise()) {
            Assumptions.assumeTrue(
                    workers.outcome() instanceof ThreadPriority.Outcome.Raised,
                    () -> "not raised here: " + workers.said());
            assertThat(workers.said())
                    .isEqualTo("the kernel's serial-line workers (kworker/u*) at nice -20 while it runs");
            seen = unboundWorkers();
            if (workers.raised().isEmpty()) {
                // Workers come and go, and another process on this machine may raise them: when
                // every one at normal priority before is gone, or raised by now, there was nothing
                // left for this raise to do (seen once beside other engineers' simulators).
                Assumptions.assumeFalse(
                        before.entrySet().stream()
                                .filter(e -> e.getValue() != ThreadPriority.NICE)
                                .allMatch(e ->
                                        !seen.containsKey(e.getKey()) || seen.get(e.getKey()) == ThreadPriority.NICE),
                        () -> "the workers at normal priority before " + before
                                + " were gone or raised by another process when this raise looked: " + seen);
            }
            // each one there before and still there now is raised (one the kernel starts meanwhile
            // is the keeper's, within a second)
            for (int tid : before.keySet()) {
                if (seen.containsKey(tid)) {
                    assertThat(seen.get(tid)).as("kworker %d", tid).isEqualTo(ThreadPriority.NICE);
                }
            }
            assertThat(workers.raised()).isNotEmpty();
        }
        Map<Integer, Integer> after = unboundWorkers();
        for (Map.Entry<Integer, Integer> e : before.entrySet()) {
            if (after.containsKey(e.getKey())) {
                assertThat(after.get(e.getKey()))
                        .as("kworker %d put back", e.getKey())
                        .isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void leftAsTheyAreSaysWhy() {
        try (PtyWorkers workers = PtyWorkers.leftAsTheyAre("not a JVM of its own")) {
            assertThat(workers.said())
                    .startsWith(
                            "the kernel's serial-line workers (kworker/u*) at normal priority: not a JVM of its own");
            assertThat(workers.raised()).isEmpty();
        }
    }

    /** The unbound workers there are now, thread id to nice value. */
    private static Map<Integer, Integer> unboundWorkers() throws Exception {
        Map<Integer, Integer> out = new HashMap<>();
        Path children = Path.of("/proc/2/task/2/children");
        if (!Files.exists(children)) {
            return out;
        }
        for (String pid : Files.readString(children).strip().split(" ")) {
            Path task = Path.of("/proc", pid);
            try {
                if (PtyWorkers.isUnboundWorker(
                        Files.readString(task.resolve("comm")).strip())) {
                    out.put(Integer.parseInt(pid), ThreadPriority.niceOf(task));
                }
            } catch (IOException gone) {
                // ended meanwhile
            }
        }
        return out;
    }
}
