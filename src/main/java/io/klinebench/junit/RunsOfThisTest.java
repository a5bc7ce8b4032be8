package io.klinebench.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The runs the test now executing made with what the extension gave it (a bench, a sequence
 * case), kept so that their timelines can be attached if it fails. One per test, on the test's
 * thread: a {@link SequenceCase} is an argument and has no other way to find its test.
 */
final class RunsOfThisTest {

    /** A run that can draw its own HTML timeline, when asked (only for failed tests: drawing costs). */
    record Run(String title, Supplier<String> page) {}

    private static final ThreadLocal<List<Run>> CURRENT = new ThreadLocal<>();

    private RunsOfThisTest() {}

    static void begin() {
        CURRENT.set(new ArrayList<>());
    }

    /** Remembers a run; outside a test with the extension, nobody will attach it, so it is not kept. */
    static void add(Run run) {
        List<Run> runs = CURRENT.get();
        if (runs != null) {
            runs.add(run);
        }
    }

    /** The runs made since {@link #begin()}. */
    static List<Run> current() {
        List<Run> runs = CURRENT.get();
        return runs == null ? List.of() : List.copyOf(runs);
    }

    /** Forgets the test's runs. */
    static void end() {
        CURRENT.remove();
    }
}
