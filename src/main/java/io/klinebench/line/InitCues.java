package io.klinebench.line;

/**
 * What an ECU end awaiting an initialisation expects, so that a line that cannot see wake-ups
 * and 5-baud bytes directly (a pty, a UART without break detection) can recognise them in the
 * bytes that arrive: the 0x00 a tester sends at 360 baud for its wake-up, the address it sends
 * at 5 baud.
 *
 * @param address            the ECU's address (a 5-baud address must be it or the functional one)
 * @param functionalAddress  the functional address the ECU also answers
 * @param lowNanos           how long the wake-up holds K low (TiniL)
 * @param quietBeforeWakeUp  a 0x00 after more than this much silence is no frame byte (P4max; in a
 *                           session P3min, after which a tester may initialise again)
 * @param quietBeforeAddress a lone address byte after at least this much silence (W5)
 * @param lateBy             how late the line may deliver a byte (its stated uncertainty): a
 *                           byte sent at 360 or 5 baud may arrive that long after the tester
 *                           switched, and after it switched back
 */
public record InitCues(
        int address,
        int functionalAddress,
        long lowNanos,
        long quietBeforeWakeUp,
        long quietBeforeAddress,
        long lateBy) {}
