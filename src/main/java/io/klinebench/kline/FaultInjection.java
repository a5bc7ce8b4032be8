package io.klinebench.kline;

import io.klinebench.line.Bytes;
import java.util.function.Consumer;

/** How both link layers say the faults they made in an answer. */
final class FaultInjection {

    private FaultInjection() {}

    /**
     * Tells {@code events} each fault made in {@code out}, at the instant the answer was due;
     * false when nothing is left to send (told to stay silent).
     */
    static boolean said(FaultPlan.Transmission out, Bytes request, long due, Consumer<LinkEvent> events) {
        long[] at = out.at();
        long until = at.length == 0 ? due : at[at.length - 1];
        for (FaultPlan.Armed a : out.injected()) {
            // a power dip lasts past the answer that was due: its end is when the module is back
            long ends = a.fault() instanceof Fault.PowerDip d ? due + d.nanos() : until;
            said(a, request, due, ends, events);
        }
        return out.bytes().length > 0;
    }

    /** Tells {@code events} that {@code a} was made in the answer to {@code request}, due at {@code due}, ending at {@code until}. */
    static void said(FaultPlan.Armed a, Bytes request, long due, long until, Consumer<LinkEvent> events) {
        events.accept(new LinkEvent.FaultInjected(
                due, request, a.fault().text(), a.trigger().text(), until));
    }

    /**
     * Tells {@code events} each echo fault made in the echo of {@code request} (decoded at
     * {@code at}, whole or dropped), once.
     */
    static void saidEchoes(FaultPlan plan, Bytes request, long at, Consumer<LinkEvent> events) {
        for (FaultPlan.Armed a : plan.echoFaultsMade()) {
            said(a, request, at, at, events);
        }
    }
}
