package io.klinebench.kline;

import io.klinebench.time.Clock;
import io.klinebench.time.Durations;
import java.util.function.Consumer;

/**
 * A wait for the other side's next byte that the machine's stops lengthen: it is due {@code
 * limit} after {@code from} plus the line's tolerance; when that comes, it moves later by the
 * stops seen since {@code from} (a byte a stopped machine held may still come, and is stamped
 * late by as much), at most {@code most} more, and only then expires, saying how much longer it
 * waited and for which stops. One rule for P3max, W4 and a wake-up's StartCommunication, the
 * same one the link's frame decoder and the validator apply to a gap.
 */
final class WaitWidenedByStops {

    private final Clock clock;
    private final LineConditions conditions;
    private final long from;
    private final long limit;
    private final long most;
    private final Consumer<String> expired;
    private Clock.Scheduled current;

    private WaitWidenedByStops(
            Clock clock, LineConditions conditions, long from, long limit, long most, Consumer<String> expired) {
        this.clock = clock;
        this.conditions = conditions;
        this.from = from;
        this.limit = limit;
        this.most = most;
        this.expired = expired;
    }

    /**
     * Starts the wait.
     *
     * @param most     how much longer at most it waits for stops (a machine stopped that long is
     *                 not one a byte's timing means anything on)
     * @param expired  told, when the wait is over with nothing come, the words to add to its
     *                 reason: empty, or " (waited 98.8ms longer for the machine's stops: ...)"
     */
    static WaitWidenedByStops start(
            Clock clock, LineConditions conditions, long from, long limit, long most, Consumer<String> expired) {
        WaitWidenedByStops wait = new WaitWidenedByStops(clock, conditions, from, limit, most, expired);
        wait.armAt(wait.plainDue());
        return wait;
    }

    /** When it would expire with no stop seen: the limit, the line's tolerance, and a nanosecond past. */
    private long plainDue() {
        return from + limit + conditions.tolerance() + 1;
    }

    private void armAt(long at) {
        current = clock.schedule(at, () -> {
            long now = clock.nanos();
            long due = from + limit + Math.min(conditions.tolerance(from, now), conditions.tolerance() + most) + 1;
            if (due > now) {
                armAt(due);
                return;
            }
            long waited = due - plainDue();
            expired.accept(
                    waited <= 0
                            ? ""
                            : " (waited " + Durations.human(waited) + " longer for the machine's stops: "
                                    + conditions.stops().said(from, now, conditions.tolerance()) + ")");
        });
    }

    /** Ends the wait: it never expires. */
    void cancel() {
        current.cancel();
    }
}
