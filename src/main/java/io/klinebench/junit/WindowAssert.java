package io.klinebench.junit;

import io.klinebench.bench.Timeline;
import io.klinebench.time.Durations;
import java.util.List;

/** Assertions on the applications of one timing window ({@link RunAssert#windowMet}, {@link RunAssert#windowMissed}). */
public final class WindowAssert {

    private final RunAssert run;
    private final String name;
    private final List<Timeline.AppliedWindow> windows;

    WindowAssert(RunAssert run, String name, List<Timeline.AppliedWindow> windows) {
        this.run = run;
        this.name = name;
        this.windows = windows;
    }

    /**
     * Each met window kept at least {@code margin} ("200ms") inside its limit: the step is not
     * only in time but in time with room to spare (a relay's own delay, a person's hand).
     */
    public WindowAssert withMarginAtLeast(String margin) {
        long m = Durations.parse(margin);
        List<Timeline.AppliedWindow> tight =
                windows.stream().filter(a -> a.window().marginNanos() < m).toList();
        if (!tight.isEmpty()) {
            throw new AssertionError("window " + name + ": " + tight.size() + " of " + windows.size()
                    + " with a margin under " + Durations.human(m) + ":\n" + RunAssert.lines(tight));
        }
        return this;
    }

    /** Each missed window was missed by at least {@code by} ("1s"): clearly outside, not on the edge. */
    public WindowAssert missedByAtLeast(String by) {
        long b = Durations.parse(by);
        List<Timeline.AppliedWindow> near =
                windows.stream().filter(a -> -a.window().marginNanos() < b).toList();
        if (!near.isEmpty()) {
            throw new AssertionError("window " + name + ": " + near.size() + " of " + windows.size()
                    + " missed by less than " + Durations.human(b) + ":\n" + RunAssert.lines(near));
        }
        return this;
    }

    /** The window was applied exactly {@code times} times (met, or missed, as asserted before). */
    public WindowAssert times(int times) {
        if (windows.size() != times) {
            throw new AssertionError("window " + name + ": " + windows.size() + " times, expected " + times + ":\n"
                    + RunAssert.lines(windows));
        }
        return this;
    }

    /** Back to the run, for the next assertion. */
    public RunAssert and() {
        return run;
    }
}
