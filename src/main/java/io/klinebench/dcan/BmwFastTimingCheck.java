package io.klinebench.dcan;

import io.klinebench.kline.Decoded;
import io.klinebench.kline.Violation;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.Uncertainty;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a trace of the cable's serial side (BMW-FAST telegrams, both directions), stamps each
 * off by up to {@code stamps}:
 *
 * <pre>
 *   BMW-FAST inter-byte   inside a tester's telegram      &lt;= 3 ms   (the cable ends it there)
 *                         inside the cable's answer       &lt;= 10 ms  (EDIABAS's ParTimeoutTelEnd)
 *   P2 (D-CAN)            request's last byte .. answer's first byte  &lt;= P2max
 *   P2* (D-CAN)           after a responsePending (7F SID 78)        &lt;= P2*max
 * </pre>
 *
 * P2 is ISO 15765-3's limit on CAN, measured here on the serial side, where the request's and
 * the answer's frames on the bus (0.5 ms for single frames) count against the module: a
 * stricter judge than the bus itself would be.
 */
public final class BmwFastTimingCheck {

    public static final String TESTER_INTER_BYTE = "BMW-FAST inter-byte (tester)";
    public static final String ANSWER_INTER_BYTE = "BMW-FAST inter-byte (answer)";
    public static final String P2 = "P2 (D-CAN)";
    public static final String P2_STAR = "P2* (D-CAN)";

    private record Telegram(
            Direction by, byte[] raw, int firstIndex, int lastIndex, long firstAt, long lastAt, long gap) {}

    private BmwFastTimingCheck() {}

    public static List<Violation> judge(List<TraceEntry> trace, DCanTiming timing, Uncertainty stamps) {
        List<Telegram> telegrams = telegrams(trace);
        List<Violation> out = new ArrayList<>();
        Telegram request = null;
        boolean pending = false;
        for (Telegram t : telegrams) {
            long interLimit =
                    t.by() == Direction.TESTER ? timing.serialInterByteMax() : DCanTester.ANSWER_INTER_BYTE_MAX;
            if (t.gap() > interLimit) {
                out.add(new Violation(
                        t.by() == Direction.TESTER ? TESTER_INTER_BYTE : ANSWER_INTER_BYTE,
                        t.by(),
                        t.gap(),
                        interLimit,
                        Violation.Bound.ABOVE_MAX,
                        t.lastIndex(),
                        t.lastAt(),
                        Hex.of(t.raw())));
            }
            if (t.by() == Direction.TESTER) {
                request = t;
                pending = false;
                continue;
            }
            if (request == null) {
                continue;
            }
            long p2 = t.firstAt() - request.lastAt();
            long limit = pending ? timing.p2StarMax() : timing.p2Max();
            if (p2 > limit) {
                out.add(new Violation(
                        pending ? P2_STAR : P2,
                        Direction.ECU,
                        p2,
                        limit,
                        Violation.Bound.ABOVE_MAX,
                        t.firstIndex(),
                        t.firstAt(),
                        Hex.of(request.raw()) + " | " + Hex.of(t.raw())));
            }
            boolean isPending = isPending(t.raw());
            if (isPending) {
                request = new Telegram(t.by(), t.raw(), t.firstIndex(), t.lastIndex(), t.firstAt(), t.lastAt(), 0);
            }
            pending = isPending;
        }
        return out;
    }

    static boolean isPending(byte[] raw) {
        return raw.length == 7 && (raw[3] & 0xFF) == 0x7F && (raw[5] & 0xFF) == 0x78;
    }

    /** Each side's bytes read as telegrams, with a decoder that never truncates (the gap is judged instead). */
    private static List<Telegram> telegrams(List<TraceEntry> trace) {
        List<Telegram> out = new ArrayList<>();
        for (Direction side : Direction.values()) {
            BmwFastDecoder decoder = new BmwFastDecoder(Long.MAX_VALUE / 4);
            List<Integer> indices = new ArrayList<>();
            int[] consumed = {0};
            decoder.onDecoded(d -> {
                int n = d.raw().length;
                if (d instanceof Decoded.Frame<BmwFastTelegram> f) {
                    out.add(new Telegram(
                            side,
                            f.raw(),
                            indices.get(consumed[0]),
                            indices.get(consumed[0] + n - 1),
                            f.firstAt(),
                            f.lastAt(),
                            f.longestGap()));
                }
                consumed[0] += n;
            });
            for (int i = 0; i < trace.size(); i++) {
                TraceEntry e = trace.get(i);
                if (e.from() == side && e.kind() == TraceEntry.Kind.BYTE) {
                    indices.add(i);
                    decoder.feed(e.value(), e.at());
                }
            }
        }
        out.sort((a, b) -> Long.compare(a.firstAt(), b.firstAt()));
        return out;
    }
}
