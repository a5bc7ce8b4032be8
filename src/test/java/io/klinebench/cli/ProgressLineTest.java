package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A long run shows its progress on a terminal, and only there, and only when it is long. */
class ProgressLineTest {

    private final StringWriter err = new StringWriter();
    private final AtomicLong now = new AtomicLong();

    private ProgressLine line(boolean terminal) {
        return new ProgressLine(new PrintWriter(err, true), "running", "step", terminal, now::get);
    }

    @Test
    void aLongRunShowsHowFarItIsThenErasesTheLine() {
        try (ProgressLine p = line(true)) {
            p.stepsDone(256, 1024);
            assertThat(err.toString()).as("nothing in the first second").isEmpty();
            now.set(ProgressLine.SHOW_AFTER);
            p.stepsDone(512, 1024);
            assertThat(err.toString()).isEqualTo("\rrunning: 512 of 1024 steps (50 %)");
            now.addAndGet(ProgressLine.REDRAW_EVERY / 2);
            p.stepsDone(768, 1024);
            assertThat(err.toString()).as("at most ten redraws a second").doesNotContain("768");
            now.addAndGet(ProgressLine.REDRAW_EVERY);
            p.stepsDone(1024, 1024);
        }
        assertThat(err.toString()).endsWith("\rrunning: 1024 of 1024 steps (100 %)\r" + " ".repeat(35) + "\r");
    }

    @Test
    void aSweepShowsPointsPerSecondAndTheTimeLeft() {
        try (ProgressLine p = new ProgressLine(new PrintWriter(err, true), "running", "point", true, now::get)) {
            p.pointsDone(10, 1000);
            assertThat(err.toString()).as("nothing in the first second").isEmpty();
            now.set(2 * ProgressLine.SHOW_AFTER);
            p.pointsDone(500, 1000);
            assertThat(err.toString()).isEqualTo("\rrunning: 500 of 1000 points (50 %), 250 points/s, 2s left");
            now.addAndGet(ProgressLine.REDRAW_EVERY / 2);
            p.pointsDone(600, 1000);
            assertThat(err.toString()).as("at most ten redraws a second").doesNotContain("600 of");
        }
        assertThat(err.toString()).endsWith("\r" + " ".repeat(57) + "\r");
        err.getBuffer().setLength(0);
        try (ProgressLine p = line(false)) {
            now.addAndGet(10 * ProgressLine.SHOW_AFTER);
            p.pointsDone(1000, 1000);
        }
        assertThat(err.toString()).as("not a terminal").isEmpty();
    }

    @Test
    void aRunStoppedEarlySaysAtWhichStepUnderItsEndedLine() {
        ProgressLine p = line(true);
        now.set(ProgressLine.SHOW_AFTER);
        p.stepsDone(512, 1024);
        p.stoppedEarly("kline-bench run: stopped while running, {at}");
        assertThat(err.toString())
                .isEqualTo("\rrunning: 512 of 1024 steps (50 %)" + System.lineSeparator()
                        + "kline-bench run: stopped while running, at 512 of 1024 steps" + System.lineSeparator());
    }

    /**
     * A stop before the first count is said in the line's own unit: a run stopped while its
     * sequence was still being read said "before its first point" (RunStoppedIT, under load).
     */
    @Test
    void aStopBeforeTheFirstCountIsSaidInTheLinesUnit() {
        line(false).stoppedEarly("kline-bench run: stopped while reading x.yaml, {at}");
        new ProgressLine(new PrintWriter(err, true), "sweep", "point", false, now::get)
                .stoppedEarly("kline-bench sweep: stopped {at}");
        assertThat(err.toString())
                .isEqualTo(
                        "kline-bench run: stopped while reading x.yaml, before its first step" + System.lineSeparator()
                                + "kline-bench sweep: stopped before its first point" + System.lineSeparator());
    }

    @Test
    void notATerminalGetsNothing() {
        now.set(10 * ProgressLine.SHOW_AFTER);
        try (ProgressLine p = line(false)) {
            p.stepsDone(1024, 1024);
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aShortRunStaysQuiet() {
        try (ProgressLine p = line(true)) {
            p.stepsDone(1024, 1024);
        }
        assertThat(err.toString()).isEmpty();
    }
}
