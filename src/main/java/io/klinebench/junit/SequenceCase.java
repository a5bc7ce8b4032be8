package io.klinebench.junit;

import io.klinebench.bench.BenchResult;
import io.klinebench.bench.Sequence;
import io.klinebench.bench.SequenceRunner;
import io.klinebench.config.ConfigException;
import io.klinebench.report.HtmlReport;
import java.util.OptionalLong;

/**
 * One case of a {@link SequenceSource} test: a sequence (built in or a file), with a seed for its
 * jitter or the file's own. {@link #run()} loads and runs it in virtual time; when the test
 * fails, the run's HTML timeline is attached to its report.
 *
 * @param name what the case is called in the test's report: the sequence's name or path
 * @param seed the seed that replaces the file's own; empty: the file's
 */
public record SequenceCase(String name, OptionalLong seed, Loading loading) {

    /** How the case's sequence is read (a built-in by name, or a file), with the seed given. */
    @FunctionalInterface
    public interface Loading {
        Sequence load(OptionalLong seed) throws ConfigException;
    }

    /** Reads the sequence (profiles and all); a mistake in the file is a ConfigException at file:line:col. */
    public Sequence load() throws ConfigException {
        return loading.load(seed);
    }

    /** Loads and runs the sequence; its timeline is attached to the report if the test fails. */
    public BenchResult run() throws ConfigException {
        BenchResult result = SequenceRunner.run(load());
        RunsOfThisTest.add(new RunsOfThisTest.Run(toString(), () -> HtmlReport.of(result)));
        return result;
    }

    @Override
    public String toString() {
        return seed.isPresent() ? name + " (seed " + seed.getAsLong() + ")" : name;
    }
}
