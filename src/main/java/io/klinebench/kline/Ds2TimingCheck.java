package io.klinebench.kline;

import static io.klinebench.kline.Violation.Bound.ABOVE_MAX;
import static io.klinebench.kline.Violation.Bound.BELOW_MIN;

import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Uncertainty;
import java.util.List;
import java.util.Objects;

/**
 * The DS2 rules of {@link TimingValidator#ds2}, in one pass over the trace. The rules and the
 * choices behind them are listed on {@link TimingValidator}.
 */
final class Ds2TimingCheck extends TraceCheck {

    /** Only its {@code frameLength} is used: the same length rule as the link's decoder. */
    private static final Ds2Decoder HEADER = new Ds2Decoder(0);

    private final Ds2Timing timing;
    /** The last telegram, or null at the start and after a line event. */
    private TraceFrame last;

    Ds2TimingCheck(List<TraceEntry> trace, Ds2Timing timing, Uncertainty stamps, CpuStops stops) {
        super(trace, HEADER::frameLength, stamps.nanos(), stops);
        this.timing = Objects.requireNonNull(timing, "timing");
    }

    @Override
    protected long interByteMax(Direction from) {
        return timing.testerInterByteMax();
    }

    /** DS2 has no wake-up: a LOW only ends what was being sent. */
    @Override
    protected void onLow(int index, TraceEntry e) {
        last = null;
    }

    /** DS2 has no 5-baud init: a SLOW byte only ends what was being sent. */
    @Override
    protected void onSlow(int index, TraceEntry e) {
        last = null;
    }

    @Override
    protected void frameDone(TraceFrame f) {
        if (f.cutFrom != null) {
            reportCut(f, Violation.DS2_INTER_BYTE);
        }
        if (!f.isRest() && last != null) {
            long gap = f.firstAt() - last.lastAt();
            String context = last.hexTail() + " | " + f.hexHead();
            if (f.from == Direction.TESTER) {
                if (gap < timing.minRequestGap()) {
                    report(
                            Violation.DS2_REQUEST_GAP,
                            f.from,
                            gap,
                            timing.minRequestGap(),
                            BELOW_MIN,
                            f.index(0),
                            context);
                }
            } else if (last.from == Direction.TESTER && gap > timing.responseTimeout()) {
                report(Violation.DS2_RESPONSE, f.from, gap, timing.responseTimeout(), ABOVE_MAX, f.index(0), context);
            }
        }
        interByteMax(f, Violation.DS2_INTER_BYTE);
        last = f;
    }
}
