package io.klinebench.kline;

import io.klinebench.line.TraceEntry;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Uncertainty;
import java.util.List;

/**
 * Judges a K-line trace against a timing set: every place where either side broke a limit,
 * with the measured value, the limit and the bytes around it ({@link Violation}). Pure: no
 * clock, no I/O; the same trace gives the same list.
 *
 * <h2>The trace</h2>
 * <ul>
 * <li>Each byte on the line appears <b>once</b>, with the side that sent it. The echo a
 * tester hears of its own bytes on a real K-line is the same byte and must not be recorded
 * a second time (the simulator's own trace never does; a capture that logs both a tester's
 * writes and the echo it reads back must drop one of them first). An echo left in shows as
 * P4 "too short" violations, and as requests framed wrongly, with the P3 violations that
 * follow.</li>
 * <li>Entries may come in any order: they are taken in time order (stable for equal times).
 * {@link Violation#index()} is the index in the list as given.</li>
 * <li>Times are what the trace says: a byte's {@code at} is its arrival, a LOW or SLOW entry
 * runs from {@code at} to {@code at + durationNanos}. Every gap is measured between these
 * stamps; the time a byte takes on the wire is not modelled. On a real line a byte stamped
 * on arrival therefore makes each byte-to-byte gap one character time longer than the idle
 * time between them (about 0.96 ms at 10400 baud 8N1, 1.15 ms at 9600 8E1); on a pty it is
 * near zero.</li>
 * <li>Limits are inclusive: exactly on a limit is kept, 1 ns beyond it is a violation.</li>
 * </ul>
 *
 * <h2>Frames</h2>
 * Each side's bytes are grouped into frames by the length in their header (KWP2000: FMT or
 * the LEN byte; DS2: the LEN byte); checksums are not looked at. A frame also ends when the
 * other side sends, at a line event (LOW, SLOW) or at the end of the trace (all without a
 * violation), or at a gap beyond the sender's inter-byte maximum. If that gap came before
 * the frame was whole, it is one inter-byte violation, shown with the bytes on both sides
 * ({@code C1 33 | F1 81 66}); the bytes after it are the frame's rest and are not judged as
 * a new request or response. A frame whose length field cannot be right (KWP LEN 0, DS2 LEN
 * below 4) has no length: it ends at the first gap beyond the maximum, without a violation.
 *
 * <h2>KWP2000 (ISO 14230-2) rules</h2>
 * <table>
 * <caption>What is measured, and who is blamed</caption>
 * <tr><th>parameter</th><th>measured</th><th>limits</th><th>by</th></tr>
 * <tr><td>P4</td><td>between two bytes of a tester frame</td><td>p4Min..p4Max</td><td>tester</td></tr>
 * <tr><td>P1</td><td>between two bytes of an ECU frame</td><td>p1Min..p1Max</td><td>ECU</td></tr>
 * <tr><td>P2</td><td>end of the previous frame (the request, or the ECU's previous response) to the first byte
 * of an ECU frame</td><td>p2Min..p2Max</td><td>ECU</td></tr>
 * <tr><td>P2*</td><td>the same, when the previous frame was the ECU's {@code 7F SID 78}</td>
 * <td>p2Min..p2StarMax</td><td>ECU</td></tr>
 * <tr><td>P3min</td><td>end of the previous frame to the first byte of a tester frame</td><td>at least p3Min</td>
 * <td>tester</td></tr>
 * <tr><td>P3max/session timeout</td><td>the same, while a session is open</td><td>at most p3Max</td>
 * <td>tester</td></tr>
 * <tr><td>TiniL</td><td>a LOW entry's duration</td><td>tiniL +- tiniLTolerance</td><td>its sender</td></tr>
 * <tr><td>TWuP</td><td>start of a LOW to the first byte of its sender's next frame</td>
 * <td>tWup +- tWupTolerance</td><td>its sender</td></tr>
 * <tr><td>idle before init</td><td>end of the last traffic (or power-on) to the start of a LOW</td>
 * <td>see below</td><td>its sender</td></tr>
 * <tr><td>W5</td><td>end of the last traffic (or power-on) to the start of a SLOW address</td>
 * <td>at least w5Min</td><td>its sender</td></tr>
 * <tr><td>W1, W2, W3</td><td>SLOW end to 0x55, 0x55 to KB1, KB1 to KB2</td><td>w1..w3 min..max</td>
 * <td>ECU</td></tr>
 * <tr><td>W4</td><td>KB2 to ~KB2, and ~KB2 to ~address</td><td>w4Min..w4Max</td><td>tester, ECU</td></tr>
 * </table>
 * Choices where the standard leaves room:
 * <ul>
 * <li><b>Sessions.</b> A session opens with any complete ECU frame other than a positive
 * StopCommunication answer ({@code C2}) or a refused StartCommunication ({@code 7F 81 ..}),
 * so a trace that starts in the middle of a session is judged as one; and with the ECU's
 * ~address at the end of a 5-baud init. It ends with {@code C2}, with a new LOW or SLOW, and
 * with a P3max violation (reported once: later requests find no session).</li>
 * <li><b>P3 after a request without an answer</b> is measured from that request's end: the
 * tester cannot know that no answer is coming before P2max, and P3min &gt; P2max. P3max is
 * measured from the last frame of either side, as the ECU restarts its session timer on each
 * request (TesterPresent {@code 3E 02} needs no answer).</li>
 * <li><b>P2 is judged only when the ECU sends.</b> A missing answer is not a timing violation
 * (the request may have been for someone else). An ECU frame right after a line event
 * (LOW, SLOW) is not judged.</li>
 * <li><b>Idle before a fast init</b>, by the state of the line: the first init after power-on
 * needs {@code idleAfterPowerOn} since power-on (or since the last traffic after it), judged
 * only by {@link #kwp(List, KwpTiming, long)}, which is told when power came on; the trace's
 * start is never taken for power-on. After a positive StopCommunication answer,
 * {@code idleAfterStop}. Inside an open session, {@code p3Min} (a wake-up is a tester
 * transmission, and the ECU may still be sending), or nothing once the idle time is beyond
 * P3max (the session timed out: 0). After a failed init attempt, nothing: the ECU is ready
 * for a new wake-up at once.</li>
 * <li><b>5-baud init.</b> After a SLOW address, the next bytes are taken as 0x55, KB1, KB2
 * (ECU), ~KB2 (tester), ~address (ECU) if they come from those sides, whatever their values;
 * a byte from the other side ends the init (no session) and is framed normally. The first
 * request after ~address is judged by P3.</li>
 * <li><b>AccessTimingParameters.</b> A positive answer {@code C3 03} to
 * {@code 83 03 P2min P2max P3min P3max P4min} puts those values in force (through
 * {@link KwpTiming#withSession}) for what follows; {@code C3 01} and the end of the session
 * restore the set the check began with.</li>
 * </ul>
 *
 * <h2>DS2 rules</h2>
 * DS2 has no standard; {@link Ds2Timing} holds one module's values.
 * <ul>
 * <li>{@value Violation#DS2_INTER_BYTE}: a gap inside a telegram beyond
 * {@code testerInterByteMax}, by either side (DS2 has one inter-byte limit; the ECU's own
 * {@code ecuInterByte} is what it uses, not a limit). No minimum.</li>
 * <li>{@value Violation#DS2_RESPONSE}: end of a tester telegram to the first byte of the ECU's
 * next telegram, beyond {@code responseTimeout}. No minimum ({@code ecuResponseDelay} is the
 * ECU's choice, not a limit).</li>
 * <li>{@value Violation#DS2_REQUEST_GAP}: end of the previous telegram (the answer, or an
 * unanswered request) to the first byte of a tester telegram, below {@code minRequestGap}.</li>
 * <li>LOW and SLOW entries end a telegram and are not judged. {@code lockAfterIdle} is the
 * module's behaviour, not a limit of the line: not judged.</li>
 * </ul>
 */
