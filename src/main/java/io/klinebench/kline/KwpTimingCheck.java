package io.klinebench.kline;

import static io.klinebench.kline.Violation.Bound.ABOVE_MAX;
import static io.klinebench.kline.Violation.Bound.BELOW_MIN;

import io.klinebench.line.Direction;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.CpuStops;
import io.klinebench.time.TimingRange;
import io.klinebench.time.Uncertainty;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The ISO 14230-2 rules of {@link TimingValidator#kwp}, in one pass over the trace. The
 * rules and the choices behind them are listed on {@link TimingValidator}.
 */
final class KwpTimingCheck extends TraceCheck {

    /** Only its {@code frameLength} is used: the same length rule as the link's decoder. */
    private static final KwpFrameDecoder HEADER = new KwpFrameDecoder(0);

    private static final int POSITIVE = 0x40;
    private static final int START_COMMUNICATION = 0x81;
    private static final int STOP_COMMUNICATION_OK = 0x82 + POSITIVE;

    private final KwpTiming initial;
    private final boolean powerOnKnown;
    private final long powerOnAt;
    private KwpTiming timing;

    /** The last frame (or 5-baud init byte) P2 and P3 are measured from; null right after an init began. */
    private TraceFrame last;

    private boolean anyTraffic;
    private long lastTrafficEnd;
    private String lastTrafficText;

    private boolean sessionOpen;
    private boolean powerOnPending;
    private boolean stopped;
    private boolean responsePending;
    private byte[] lastRequestData;

    /** Index of the LOW whose StartCommunication has not come yet, or -1. */
    private int wakeIndex = -1;

    private FiveBaud fiveBaud;

    KwpTimingCheck(
            List<TraceEntry> trace,
            KwpTiming timing,
            boolean powerOnKnown,
            long powerOnAt,
            Uncertainty stamps,
            CpuStops stops) {
        super(trace, HEADER::frameLength, stamps.nanos(), stops);
        this.initial = Objects.requireNonNull(timing, "timing");
        this.timing = timing;
        this.powerOnKnown = powerOnKnown;
        this.powerOnAt = powerOnAt;
        this.powerOnPending = powerOnKnown;
        if (powerOnKnown) {
            for (int i = 0; i < this.trace.size(); i++) {
                if (this.trace.get(i).at() < powerOnAt) {
                    throw new IllegalArgumentException("trace entry #" + i + " at "
                            + this.trace.get(i).at() + " comes before power-on at " + powerOnAt);
                }
            }
        }
    }

    @Override
    protected long interByteMax(Direction from) {
        return from == Direction.TESTER ? timing.p4().max() : timing.p1().max();
    }

    // ---- initialisation ------------------------------------------------------------------------

    @Override
    protected void onLow(int index, TraceEntry e) {
        fiveBaud = null;
        judgeIdleBeforeFastInit(index, e);
        within(
                Violation.TINIL,
                e.from(),
                e.durationNanos(),
                timing.tiniL().nominal() - timing.tiniL().tolerance(),
                timing.tiniL().nominal() + timing.tiniL().tolerance(),
                index,
                describe(e));
        newInit();
        wakeIndex = index;
        traffic(e.at() + e.durationNanos(), describe(e));
    }

    /**
     * 300 ms after power-on (first init only, and only when power-on is known), 55 ms after a
     * StopCommunication answer, P3min inside a session that has not timed out, else nothing.
     */
    private void judgeIdleBeforeFastInit(int index, TraceEntry e) {
        long since;
        long limit;
        String before;
        if (powerOnPending) {
            since = anyTraffic ? lastTrafficEnd : powerOnAt;
            limit = initial.idleAfterPowerOn();
            before = anyTraffic ? lastTrafficText : "power-on";
        } else if (!anyTraffic) {
            return;
        } else {
            since = lastTrafficEnd;
            before = lastTrafficText;
            if (stopped) {
                limit = initial.idleAfterStop();
            } else if (sessionOpen && e.at() - since <= timing.p3().max()) {
                limit = timing.p3().min();
            } else {
                return;
            }
        }
        long idle = e.at() - since;
        if (idle < limit) {
            report(Violation.IDLE_BEFORE_INIT, e.from(), idle, limit, BELOW_MIN, index, before + " | " + describe(e));
        }
    }

    @Override
    protected void onSlow(int index, TraceEntry e) {
        if (anyTraffic || powerOnKnown) {
            long idle = e.at() - (anyTraffic ? lastTrafficEnd : powerOnAt);
            if (idle < timing.w5Min()) {
                report(
                        Violation.W5,
                        e.from(),
                        idle,
                        timing.w5Min(),
                        BELOW_MIN,
                        index,
                        (anyTraffic ? lastTrafficText : "power-on") + " | " + describe(e));
            }
        }
        newInit();
        long end = e.at() + e.durationNanos();
        fiveBaud = new FiveBaud(e.from(), end, describe(e));
        traffic(end, describe(e));
    }

    /** A wake-up or a 5-baud address: whatever session there was is over. */
    private void newInit() {
        endSession();
        stopped = false;
        powerOnPending = false;
        wakeIndex = -1;
        fiveBaud = null;
        last = null;
        responsePending = false;
        lastRequestData = null;
    }

    @Override
    protected boolean claim(int index, TraceEntry e) {
        if (fiveBaud == null) {
            return false;
        }
        if (!fiveBaud.accept(index, e)) {
            fiveBaud = null;
            return false;
        }
        return true;
    }

    /** The key-byte exchange after a 5-baud address, step by step ({@link FiveBaudStep}). */
    private final class FiveBaud {
        private final Direction tester;
        private long previousAt;
        private String previousText;
        private FiveBaudStep step = FiveBaudStep.SYNC;

        FiveBaud(Direction tester, long addressEnd, String addressText) {
            this.tester = tester;
            this.previousAt = addressEnd;
            this.previousText = addressText;
        }

        boolean accept(int index, TraceEntry e) {
            Direction expected = step.from() == Direction.TESTER ? tester : tester.other();
            if (e.from() != expected) {
                return false;
            }
            TimingRange window = step.window(timing);
            within(
                    step.parameter(),
                    e.from(),
                    e.at() - previousAt,
                    window.min(),
                    window.max(),
                    index,
                    previousText + " | " + describe(e));
            previousAt = e.at();
            previousText = describe(e);
            last = TraceFrame.single(e.from(), index, e.at(), e.value());
            traffic(e.at(), previousText);
            if (step.isLast()) {
                fiveBaud = null;
                sessionOpen = true;
            } else {
                step = step.next();
            }
            return true;
        }
    }

    // ---- frames --------------------------------------------------------------------------------

    @Override
    protected void frameDone(TraceFrame f) {
        boolean tester = f.from == Direction.TESTER;
        String interByte = tester ? Violation.P4 : Violation.P1;
        if (f.cutFrom != null) {
            reportCut(f, interByte);
        }
        if (!f.isRest()) {
            judgeStart(f);
        }
        interByteMin(f, interByte, tester ? timing.p4().min() : timing.p1().min());
        interByteMax(f, interByte);
        byte[] data = data(f);
        if (tester) {
            responsePending = false;
            lastRequestData = data;
        } else {
            ecuFrame(data);
        }
        last = f;
        traffic(f.lastAt(), f.hexTail());
    }

    /** TWuP for the first frame after a wake-up; otherwise P2 (P2*) for a response, P3 for a request. */
    private void judgeStart(TraceFrame f) {
        if (wakeIndex >= 0) {
            TraceEntry wake = trace.get(wakeIndex);
            wakeIndex = -1;
            if (f.from == wake.from()) {
                within(
                        Violation.TWUP,
                        f.from,
                        f.firstAt() - wake.at(),
                        timing.tWup().nominal() - timing.tWup().tolerance(),
                        timing.tWup().nominal() + timing.tWup().tolerance(),
                        f.index(0),
                        describe(wake) + " | " + f.hexHead());
                return;
            }
        }
        if (last == null) {
            return;
        }
        long gap = f.firstAt() - last.lastAt();
        String context = last.hexTail() + " | " + f.hexHead();
        if (f.from == Direction.TESTER) {
            if (gap < timing.p3().min()) {
                report(Violation.P3MIN, f.from, gap, timing.p3().min(), BELOW_MIN, f.index(0), context);
            } else if (sessionOpen && gap > timing.p3().max()) {
                report(Violation.P3MAX, f.from, gap, timing.p3().max(), ABOVE_MAX, f.index(0), context);
                endSession();
            }
        } else if (last.from == Direction.ECU && responsePending) {
            within(Violation.P2_STAR, f.from, gap, timing.p2().min(), timing.p2StarMax(), f.index(0), context);
        } else {
            within(Violation.P2, f.from, gap, timing.p2().min(), timing.p2().max(), f.index(0), context);
        }
    }

    /** What an ECU frame says about the session and the timing set. */
    private void ecuFrame(byte[] data) {
        responsePending = data != null
                && data.length == 3
                && (data[0] & 0xFF) == Nrc.NEGATIVE_RESPONSE
                && (data[2] & 0xFF) == Nrc.RESPONSE_PENDING.code();
        if (data == null) {
            return;
        }
        int sid = data[0] & 0xFF;
        if (sid == STOP_COMMUNICATION_OK) {
            endSession();
            stopped = true;
            return;
        }
        if (sid == Nrc.NEGATIVE_RESPONSE && data.length >= 2 && (data[1] & 0xFF) == START_COMMUNICATION) {
            return; // StartCommunication refused: still no session
        }
        sessionOpen = true;
        stopped = false;
        powerOnPending = false;
        if (sid == AccessTimingParameters.SID + POSITIVE && data.length >= 2) {
            accessTimingParameters(data[1] & 0xFF);
        }
    }

    /**
     * A positive AccessTimingParameters answer: {@code C3 01} restores the set the check began
     * with; {@code C3 03} puts the values of the request before it in force (P2min, P3min, P4min
     * in 0.5 ms steps, P2max in 25 ms, P3max in 250 ms, FF = infinite), as the ECU does.
     */
    private void accessTimingParameters(int tpi) {
        if (tpi == AccessTimingParameters.SET_DEFAULTS) {
            timing = initial;
            return;
        }
        if (tpi != AccessTimingParameters.SET_VALUES || lastRequestData == null) {
            return;
        }
        AccessTimingParameters.setValues(lastRequestData).ifPresent(v -> {
            try {
                timing = timing.withSession(v.p2(), v.p3(), v.p4Min());
            } catch (IllegalArgumentException impossible) {
                // values no KwpTiming can hold: a sane ECU refuses them; keep judging by the old set
            }
        });
    }

    private void endSession() {
        sessionOpen = false;
        timing = initial;
    }

    private void traffic(long end, String text) {
        anyTraffic = true;
        lastTrafficEnd = end;
        lastTrafficText = text;
    }

    /** Service id and parameters of a complete frame, or null. */
    private static byte[] data(TraceFrame f) {
        byte[] raw = f.bytesIfComplete();
        if (raw == null) {
            return null;
        }
        int fmt = raw[0] & 0xFF;
        int header = 1 + (KwpFrame.Addressing.ofFormat(fmt).hasAddressBytes() ? 2 : 0) + ((fmt & 0x3F) == 0 ? 1 : 0);
        if (raw.length < header + 2) {
            return null;
        }
        return Arrays.copyOfRange(raw, header, raw.length - 1);
    }
}
