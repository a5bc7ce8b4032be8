package io.klinebench.junit;

import io.klinebench.bench.Bench;
import io.klinebench.bench.BenchResult;

/**
 * Assertions in the words of the domain, for a sequence's run or a bench driven by hand:
 *
 * <pre>{@code
 * assertThatRun(result).passed()
 *         .windowMet("cycles.max-off-time").withMarginAtLeast("200ms")
 *         .and().hasEventWithin(CarEvent.LearnWindowOpened.class, "5s", "15s")
 *         .slotsHold("A", "empty", "empty", "empty");
 * }</pre>
 *
 * A failure says what was found, in human numbers and with the instants of the run
 * (h:mm:ss.mmm from its start). They throw {@link AssertionError}, so they work with any test
 * framework; they are named so as not to clash with AssertJ's {@code assertThat}.
 */
public final class RunAssertions {

    private RunAssertions() {}

    /** Assertions on a sequence's run: its verdicts, windows, events and final state. */
    public static RunAssert assertThatRun(BenchResult result) {
        return new RunAssert(result.sequence().file(), result.timeline(), result.rig(), result.verdicts());
    }

    /** Assertions on a bench driven by hand, as it is now (no verdicts: it has no expectations). */
    public static RunAssert assertThatBench(Bench bench) {
        return new RunAssert("the bench", bench.timeline(), bench.rig(), null);
    }
}
