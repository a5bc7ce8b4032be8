package io.klinebench.car;

/**
 * Where the dealer's diagnostic remote learn stands, as a tester reads its results.
 *
 * @param phase   idle (never started since the module started), waiting, or how it ended
 * @param slot    the slot it learns into (from 0); -1 when idle
 * @param endsAt  while waiting: when it gives up; otherwise when it ended (-1 when idle)
 * @param serial  the remote learned, 0 if none
 * @param counter the counter stored for it, 0 if none
 */
public record DiagnosticLearnState(Phase phase, int slot, long endsAt, int serial, int counter) {

    public enum Phase {
        /** Not started since the module last started. */
        IDLE,
        /** Waiting for the next genuine remote code. */
        WAITING,
        /** A remote was learned into the slot. */
        LEARNED,
        /** No genuine code came before the timeout. */
        TIMED_OUT,
        /** Stopped by the tester, an ECU reset, a power loss, a receiver replacement or a restored memory. */
        CANCELLED
    }

    static final DiagnosticLearnState IDLE = new DiagnosticLearnState(Phase.IDLE, -1, -1, 0, 0);

    public boolean waiting() {
        return phase == Phase.WAITING;
    }
}
