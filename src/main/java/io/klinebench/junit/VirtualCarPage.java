package io.klinebench.junit;

import io.klinebench.kline.Violation;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.report.HtmlReport;
import io.klinebench.sim.VirtualCar;
import java.util.List;

/**
 * The page of a {@link VirtualCar}'s K-line: what a tester under test said to the car and the car
 * answered, each side's bytes and bursts, judged by the protocol's timing rules within the pty's
 * stated uncertainty (beyond it: broken; within it: undecided), times counted from the car's
 * start.
 */
final class VirtualCarPage {

    private VirtualCarPage() {}

    /** The page, or empty when nothing was said on the line (then there is nothing to draw). */
    static java.util.Optional<String> of(VirtualCar car, String title) {
        List<TraceEntry> trace = car.trace().stream()
                .map(t -> new TraceEntry(t.at() - car.startedAt(), t.from(), t.kind(), t.value(), t.durationNanos()))
                .toList();
        if (trace.isEmpty()) {
            return java.util.Optional.empty();
        }
        DiagnosticProfile d = car.diagnostics();
        List<Violation> all = d.protocol().judge(trace, car.stamps());
        List<Violation> broken =
                all.stream().filter(v -> v.beyond(car.stamps())).toList();
        List<Violation> undecided =
                all.stream().filter(v -> !v.beyond(car.stamps())).toList();
        String judged = trace.size() + " entries (" + d.protocol().name() + " timing, stamps " + car.stamps() + ")";
        String headline = broken.isEmpty()
                ? "PASSED: no timing violations in " + judged
                : "FAILED: " + broken.size() + (broken.size() == 1 ? " timing violation" : " timing violations")
                        + " in " + judged;
        return java.util.Optional.of(HtmlReport.ofTrace(
                title,
                "The car in real time on a virtual serial pair (" + d.lineDescription()
                        + "), as the test's tester talked to it; times from the car's start.",
                headline,
                trace,
                HtmlReport.byteNanos(d.baud(), d.framing()),
                broken,
                undecided));
    }
}