public final class TimingValidator {

    private TimingValidator() {}

    /**
     * KWP2000 on K-line, without knowing when the ECU was powered: the first fast init's
     * idle time is not judged.
     */
    public static List<Violation> kwp(List<TraceEntry> trace, KwpTiming timing) {
        return kwp(trace, timing, Uncertainty.NONE);
    }

    /**
     * KWP2000 on K-line, from stamps that may each be off by {@code stamps}: bytes are framed as a
     * lenient link layer on that line frames them (a gap up to the uncertainty beyond an
     * inter-byte maximum does not cut a frame), and every rule broken is listed; whether a
     * violation is beyond the uncertainty, or not decidable, is {@link Violation#beyond}.
     */
    public static List<Violation> kwp(List<TraceEntry> trace, KwpTiming timing, Uncertainty stamps) {
        return kwp(trace, timing, stamps, CpuStops.NONE);
    }

    /**
     * The same, the machine seen to stop by {@code stops} while the trace was written: a gap a
     * stop held is framed and judged with that much more uncertainty, as the sim's link took it
     * ({@link Violation#beyond(Uncertainty, CpuStops)}).
     */
    public static List<Violation> kwp(List<TraceEntry> trace, KwpTiming timing, Uncertainty stamps, CpuStops stops) {
        return new KwpTimingCheck(trace, timing, false, 0, stamps, stops).run();
    }

    /**
     * KWP2000 on K-line, the ECU powered at {@code powerOnAt} (trace clock): the first init's
     * idle time counts from then.
     *
     * @throws IllegalArgumentException if an entry comes before {@code powerOnAt}
     */
    public static List<Violation> kwp(List<TraceEntry> trace, KwpTiming timing, long powerOnAt) {
        return new KwpTimingCheck(trace, timing, true, powerOnAt, Uncertainty.NONE, CpuStops.NONE).run();
    }

    /** BMW DS2. */
    public static List<Violation> ds2(List<TraceEntry> trace, Ds2Timing timing) {
        return ds2(trace, timing, Uncertainty.NONE);
    }

    /** BMW DS2, from stamps that may each be off by {@code stamps} (see {@link #kwp(List, KwpTiming, Uncertainty)}). */
    public static List<Violation> ds2(List<TraceEntry> trace, Ds2Timing timing, Uncertainty stamps) {
        return ds2(trace, timing, stamps, CpuStops.NONE);
    }

    /** BMW DS2, the machine seen to stop by {@code stops} (see {@link #kwp(List, KwpTiming, Uncertainty, CpuStops)}). */
    public static List<Violation> ds2(List<TraceEntry> trace, Ds2Timing timing, Uncertainty stamps, CpuStops stops) {
        return new Ds2TimingCheck(trace, timing, stamps, stops).run();
    }
}
