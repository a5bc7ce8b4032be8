package io.klinebench.report;

import io.klinebench.bench.Bench;
import io.klinebench.bench.BenchResult;

/**
 * The HTML page of a run: one self-contained file with a timeline picture. (Being drawn: the
 * signatures are fixed so that the JUnit extension can attach the page; the body comes with the
 * HTML report change of issue 9.)
 */
public final class HtmlReport {

    private HtmlReport() {}

    /** The page of a sequence run. */
    public static String of(BenchResult result) {
        throw new UnsupportedOperationException("the HTML report is not drawn yet");
    }

    /** The page of a bench driven by hand (a JUnit test): its timeline and K-line trace so far. */
    public static String of(Bench bench, String title) {
        throw new UnsupportedOperationException("the HTML report is not drawn yet");
    }
}
