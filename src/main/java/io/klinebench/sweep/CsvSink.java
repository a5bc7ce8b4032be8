package io.klinebench.sweep;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a sweep's points as CSV (RFC 4180) while it runs: index, one column per axis,
 * passed, outcome, first cause, its window and margin, the tightest window judged and its
 * margin, and the error of a point that could
 * not run. For a spreadsheet or a plot; the boundaries are in the JSON and on stdout.
 */
public final class CsvSink implements SweepSink {

    private final Writer out;

    public CsvSink(Writer out, Sweep sweep) throws IOException {
        this.out = out;
        List<String> head = new ArrayList<>(List.of("index"));
        sweep.axes().forEach(a -> head.add(a.name()));
        head.addAll(List.of(
                "passed",
                "outcome",
                "first-cause",
                "window",
                "margin-ns",
                "tightest-window",
                "tightest-margin-ns",
                "error"));
        row(head);
    }

    @Override
    public void point(PointResult p) throws IOException {
        List<String> r = new ArrayList<>();
        r.add(Long.toString(p.index()));
        r.addAll(p.at());
        r.add(Boolean.toString(p.passed()));
        r.add(p.outcome());
        r.add(p.firstCause() == null ? "" : p.firstCause());
        r.add(p.window() == null ? "" : p.window());
        r.add(p.marginNanos() == null ? "" : p.marginNanos().toString());
        r.add(p.tightestWindow() == null ? "" : p.tightestWindow());
        r.add(p.tightestMarginNanos() == null ? "" : p.tightestMarginNanos().toString());
        r.add(p.error() == null ? "" : p.error());
        row(r);
    }

    @Override
    public void end(SweepResult result) throws IOException {
        out.flush();
    }

    private void row(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            out.write(i == 0 ? "" : ",");
            out.write(quoted(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String quoted(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
