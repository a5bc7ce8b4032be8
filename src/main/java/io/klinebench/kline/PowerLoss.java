package io.klinebench.kline;

import io.klinebench.line.LineEvent;
import io.klinebench.time.Clock;
import java.util.function.Consumer;

/**
 * An injected power dip at a module's end of the line ({@link Fault.PowerDip}): while it lasts
 * the module hears nothing; when its power is back it says what came meanwhile. Both link
 * layers keep one; what "back" means (a new init, or simply listening) is theirs.
 */
final class PowerLoss {

    private final Clock clock;
    private final Consumer<LinkEvent> events;
    private long until = Long.MIN_VALUE;
    private int unheard;

    PowerLoss(Clock clock, Consumer<LinkEvent> events) {
        this.clock = clock;
        this.events = events;
    }

    /** True (and counted) when {@code e} comes while the module is without power: it is not heard. */
    boolean swallows(LineEvent e) {
        if (e.at() < until) {
            unheard++;
            return true;
        }
        return false;
    }

    /** The module is without power until {@code dip} after {@code at}; then {@code back} runs. */
    void begin(long at, Fault.PowerDip dip, Runnable back) {
        long end = at + dip.nanos();
        until = end;
        unheard = 0;
        clock.schedule(end, () -> {
            back.run();
            if (unheard > 0) {
                events.accept(new LinkEvent.Ignored(
                        end,
                        unheard + " line event(s)",
                        "they came while the module was without power (fault " + dip.text() + ")"));
            }
        });
    }
}
