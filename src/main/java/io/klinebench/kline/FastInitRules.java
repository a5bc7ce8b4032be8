package io.klinebench.kline;

import io.klinebench.time.Durations;

/**
 * ISO 14230-2's fast init as the module judges it: whether a wake-up pattern counts, and whether
 * the StartCommunication after it does, with the leniency a real line needs. Only verdicts: the
 * link acts on them (a refused wake-up leaves it ready for the next at once, s5.1.2).
 */
final class FastInitRules {

    /** What the module makes of a wake-up or a StartCommunication. */
    sealed interface Verdict {}

    /** Within the standard's windows. */
    record Taken() implements Verdict {}

    /** Outside a window but taken, as a real line needs; {@code why} says which and by how much. */
    record Tolerated(String why) implements Verdict {}

    /** Not taken, and why. */
    record Refused(String why) implements Verdict {}

    /** Every taken verdict is the same: one instance. */
    static final Verdict TAKEN = new Taken();

    private final KwpTiming standard;
    private final LineConditions conditions;

    FastInitRules(KwpTiming standard, LineConditions conditions) {
        this.standard = standard;
        this.conditions = conditions;
    }

    /**
     * K low for {@code lowNanos} after {@code idle} of silence, where {@code idleNeeded} is asked
     * (after power-on or a stop, or inside a session P3min: a wake-up is a tester transmission),
     * judged by the timing in force.
     */
    Verdict wakeUp(long lowNanos, long idle, long idleNeeded, KwpTiming inForce) {
        if (!inForce.tiniL().contains(lowNanos)) {
            return new Refused("K low for " + Durations.format(lowNanos) + ", TiniL is "
                    + Durations.format(inForce.tiniL().nominal()) + " +- "
                    + Durations.format(inForce.tiniL().tolerance()));
        }
        if (idle < idleNeeded) {
            return new Refused(
                    "only " + Durations.format(idle) + " idle before it; " + Durations.format(idleNeeded) + " needed");
        }
        return TAKEN;
    }

    /**
     * A StartCommunication beginning {@code sinceWake} after the wake-up began. A late one is
     * taken (the give-up timer ends a wait that is too long); an early one is refused, unless the
     * line is lenient and the low time is over: on a real line (a pty above all) the wake-up's
     * instant is a byte's arrival, off by the reader's jitter. The trace, and so the timing
     * validator, still shows the TWuP the tester kept.
     */
    Verdict afterWakeUp(long sinceWake) {
        if (sinceWake >= standard.tWup().min()) {
            return TAKEN;
        }
        if (conditions.lenientInits() && sinceWake >= standard.tiniL().nominal()) {
            return new Tolerated("StartCommunication " + Durations.format(sinceWake)
                    + " after the wake-up began, below TWuP "
                    + Durations.format(standard.tWup().min())
                    + ": on a real line the wake-up is stamped by a byte's arrival");
        }
        return new Refused("StartCommunication " + Durations.format(sinceWake) + " after the wake-up began; TWuP is "
                + Durations.format(standard.tWup().nominal()));
    }

    /**
     * A StartCommunication with no wake-up seen, after {@code idle} of silence: on a lenient
     * line, one after TWuP of silence is a fast init of its own (a tester's wake-up may not show
     * on a line that carries no break); strictly, never.
     */
    Verdict withoutWakeUp(long idle) {
        if (!conditions.lenientInits() || idle < standard.tWup().nominal()) {
            return new Refused("StartCommunication without a wake-up pattern");
        }
        return new Tolerated("StartCommunication with no wake-up seen, after " + Durations.format(idle)
                + " of silence: a tester's wake-up may not show on this line");
    }
}
